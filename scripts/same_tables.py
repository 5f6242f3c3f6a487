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
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path, PurePosixPath

import pyarrow.parquet as pq

PER_RUN_COLUMNS = {"run_id", "ingested_at", "rejected_at", "started_at", "finished_at", "timings", "code_version"}
RUN_DAY_TABLES = {"rejects", "runs"}  # their `date` partition is the day of the run
SETTINGS = "_lake.json"


def lake_rows(lake: str | Path, keep_per_run: bool = False) -> dict[str, Counter[str]]:
    """Every table of the published snapshot: its rows as canonical JSON lines, counted."""
    snapshot = Path(lake) / "_current"
    if not snapshot.is_dir():
        raise SystemExit(f"{lake} is not a local newslake lake: it has no _current snapshot")
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
                row = {key: value for key, value in {**row, **partitions}.items() if key not in dropped}
                rows[json.dumps(row, sort_keys=True, default=repr, ensure_ascii=False)] += 1
        tables[folder.name] = rows
    settings = snapshot / SETTINGS
    tables[SETTINGS] = Counter([settings.read_text(encoding="utf-8")] if settings.exists() else [])
    return tables


def differences(a: str | Path, b: str | Path, keep_per_run: bool = False) -> dict[str, tuple[list[str], list[str]]]:
    """The tables whose rows differ: for each, the rows only lake `a` holds and the rows only lake `b` holds."""
    return rows_differences(lake_rows(a, keep_per_run), lake_rows(b, keep_per_run))


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
    args = parser.parse_args(argv)
    rows_a = lake_rows(args.lake_a, args.keep_per_run)
    found = rows_differences(rows_a, lake_rows(args.lake_b, args.keep_per_run))
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
