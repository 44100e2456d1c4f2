"""The rotating log file in the user's data folder (no Qt: the path follows the platform's rules)."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOGGER_NAME = "planner"


def data_dir() -> Path:
    """The user's data folder for Portfolio Planner (PLANNER_DATA_DIR overrides, e.g. in tests)."""
    override = os.environ.get("PLANNER_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "PortfolioPlanner"


def log_dir() -> Path:
    return data_dir() / "logs"


def get_logger() -> logging.Logger:
    """The project logger, writing to logs/planner.log (1 MB × 3) once configured."""
    logger = logging.getLogger(LOGGER_NAME)
    wanted = os.path.abspath(log_dir() / "planner.log")
    for h in list(logger.handlers):
        if isinstance(h, RotatingFileHandler) and h.baseFilename != wanted:
            logger.removeHandler(h)  # the data folder moved (PLANNER_DATA_DIR per test)
            h.close()
    if not any(isinstance(h, RotatingFileHandler) for h in logger.handlers):
        try:
            folder = log_dir()
            folder.mkdir(parents=True, exist_ok=True)
            handler = RotatingFileHandler(folder / "planner.log", maxBytes=1_000_000, backupCount=3,
                                          encoding="utf-8")
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
        except OSError:
            pass
    return logger


def log_exception(exc: BaseException) -> str:
    """Write the exception with its traceback to the log; returns the log file's path ('' if none)."""
    logger = get_logger()
    logger.error("".join(traceback.format_exception(exc)))
    for h in logger.handlers:
        if isinstance(h, RotatingFileHandler):
            h.flush()
            return h.baseFilename
    return ""
