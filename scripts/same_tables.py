"""Whether two local lakes hold the same tables, run ids and timestamps aside.

    python scripts/same_tables.py LAKE_A LAKE_B [--keep-per-run]

Prints one line per table (`same`, or how many rows only one lake holds, with
an example of each) and exits 0 when every table and the lake settings are the
same, 1 otherwise. Rows are compared as a multiset, so order does not matter
but duplicates do.

It reads the files of each lake's published snapshot (`<lake>/_current/`)
with pyarrow alone, never through newslake, so that lakes written by two
versions of the code (before and after a refactor) can be compared.

Columns that differ from one run to the next are left out unless
`--keep-per-run` is given: run ids, the run's timestamps and timings, the code
version, and the `date` partition of `rejects` and `runs` (the day of the
run, not of the article).

`--common-columns` compares only the columns, struct fields and settings that
both lakes hold, and `--renamed OLD=NEW` reads a column `OLD` as `NEW`: with
both, a lake copied before an upgrade and the upgraded lake compare equal
when the upgrade kept every row and only added columns (docs/lake.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

PER_RUN_COLUMNS = {"run_id", "ingested_at", "rejected_at", "started_at", "finished_at", "timings", "code_version"}
RUN_DAY_TABLES = {"rejects", "runs"}  # their `date` partition is the day of the run
SETTINGS = "_lake.json"


def lake_rows(lake: str | Path, keep_per_run: bool = False, shapes: dict[str, Any] | None = None,
              renamed: dict[str, str] | None = None) -> dict[str, Counter[str]]:
    """Every table of the published snapshot: its rows as canonical JSON lines, counted.

    With `shapes` (from `common_shapes`), only the columns and struct fields they name; `renamed` maps old column names to new.
    """
    snapshot = _snapshot(lake)
    renamed = renamed or {}
    tables = {}
    for folder in sorted(p for p in snapshot.iterdir() if p.is_dir()):
        dropped = set() if keep_per_run else PER_RUN_COLUMNS | ({"date"} if folder.name in RUN_DAY_TABLES else set())
        files = sorted(folder.rglob("*.parquet"))
        if not files:  # an empty table, or a folder of the lake's own bookkeeping
            continue
        rows: Counter[str] = Counter()
        for path in files:
            partitions = dict(part.split("=", 1) for part in PurePosixPath(path.relative_to(folder).as_posix()).parent.parts)
            for row in pq.read_table(path).to_pylist():
                row = {renamed.get(key, key): value for key, value in {**row, **partitions}.items() if key not in dropped}
                if shapes is not None and folder.name in shapes:  # a table only one lake holds is compared whole
                    row = _project(row, shapes[folder.name])
                rows[json.dumps(row, sort_keys=True, default=repr, ensure_ascii=False)] += 1
        tables[folder.name] = rows
    settings = snapshot / SETTINGS
    text = settings.read_text(encoding="utf-8") if settings.exists() else None
    if text is not None and shapes is not None:
        text = json.dumps(_project(json.loads(text), shapes.get(SETTINGS, {})), sort_keys=True)
    tables[SETTINGS] = Counter([text] if text is not None else [])
    return tables


def _snapshot(lake: str | Path) -> Path:
    snapshot = Path(lake) / "_current"
    if not snapshot.is_dir():
        raise SystemExit(f"{lake} is not a local newslake lake: it has no _current snapshot")
    return snapshot


def _shape(type_: pa.DataType) -> Any:
    """A column's type as the fields it names: a struct -> {name: shape}, a list -> [shape], anything else -> None."""
    if pa.types.is_struct(type_):
        return {type_.field(i).name: _shape(type_.field(i).type) for i in range(type_.num_fields)}
    if pa.types.is_list(type_) or pa.types.is_large_list(type_):
        return [_shape(type_.value_type)]
    return None


def _meet(a: Any, b: Any) -> Any:
    """What two shapes have in common."""
    if isinstance(a, dict) and isinstance(b, dict):
        return {key: _meet(a[key], b[key]) for key in a if key in b}
    if isinstance(a, list) and isinstance(b, list):
        return [_meet(a[0], b[0])]
    return None


