"""Open a portfolio file: the one entry point (``load_portfolio``) for the app, the CLI and the tests.

Dispatches by content (a zip is a workbook whatever its name) and suffix, runs the hostile-file guard
when there is one, fills ``SourceInfo`` (path, sheet, header, columns, rows, size, time, SHA-256) and
returns a revalidated Portfolio. Every failure is a WorkbookError; no library exception gets out.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import importlib
import importlib.util
import os
from collections.abc import Callable
from pathlib import Path

from planner.errors import WorkbookError
from planner.model import Portfolio, SourceInfo

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}


def _optional(module: str) -> object | None:
    """A helper module written by someone else (file guard, CSV reader), if it is there."""
    try:
        if importlib.util.find_spec(module) is None:
            return None
    except (ImportError, ValueError):
        return None
    return importlib.import_module(module)


def _log_unexpected(path: str) -> None:
    """The traceback goes to the log file (for us); the user gets one clear line."""
    from logging.handlers import RotatingFileHandler

    from planner.log import get_logger

    logger = get_logger()
    # Only into the log file: without one, logging would print the traceback on stderr.
    if any(isinstance(h, RotatingFileHandler) for h in logger.handlers):
        with contextlib.suppress(OSError):
            logger.exception("unexpected error while reading %s", path)


def _kind(head: bytes, suffix: str, path: str) -> str:
    if head.startswith(ZIP_MAGIC):
        return "xlsm" if suffix == ".xlsm" else "xlsx"
    if head.startswith(OLE_MAGIC):
        # An encrypted .xlsx is an OLE container too; the suffix tells which the user meant.
        raise WorkbookError("encrypted" if suffix in WORKBOOK_SUFFIXES else "old_xls", path=path)
    if suffix in (".csv", ".txt", ".tsv"):
        return "csv"
    if suffix == ".xls":
        raise WorkbookError("old_xls", path=path)
    kind = "ODS" if suffix == ".ods" else (suffix.lstrip(".").upper() or "ukendt filtype")
    raise WorkbookError("not_a_workbook", path=path, kind=kind)


def load_portfolio(path: str | os.PathLike[str], *, progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> Portfolio:
    """Read .xlsx/.xlsm (or .csv) into a revalidated Portfolio; raises WorkbookError only.

    ``progress(done, 100)`` is called now and then, rising to (100, 100); ``cancelled()`` returning True
    stops the read with WorkbookError("cancelled").
    """
    p = Path(path)
    spath = str(p)
    # The read makes ~20 objects per row and no reference cycles; the cyclic collector would walk the
    # growing heap again and again (it doubles the time of a 10,000-row read), so it waits until we are done.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(p, spath, progress, cancelled)
    except WorkbookError as exc:
        if not exc.path:
            exc.path = spath
        raise
    except MemoryError as exc:
        raise WorkbookError("too_large", path=spath, reason="ikke nok hukommelse") from exc
    except Exception as exc:  # a library failure is an unusable file, never a traceback
        _log_unexpected(spath)
        raise WorkbookError("damaged_zip", path=spath, reason=f"{type(exc).__name__}: {exc}"[:300]) from exc
    finally:
        if gc_was_enabled:
            gc.enable()


def _load(p: Path, spath: str, progress: Callable[[int, int], None] | None,
          cancelled: Callable[[], bool] | None) -> Portfolio:
    try:
        stat = p.stat()
    except FileNotFoundError as exc:
        raise WorkbookError("not_found", path=spath) from exc
    except OSError as exc:
        raise WorkbookError("unreadable", path=spath, reason=exc.strerror or str(exc)) from exc
    if p.is_dir():
        raise WorkbookError("not_a_workbook", path=spath, kind="mappe")
    if stat.st_size == 0:
        raise WorkbookError("empty_file", path=spath)
    guard = _optional("planner.file_guard")
    sheets_xml: dict[str, bytes] = {}  # worksheet parts the guard has already inflated, for the reader
    if guard is not None:
        guard.check_file(spath, keep=sheets_xml)  # type: ignore[attr-defined]
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise WorkbookError("unreadable", path=spath, reason=exc.strerror or str(exc)) from exc
    if cancelled is not None and cancelled():
        raise WorkbookError("cancelled", path=spath)
    kind = _kind(data[:8], p.suffix.lower(), spath)
    if kind == "csv":
        csv_reader = _optional("planner.csv_reader")
        if csv_reader is None:
            raise WorkbookError("not_a_workbook", path=spath, kind="CSV")
        portfolio = csv_reader.read_csv_portfolio(spath)  # type: ignore[attr-defined]
    else:
        from planner.xlsx_reader import read_xlsx

        portfolio = read_xlsx(data, path=spath, progress=progress, cancelled=cancelled, parts_xml=sheets_xml)
    source = portfolio.source or SourceInfo()
    source.path = spath
    source.format = kind
    source.mtime_ns, source.size = stat.st_mtime_ns, len(data)
    source.sha256 = hashlib.sha256(data).hexdigest()
    portfolio.source = source
    portfolio.revalidate()
    if progress is not None:
        progress(100, 100)
    return portfolio
