"""Recovery snapshots: the unsaved figures of an open portfolio, kept in the user's data folder.

The app writes a snapshot while there are unsaved changes and deletes it on save or clean close, so a
snapshot found at start-up belongs to a session that crashed. A snapshot holds the portfolio's current
figures (initiatives with their yearly amounts, costs and texts; the frame), the workbook it came from
and when it was taken, as JSON with every Decimal written as its exact text ("12.70" stays "12.70").

Restoring never touches the workbook: :func:`apply_snapshot` puts the snapshot's figures into a portfolio
freshly read from the snapshot's source path, and the user decides when to save. No Qt here (the CLI and
tests use it headless).
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from planner.log import data_dir
from planner.model import Frame, Initiative, Portfolio

FORMAT = "portfolio-planner-recovery"
VERSION = 1
SUFFIX = ".json"
_PORTFOLIO_FIELDS = ("name", "price_level", "unit", "years")
_INITIATIVE_DECIMALS = ("stated_total",)


class RecoveryError(ValueError):
    """A snapshot file that cannot be read (damaged, foreign or from a newer version)."""


@dataclass(frozen=True)
class Snapshot:
    """One snapshot as read back: where it lies, whose session wrote it, what it holds."""

    file: Path
    session: str
    source_path: str
    source_sha256: str
    saved_at: datetime
    pid: int
    host: str
    edits: int
    portfolio: Portfolio

    @property
    def name(self) -> str:
        """What to call the snapshot's workbook in a dialog."""
        return Path(self.source_path).name if self.source_path else (self.portfolio.name or "")

    def source_changed(self) -> bool:
        """True when the workbook on disk is no longer the one the snapshot was taken from."""
        if not self.source_path or not self.source_sha256:
            return False
        try:
            return _sha256(Path(self.source_path)) != self.source_sha256
        except OSError:
            return True


def recovery_dir() -> Path:
    return data_dir() / "recovery"


def new_session_id() -> str:
    """A name for this run's snapshot file: the process id plus a random part (pids are reused)."""
    return f"{os.getpid()}-{uuid.uuid4().hex[:12]}"


def snapshot_file(session: str) -> Path:
    return recovery_dir() / f"{session}{SUFFIX}"


# -- encoding ---------------------------------------------------------------------------------------------
def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value: Any, what: str) -> Decimal | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecoveryError(f"{what}: {value!r} is no exact amount")
    try:
        number = Decimal(value)
    except InvalidOperation as exc:
        raise RecoveryError(f"{what}: {value!r} is no number") from exc
    if not number.is_finite():
        raise RecoveryError(f"{what}: {value!r} is no amount")
    return number


def encode_portfolio(portfolio: Portfolio) -> dict[str, Any]:
    """The figures and texts of ``portfolio`` as JSON-ready data; amounts as exact decimal text."""
    initiatives = []
    for ini in portfolio.initiatives:
        data = ini.model_dump(mode="json", exclude={"amounts", "costs", "stated_total", "sources"})
        data["stated_total"] = _text(ini.stated_total)
        data["amounts"] = {str(y): str(a) for y, a in ini.amounts.items()}
        data["costs"] = {c.value: str(a) for c, a in ini.costs.items()}
        data["sources"] = {k: ref.model_dump(mode="json") for k, ref in ini.sources.items()}
        initiatives.append(data)
    frame = portfolio.frame
    return {
        **{key: getattr(portfolio, key) for key in _PORTFOLIO_FIELDS},
        "frame": {"total": _text(frame.total), "by_year": {str(y): str(a) for y, a in frame.by_year.items()}},
        "initiatives": initiatives,
    }


def decode_portfolio(data: dict[str, Any]) -> Portfolio:
    """The inverse of :func:`encode_portfolio` (no source, no findings until revalidated)."""
    try:
        initiatives = []
        for raw in data["initiatives"]:
            item = dict(raw)
            label = str(item.get("id", "?"))
            item["amounts"] = {int(y): _decimal(a, f"{label} {y}") for y, a in item.get("amounts", {}).items()}
            item["costs"] = {c: _decimal(a, f"{label} {c}") for c, a in item.get("costs", {}).items()}
            for key in _INITIATIVE_DECIMALS:
                item[key] = _decimal(item.get(key), f"{label} {key}")
            initiatives.append(Initiative.model_validate(item))
        frame_data = data.get("frame") or {}
        frame = Frame(total=_decimal(frame_data.get("total"), "frame"),
                      by_year={int(y): _decimal(a, f"frame {y}") for y, a in frame_data.get("by_year", {}).items()})
        fields = {key: data[key] for key in _PORTFOLIO_FIELDS if key in data}
        portfolio = Portfolio(**fields, frame=frame, initiatives=initiatives)
    except RecoveryError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RecoveryError(f"not a usable snapshot: {exc}") from exc
    portfolio.revalidate()
    return portfolio


