"""scripts/same_tables.py: two lakes compared table by table, run ids and timestamps aside."""

from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq

from lake_digest import differences, same_tables


def lake(root, articles, runs):
    """A lake's published snapshot, as the script reads it: `_current/<table>/<partitions>/*.parquet`."""
    snapshot = root / "_snapshots" / "000001"
    for table, files in (("articles", articles), ("runs", runs)):
        for partition, rows in files.items():
            folder = snapshot / table / partition
            folder.mkdir(parents=True)
            pq.write_table(pa.Table.from_pylist(rows), folder / "part-0.parquet")
    (root / "_current").symlink_to("_snapshots/000001")
    return root


def article(n, run_id="r1", hour=1):
    return {"article_id": f"a{n}", "title": f"title {n}", "run_id": run_id, "ingested_at": datetime(2026, 1, 1, hour, tzinfo=UTC)}


def run_row(run_id="r1", version="0.1+abc"):
    return {"run_id": run_id, "flow": "run", "code_version": version, "started_at": datetime(2026, 1, 1, tzinfo=UTC)}


def test_the_same_rows_in_other_files_of_other_runs_are_the_same_tables(tmp_path):
    a = lake(tmp_path / "a", {"date=2024-01-01": [article(1), article(2)]}, {"release=base/date=2026-01-01": [run_row()]})
    b = lake(
        tmp_path / "b",
        {"date=2024-01-01": [article(2, "r9", hour=5), article(1, "r9", hour=5)]},
        {"release=base/date=2026-01-02": [run_row("r9", "0.1+def")]},  # `runs` is partitioned by the day of the run
    )
    assert differences(a, b) == {}
    assert same_tables.main([str(a), str(b)]) == 0
    assert set(differences(a, b, keep_per_run=True)) == {"articles", "runs"}


def test_a_row_missing_a_duplicate_or_another_partition_differs(tmp_path, capsys):
    a = lake(tmp_path / "a", {"date=2024-01-01": [article(1), article(2)]}, {"release=base/date=2026-01-01": [run_row()]})
    b = lake(tmp_path / "b", {"date=2024-01-01": [article(1), article(1)]}, {"release=other/date=2026-01-01": [run_row()]})

    found = differences(a, b)
    assert sorted(found) == ["articles", "runs"]
    only_a, only_b = found["articles"]
    assert [row.count('"a2"') for row in only_a] == [1] and [row.count('"a1"') for row in only_b] == [1]
    assert '"release": "other"' in found["runs"][1][0]
    assert same_tables.main([str(a), str(b)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "2 of the tables differ"
