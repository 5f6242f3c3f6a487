"""What the report shows, as polars frames read from the lake: no rendering here.

Every function takes a `Scope` (which lake, release and article dates) and returns a small
DataFrame ready for a chart or a table. Optional tables and columns (`story_details`,
`articles.publisher`, `stories.n_publishers`, `stories.n_independent`) are used when the lake has them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from newslake import lake as questions

STANCES = ("supports", "refutes", "neutral")


@dataclass(frozen=True)
class Scope:
    lake: str | Path
    release: str | None = None  # None: the lake's default release
    since: date | None = None
    until: date | None = None

    def scan(self, table: str) -> pl.LazyFrame:
        """`table` within the scope: its release, and for tables partitioned by article date, the date range."""
        if table in ("articles", "entities", "claims", "events"):
            return questions.scan_dated(table, self.lake, self.release, self.since, self.until)
        if table in ("runs", "rejects"):  # the lake's history: whole
            return questions.scan(table, self.lake)
        return questions.scan(table, self.lake, self.release)

    def articles(self) -> pl.LazyFrame:
        return questions.articles_by_publisher(self.lake, self.since, self.until)


def totals(scope: Scope) -> dict[str, int]:
    counts = {name: scope.scan(name).select(pl.len()).collect().item() for name in ("articles", "entities", "claims", "events")}
    counts["stories"] = top_stories(scope, None).height
    counts["rejects"] = scope.scan("rejects").select(pl.len()).collect().item()
    return counts


def run_history(scope: Scope) -> pl.DataFrame:
    """One row per run, newest first: when, flow, release, seconds, rows written, records read."""
    runs = scope.scan("runs").collect()
    return runs.sort("started_at", descending=True).select(
        "run_id", "flow", "release",
        pl.col("started_at").dt.strftime("%Y-%m-%d %H:%M").alias("started"),
        (pl.col("finished_at") - pl.col("started_at")).dt.total_seconds().alias("seconds"),
        pl.col("dumps").list.eval(pl.element().struct.field("n_read")).list.sum().alias("records_read"),
        pl.col("rows").list.eval(pl.element().struct.field("rows")).list.sum().alias("rows_written"),
    )


def models(scope: Scope) -> pl.DataFrame:
    """The models of the newest run of each release: stage, name, quality figure, weights hash."""
    runs = scope.scan("runs").collect()
    if runs.height == 0:
        return pl.DataFrame(schema={"release": pl.String, "stage": pl.String, "name": pl.String, "metric": pl.String,
                                    "value": pl.Float64, "sha256": pl.String})
    newest = runs.sort("started_at").group_by("release", maintain_order=True).last()
    return (
        newest.select("release", "models").explode("models").unnest("models")
        .filter(pl.col("stage").is_not_null())
        .select("release", "stage", "name", "metric", "value", pl.col("sha256").str.slice(0, 12))
        .sort("release", "stage", "name")
    )


def articles_per_day(scope: Scope, top_publishers: int = 8) -> pl.DataFrame:
    """Dated articles per publish day and publisher; publishers beyond the top ones count as `other`."""
    articles = scope.articles().filter(pl.col("published_at").is_not_null()).collect()
    top = articles["publisher"].value_counts(sort=True).head(top_publishers)["publisher"]
    return (
        articles.with_columns(
            pl.col("published_at").dt.date().alias("day"),
            pl.when(pl.col("publisher").is_in(top.implode())).then("publisher").otherwise(pl.lit("other")).alias("publisher"),
        )
        .group_by("day", "publisher").agg(pl.len().cast(pl.Int64).alias("articles"))
        .sort("day", "publisher")
    )


def rejects_per_reason(scope: Scope) -> pl.DataFrame:
    return (
        scope.scan("rejects").group_by("reason_code").agg(pl.len().cast(pl.Int64).alias("rejects"))
        .sort(["rejects", "reason_code"], descending=[True, False]).collect()
    )


def top_stories(scope: Scope, n: int | None = 20) -> pl.DataFrame:
    """The stories with the most articles, with their ledger: publishers (independent origins where the
    lake counts them), supporting, refuting and neutral claims, first and last seen."""
    frame = questions.stories(scope.lake, scope.release, scope.since, scope.until)
    names = frame.collect_schema().names()
    publishers = pl.col("n_publishers") if "n_publishers" in names else pl.col("n_sources")
    independent = pl.col("n_independent") if "n_independent" in names else pl.lit(None, pl.Int32)
    frame = frame.select(
        "story_id", "category", "description", "story_date", "location", "weapon", "event_ids",
        "n_articles", publishers.alias("n_publishers"), independent.alias("n_independent"),
        "n_supporting", "n_refuting", "n_neutral", "first_seen", "last_seen",
    )
    return (frame if n is None else frame.head(n)).collect()


def disputed_details(scope: Scope, story_ids: list[str]) -> pl.DataFrame:
    """Details of the stories whose members state more than one value ("people killed: 30 (2 articles) / 50 (1)").

    Columns: `story_id`, `slot` (with what was counted and what happened to it, for quantities), `values`.
    Empty when the lake has no `story_details` rows.
    """
    details = questions.story_details(lake=scope.lake, release=scope.release).filter(pl.col("story_id").is_in(story_ids))
    names = details.collect_schema().names()
    empty = pl.DataFrame(schema={"story_id": pl.String, "slot": pl.String, "values": pl.String})
    if not {"story_id", "slot", "value"} <= set(names):
        return empty
    keys = ["story_id", "slot", *(c for c in ("what", "action") if c in names)]
    counted = pl.format("{} ({})", "value", "n_articles") if "n_articles" in names else pl.col("value")
    rows = (
        details.with_columns(counted.alias("stated"))
        .group_by(keys).agg(pl.col("stated").unique().sort().alias("values"), pl.col("value").n_unique().alias("n"))
        .filter(pl.col("n") > 1)
        .with_columns(pl.concat_str([pl.col(k) for k in keys[1:]], separator=" ", ignore_nulls=True).alias("slot"),
                      pl.col("values").list.join(" / "))
        .select("story_id", "slot", "values").sort("story_id", "slot")
        .collect()
    )
    return rows if rows.height else empty


def story_members(scope: Scope, story_ids: list[str]) -> pl.DataFrame:
    """Per story, the articles reporting it: article, publisher, publish time, title."""
    events = scope.scan("events").select("event_id", "article_id")
    return (
        questions.story_events(scope.lake, scope.release).filter(pl.col("story_id").is_in(story_ids))
        .join(events, on="event_id")
        .join(scope.articles(), on="article_id")
        .group_by("story_id", "article_id", "publisher", "published_at", "title").agg(pl.len().alias("events"))
        .sort("story_id", "published_at", "article_id", nulls_last=True)
        .collect()
    )


def story_claims(scope: Scope, story_ids: list[str]) -> pl.DataFrame:
    return (
        questions.story_claims(None, scope.lake, scope.release, scope.since, scope.until)
        .filter(pl.col("story_id").is_in(story_ids))
        .collect()
    )


def speakers(scope: Scope, n: int = 25) -> pl.DataFrame:
    return questions.speaker_stances(scope.lake, scope.release, scope.since, scope.until).head(n).collect()


def denials(scope: Scope) -> pl.DataFrame:
    return questions.denials(scope.lake, scope.release, scope.since, scope.until).collect()


def events_by_category(scope: Scope) -> pl.DataFrame:
    return (
        scope.scan("events").group_by("category").agg(pl.len().cast(pl.Int64).alias("events"))
        .sort(["events", "category"], descending=[True, False]).collect()
    )


def events_by_month(scope: Scope) -> pl.DataFrame:
    """Events per month of their resolved date (undated events left out), by category."""
    return (
        scope.scan("events").filter(pl.col("event_date").is_not_null())
        .group_by(pl.col("event_date").dt.truncate("1mo").alias("month"), "category")
        .agg(pl.len().cast(pl.Int64).alias("events"))
        .sort("month", "category").collect()
    )


def events_by_place(scope: Scope, n: int = 20) -> pl.DataFrame:
    events = scope.scan("events").filter(pl.col("location_key").is_not_null())
    return (
        events.group_by("location_key").agg(pl.len().cast(pl.Int64).alias("events"), pl.col("location").first())
        .sort(["events", "location_key"], descending=[True, False]).head(n).collect()
    )


def top_entities(scope: Scope, n: int = 8) -> pl.DataFrame:
    """The most-mentioned entities: key, most frequent name and label, mentions, articles."""
    entities = scope.scan("entities").select("entity_key", "text", "label", "article_id")
    counts = (
        entities.group_by("entity_key")
        .agg(pl.len().cast(pl.Int64).alias("mentions"), pl.col("article_id").n_unique().cast(pl.Int64).alias("articles"))
        .sort(["mentions", "entity_key"], descending=[True, False]).head(n).collect()
    )
    names = (
        entities.filter(pl.col("entity_key").is_in(counts["entity_key"].implode()))
        .group_by("entity_key", "text", "label").agg(pl.len().alias("n"))
        .sort(["entity_key", "n", "text"], descending=[False, True, False])
        .group_by("entity_key", maintain_order=True).first().drop("n").collect()
    )
    return counts.join(names, on="entity_key", how="left").select("entity_key", "text", "label", "mentions", "articles")


def entity_timelines(scope: Scope, keys: list[str]) -> pl.DataFrame:
    return questions.entity_timeline(keys, scope.lake, scope.release, since=scope.since, until=scope.until).collect()


def story_coverage(scope: Scope, story_ids: list[str]) -> pl.DataFrame:
    return (
        questions.event_coverage(None, scope.lake, scope.release, scope.since, scope.until)
        .filter(pl.col("story_id").is_in(story_ids) & pl.col("day").is_not_null()).collect()
    )


def article_texts(scope: Scope, article_ids: list[str]) -> pl.DataFrame:
    """Text and metadata of the articles the story pages link to."""
    articles = scope.scan("articles").filter(pl.col("article_id").is_in(article_ids))
    return articles.select("article_id", "title", "url", "published_at", "text").join(
        scope.articles().select("article_id", "publisher"), on="article_id").collect()


def article_claims(scope: Scope, article_ids: list[str]) -> pl.DataFrame:
    """The claims of those articles with the span to highlight in the text: the content, else the cue
    (a headline claim's offsets index the title, which is not highlighted)."""
    return (
        scope.scan("claims").filter(pl.col("article_id").is_in(article_ids) & ~pl.col("in_title").fill_null(False))
        .select("article_id", "claim_id", "speaker", "cue", "stance",
                pl.coalesce("content_start", "cue_start").alias("start"), pl.coalesce("content_end", "cue_end").alias("end"))
        .sort("article_id", "start", "end").collect()
    )


def has_story_details() -> bool:
    """Whether this newslake declares the `story_details` table (lakes of older runs may still lack its rows)."""
    from newslake.schemas import TABLES

    return "story_details" in TABLES
