"""The tables of a lake as comparable rows: `scripts/same_tables.py`, imported for tests.

The script reads lakes with pyarrow alone, so that it can compare lakes written
by two versions of the code; tests use the same functions.
"""

import importlib.util
from pathlib import Path

_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "same_tables.py"
_spec = importlib.util.spec_from_file_location("same_tables", _SCRIPT)
same_tables = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(same_tables)

lake_rows = same_tables.lake_rows
differences = same_tables.differences

__all__ = ["differences", "lake_rows", "same_tables"]
