"""What changed between two releases: row counts, label agreement, examples of changed rows.

Pure polars over frames the caller scanned; the CLI renders the result for
the terminal, as Markdown and as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

MISSING = "—"
SPAN = ["article_id", "start", "end"]


@dataclass
class TableComparison:
    table: str
    rows_a: int
    rows_b: int
    articles_a: int
    articles_b: int
    matched: int = 0  # rows with the same key in both releases
    agreement: float | None = None  # share of matched rows with the same label
    confusion: pl.DataFrame | None = None  # label in A x label in B, MISSING for no row
    examples: pl.DataFrame | None = None  # changed rows, a few


@dataclass
class Comparison:
    a: str
    b: str
    tables: list[TableComparison] = field(default_factory=list)


def compare_entities(a: pl.DataFrame, b: pl.DataFrame, examples: int = 10) -> TableComparison:
    """Mentions are matched by article and character span; their labels are compared."""
    return _compare_labels("entities", a, b, SPAN, "label", "text", examples)


def compare_claims(a: pl.DataFrame, b: pl.DataFrame, examples: int = 10) -> TableComparison:
    """Claims are matched by article and cue span; their stances are compared."""
    a, b = (frame.rename({"cue_start": "start", "cue_end": "end"}) for frame in (a, b))
    return _compare_labels("claims", a, b, SPAN, "stance", "cue", examples)


def compare_events(a: pl.DataFrame, b: pl.DataFrame, examples: int = 10) -> TableComparison:
    """Events are matched by article and first trigger span; their categories are compared."""
    a, b = (frame.rename({"trigger_start": "start", "trigger_end": "end"}) for frame in (a, b))
    return _compare_labels("events", a, b, SPAN, "category", "trigger", examples)


def _compare_labels(table: str, a: pl.DataFrame, b: pl.DataFrame, key: list[str], label: str, text: str,
                    examples: int) -> TableComparison:
    result = TableComparison(table, a.height, b.height, a["article_id"].n_unique(), b["article_id"].n_unique())
    left = a.select(*key, pl.col(text).alias("text"), pl.col(label).alias("label_a"))
    right = b.select(*key, pl.col(text).alias("text_b"), pl.col(label).alias("label_b"))
    joined = left.join(right, on=key, how="full", coalesce=True).with_columns(
        pl.col("label_a").fill_null(MISSING), pl.col("label_b").fill_null(MISSING), pl.coalesce("text", "text_b").alias("text")
    )
    both = joined.filter((pl.col("label_a") != MISSING) & (pl.col("label_b") != MISSING))
    result.matched = both.height
    result.agreement = (both["label_a"] == both["label_b"]).mean() if both.height else None
    result.confusion = (
        joined.group_by("label_a", "label_b").len().sort("label_a", "label_b")
        .pivot(on="label_b", index="label_a", values="len").fill_null(0)
    )  # fmt: skip
    changed = joined.filter(pl.col("label_a") != pl.col("label_b")).sort(key)
    result.examples = changed.select(*key, "text", "label_a", "label_b").head(examples)
    return result


def compare_counts(table: str, a: pl.DataFrame, b: pl.DataFrame) -> TableComparison:
    """Row counts only, for tables without labels to compare (e.g. `runs`)."""
    count = lambda f: f["article_id"].n_unique() if "article_id" in f.columns else 0  # noqa: E731
    return TableComparison(table, a.height, b.height, count(a), count(b))


def render_markdown(comparison: Comparison) -> str:
    lines = [f"# Release comparison: `{comparison.a}` vs `{comparison.b}`", ""]
    lines += ["| table | rows A | rows B | articles A | articles B | matched | label agreement |", "|---|---|---|---|---|---|---|"]
    for t in comparison.tables:
        agreement = "" if t.agreement is None else f"{t.agreement:.1%}"
        lines.append(f"| {t.table} | {t.rows_a:,} | {t.rows_b:,} | {t.articles_a:,} | {t.articles_b:,} | {t.matched:,} | {agreement} |")
    for t in comparison.tables:
        if t.confusion is not None:
            lines += ["", f"## {t.table}: labels in A (rows) vs B (columns)", "", _markdown_table(t.confusion)]
        if t.examples is not None and t.examples.height:
            lines += ["", f"## {t.table}: changed rows (first {t.examples.height})", "", _markdown_table(t.examples)]
    return "\n".join(lines) + "\n"


def _markdown_table(frame: pl.DataFrame) -> str:
    header = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |" for row in frame.iter_rows()]
    return "\n".join([header, rule, *rows])
