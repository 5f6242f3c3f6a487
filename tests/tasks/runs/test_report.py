from collections import Counter
from datetime import UTC, datetime

from newslake.tasks.runs.report import DumpCounts, RunReport, render_markdown


def test_run_markdown_has_counts_rejects_timings_and_model_quality():
    report = RunReport("r1", "run", "base", datetime(2026, 11, 25, tzinfo=UTC), "cfg123", "0.1.0+abc")
    report.dumps = [DumpCounts("in/a.jsonl", "jsonl", "f" * 64, 12, 9, 2, 1)]
    report.rows = Counter({"articles": 10, "rejects": 2, "entities": 57, "runs": 1})
    report.rejects = Counter({"duplicate": 1, "too_short": 1})
    report.timings = {"ingest": 1.234, "entities": 5.5}
    report.models = [{"stage": "entities", "name": "cased-minilm.v1", "id": "p", "sha256": "abcdef0123456789", "metric": "dev entity F1", "value": 0.92}]
    markdown = render_markdown(report)
    assert markdown.splitlines()[0] == "# newslake run `r1`"
    for line in (
        "| in/a.jsonl | jsonl | 12 | 9 | 1 | 2 |",
        "| entities | 57 |",
        "| duplicate | 1 |",
        "| ingest | 1.23 |",
        "| entities | cased-minilm.v1 | `abcdef012345` | dev entity F1: 0.92 |",
    ):
        assert line in markdown.splitlines()
