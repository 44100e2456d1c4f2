"""Property: whatever the edits, saving and loading again gives back exactly the portfolio saved."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_writer_roundtrip import build_workbook

from planner.loader import load_portfolio
from planner.model import Initiative
from planner.writer import save_portfolio

amounts = st.decimals(min_value=0, max_value=999, places=3, allow_nan=False, allow_infinity=False)
texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1,
                max_size=30).filter(lambda t: t.strip() == t and " " not in t and t.strip())
edit = st.one_of(
    st.tuples(st.just("amount"), st.sampled_from(["V1", "V2", "V3"]), st.sampled_from([2023, 2024]), amounts),
    st.tuples(st.just("name"), st.sampled_from(["V1", "V2", "V3"]), texts),
    st.tuples(st.just("add"), texts, st.sampled_from([2023, 2024]), amounts),
    st.tuples(st.just("remove"), st.sampled_from(["V1", "V2", "V3"])),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(edit, min_size=1, max_size=6))
def test_save_then_load_gives_back_what_was_saved(tmp_path: Path, edits: list[tuple]) -> None:  # type: ignore[type-arg]
    book = tmp_path / "b.xlsx"
    if not book.exists():
        build_workbook(book)
    p = load_portfolio(book)
    for e in edits:
        if e[0] == "amount" and p.get(e[1]) is not None:
            p.set_amount(e[1], e[2], e[3])
        elif e[0] == "name" and p.get(e[1]) is not None:
            p.get(e[1]).name = e[2]  # type: ignore[union-attr]
        elif e[0] == "add":
            p.initiatives.append(Initiative(id=f"N{len(p.initiatives)}", name=e[1], phase="Modning",
                                            amounts={e[2]: e[3]}))
        elif e[0] == "remove" and len(p.initiatives) > 1:
            p.initiatives = [i for i in p.initiatives if i.id != e[1]]
    out = tmp_path / "out.xlsx"
    save_portfolio(p, out)
    back = load_portfolio(out)
    assert [i.id for i in back.initiatives] == [i.id for i in p.initiatives]
    for mine, theirs in zip(p.initiatives, back.initiatives, strict=True):
        assert theirs.name == mine.name
        assert {y: a for y, a in theirs.amounts.items() if a} == {y: a for y, a in mine.amounts.items() if a}
    assert back.totals_by_year() == {y: t for y, t in p.totals_by_year().items()} or all(
        back.totals_by_year().get(y, Decimal(0)) == t for y, t in p.totals_by_year().items())
    # and the saved file, saved again unchanged, is byte-identical
    again = tmp_path / "again.xlsx"
    save_portfolio(back, again)
    assert again.read_bytes() == out.read_bytes()