def _project(value: Any, shape: Any) -> Any:
    if isinstance(value, dict) and isinstance(shape, dict):
        return {key: _project(value.get(key), inner) for key, inner in shape.items() if key in value}
    if isinstance(value, list) and isinstance(shape, list):
        return [_project(item, shape[0]) for item in value]
    return value


def lake_shapes(lake: str | Path, renamed: dict[str, str] | None = None) -> dict[str, Any]:
    """Per table, the columns (and struct fields) every one of its files holds, partition levels included; settings keys."""
    snapshot = _snapshot(lake)
    renamed = renamed or {}
    shapes: dict[str, Any] = {}
    for path in sorted(snapshot.rglob("*.parquet")):
        relative = PurePosixPath(path.relative_to(snapshot).as_posix())
        shape = {renamed.get(f.name, f.name): _shape(f.type) for f in pq.read_schema(path)}
        shape |= {part.split("=", 1)[0]: None for part in relative.parent.parts if "=" in part}
        table = relative.parts[0]
        shapes[table] = _meet(shapes[table], shape) if table in shapes else shape
    settings = snapshot / SETTINGS
    shapes[SETTINGS] = dict.fromkeys(json.loads(settings.read_text(encoding="utf-8"))) if settings.exists() else {}
    return shapes


def common_shapes(a: str | Path, b: str | Path, renamed: dict[str, str] | None = None) -> dict[str, Any]:
    shapes_a, shapes_b = lake_shapes(a, renamed), lake_shapes(b, renamed)
    return {table: _meet(shapes_a[table], shapes_b[table]) for table in shapes_a.keys() & shapes_b.keys()}


def differences(a: str | Path, b: str | Path, keep_per_run: bool = False, common_columns: bool = False,
                renamed: dict[str, str] | None = None) -> dict[str, tuple[list[str], list[str]]]:
    """The tables whose rows differ: for each, the rows only lake `a` holds and the rows only lake `b` holds."""
    shapes = common_shapes(a, b, renamed) if common_columns else None
    return rows_differences(lake_rows(a, keep_per_run, shapes, renamed), lake_rows(b, keep_per_run, shapes, renamed))


def rows_differences(rows_a: dict[str, Counter[str]], rows_b: dict[str, Counter[str]]) -> dict[str, tuple[list[str], list[str]]]:
    found = {}
    for table in sorted(rows_a.keys() | rows_b.keys()):
        only_a = list((rows_a.get(table, Counter()) - rows_b.get(table, Counter())).elements())
        only_b = list((rows_b.get(table, Counter()) - rows_a.get(table, Counter())).elements())
        if only_a or only_b:
            found[table] = (sorted(only_a), sorted(only_b))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lake_a", type=Path)
    parser.add_argument("lake_b", type=Path)
    parser.add_argument("--keep-per-run", action="store_true", help="Compare run ids and timestamps too.")
    parser.add_argument("--common-columns", action="store_true", help="Compare only the columns, struct fields and settings both lakes hold.")
    parser.add_argument("--renamed", action="append", default=[], metavar="OLD=NEW", help="Read column OLD as NEW (repeatable).")
    args = parser.parse_args(argv)
    renamed = dict(pair.split("=", 1) for pair in args.renamed)
    shapes = common_shapes(args.lake_a, args.lake_b, renamed) if args.common_columns else None
    rows_a = lake_rows(args.lake_a, args.keep_per_run, shapes, renamed)
    found = rows_differences(rows_a, lake_rows(args.lake_b, args.keep_per_run, shapes, renamed))
    for table in sorted(rows_a.keys() | found.keys()):
        if table not in found:
            print(f"{table}: same ({sum(rows_a[table].values()):,} rows)")
            continue
        only_a, only_b = found[table]
        print(f"{table}: differs, {len(only_a):,} rows only in {args.lake_a}, {len(only_b):,} only in {args.lake_b}")
        for side, rows in ((args.lake_a, only_a), (args.lake_b, only_b)):
            if rows:
                print(f"  e.g. in {side}: {rows[0][:300]}")
    print("the lakes hold the same tables" if not found else f"{len(found)} of the tables differ")
    return 0 if not found else 1


if __name__ == "__main__":
    sys.exit(main())
