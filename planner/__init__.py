"""Portfolio Planner domain core: models, workbook I/O, validation, re-balancing.

This package never imports Qt; it runs headless (CLI, tests, benchmarks).
"""

from __future__ import annotations

__version__ = "0.1.0"