# -- files --------------------------------------------------------------------------------------------------
def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _atomic_write(path: Path, text: str) -> None:
    """Temp file in the same folder, fsync, rename: a crash mid-write leaves the old snapshot whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_snapshot(portfolio: Portfolio, *, session: str, source_path: str = "", edits: int = 0) -> Path:
    """Write (or overwrite) this session's snapshot; raises OSError when the folder is not writable."""
    source_sha = ""
    if source_path:
        source_sha = (portfolio.source.sha256 if portfolio.source is not None else "") or ""
        if not source_sha:
            try:
                source_sha = _sha256(Path(source_path))
            except OSError:
                source_sha = ""
    payload = {
        "format": FORMAT,
        "version": VERSION,
        "session": session,
        "saved_at": datetime.now(UTC).isoformat(),
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "edits": edits,
        "source": {"path": source_path, "sha256": source_sha},
        "portfolio": encode_portfolio(portfolio),
    }
    path = snapshot_file(session)
    _atomic_write(path, json.dumps(payload, ensure_ascii=False, indent=1))
    return path


def read_snapshot(path: Path) -> Snapshot:
    """Read one snapshot file; RecoveryError when it is damaged or not ours."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecoveryError(f"{path.name}: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RecoveryError(f"{path.name}: not a recovery snapshot")
    if data.get("version") != VERSION:
        raise RecoveryError(f"{path.name}: version {data.get('version')!r} is not {VERSION}")
    try:
        saved_at = datetime.fromisoformat(str(data["saved_at"]))
        source = data.get("source") or {}
        return Snapshot(file=path, session=str(data["session"]), source_path=str(source.get("path") or ""),
                        source_sha256=str(source.get("sha256") or ""), saved_at=saved_at,
                        pid=int(data.get("pid", 0)), host=str(data.get("host", "")), edits=int(data.get("edits", 0)),
                        portfolio=decode_portfolio(data["portfolio"]))
    except RecoveryError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise RecoveryError(f"{path.name}: {exc}") from exc


def delete_snapshot(session_or_path: str | Path) -> None:
    path = session_or_path if isinstance(session_or_path, Path) else snapshot_file(session_or_path)
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - no cheap, safe probe; an orphan is offered at worst twice
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def list_snapshots() -> list[Snapshot]:
    """Every readable snapshot, newest first (damaged files are skipped, and left for a person to see)."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            found.append(read_snapshot(path))
        except RecoveryError:
            continue
    return sorted(found, key=lambda s: s.saved_at, reverse=True)


def orphaned_snapshots(current_session: str = "") -> list[Snapshot]:
    """Snapshots left by sessions that ended without saving or closing: their process is gone."""
    host = socket.gethostname()
    return [s for s in list_snapshots()
            if s.session != current_session and not (s.host == host and _alive(s.pid))]


# -- restoring -----------------------------------------------------------------------------------------------
def apply_snapshot(loaded: Portfolio, snapshot: Portfolio) -> Portfolio:
    """``loaded`` (freshly read from the source workbook) with the snapshot's figures and texts.

    Initiatives are matched by id and keep the cells they were read from, so saving writes back into the
    same cells; initiatives added since the last save come in without cells, and those deleted since are
    left out. The frame's values come from the snapshot, its cells from the workbook. ``loaded`` is not
    changed.
    """
    result = loaded.clone()
    by_id = {ini.id: ini for ini in result.initiatives}
    initiatives = []
    for saved in snapshot.initiatives:
        copy = saved.model_copy(deep=True)
        home = by_id.pop(saved.id, None)
        copy.sources = dict(home.sources) if home is not None else {}
        initiatives.append(copy)
    result.initiatives = initiatives
    for key in _PORTFOLIO_FIELDS:
        setattr(result, key, getattr(snapshot, key))
    result.frame = Frame(total=snapshot.frame.total, by_year=dict(snapshot.frame.by_year),
                         sources=dict(loaded.frame.sources))
    result.revalidate()
    return result


def figures(portfolio: Portfolio) -> dict[str, dict[int, Decimal]]:
    """Initiative id → year → amount: what a restore must give back exactly (tests, checks)."""
    return {ini.id: dict(ini.amounts) for ini in portfolio.initiatives}
