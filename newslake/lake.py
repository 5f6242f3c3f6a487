"""The analyst's entry point: lake tables as polars LazyFrames.

    >>> from newslake.lake import scan
    >>> scan("articles").filter(pl.col("source") == "nytimes.com").collect()

`scan` reads exactly the files of the lake's published state, so it never
sees a run that is still being published. On a local lake these are the
files a plain `pl.scan_parquet("<lake>/<table>/**/*.parquet",
hive_partitioning=True)` sees too; on object storage (`lake="s3://bucket/lake"`)
a glob also sees unpublished and replaced files, so use `scan` there
(docs/lake.md).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from newslake.errors import NewslakeError
from newslake.schemas import RELEASE_TABLES, spec
from newslake.tasks.events.ontology import load_ontology
from newslake.tasks.lake import DEFAULT_LAKE, UNDATED, Lake, open_lake


def scan(table: str, lake: str | Path = DEFAULT_LAKE, release: str | None = None) -> pl.LazyFrame:
    """All published rows of `table` in the lake at `lake` (a folder, or a URI such as `s3://bucket/lake`).

    For a table with a release level, `release=None` reads the lake's default
    release (the first one written, or the last one promoted with `newslake
    promote`) and `release="*"` reads them all. Partition columns are strings
    (`date` may be `unknown`); an empty table comes back as an empty frame
    with the declared columns.
    """
    table_spec = spec(table)
    if not table_spec.public:
        raise NewslakeError("E021", f"{table!r} is internal to the lake")
    if release is not None and "release" not in table_spec.partitions:
        raise NewslakeError("E021", f"{table!r} has no release level; drop the release argument")
    the_lake = open_lake(lake, create=False)
    if not the_lake.exists():
        raise NewslakeError("E021", f"{the_lake.root}/{table} does not exist; run `newslake run` first or pass the right lake")
    if "release" in table_spec.partitions and release is None:
        release = the_lake.settings().get("default_release")
    elif release not in (None, "*"):
        _check_release(the_lake, release, lake)
    files = the_lake.sources(table)
    if not files:
        return pl.LazyFrame(schema=pl.Schema(pl.from_arrow(table_spec.write_schema.empty_table()).schema))
    # Read as declared: a file an earlier version wrote (a lake not yet upgraded, docs/lake.md) gets its missing
    # columns and struct fields as nulls and loses the ones no longer declared, instead of failing the scan.
    frame = pl.scan_parquet(
        files,
        schema=pl.Schema(pl.from_arrow(table_spec.schema.empty_table()).schema),
        hive_partitioning=True,
        hive_schema={name: pl.String for name in table_spec.partitions},
        missing_columns="insert",
        extra_columns="ignore",
        cast_options=pl.ScanCastOptions(missing_struct_fields="insert", extra_struct_fields="ignore"),
        storage_options=the_lake.storage_options(),
    )
    if release not in (None, "*"):
        frame = frame.filter(pl.col("release") == release)
    return frame


def releases(lake: str | Path = DEFAULT_LAKE) -> list[str]:
    """The releases the lake holds: every release with rows in a derived table or a run in `runs`."""
    return sorted(open_lake(lake, create=False).releases(*RELEASE_TABLES, "runs"))


def _check_release(the_lake: Lake, release: str, lake: str | Path) -> None:
    known = sorted(the_lake.releases(*RELEASE_TABLES, "runs"))
    if release not in known:
        there = f"releases there: {', '.join(known)}" if known else "it has no release yet; run `newslake run` first"
        raise NewslakeError("E041", f"release {release!r} is not in the lake at {lake}; {there}")


def default_release(lake: str | Path = DEFAULT_LAKE) -> str | None:
    """The release analysts see by default, from the lake's published settings."""
    return open_lake(lake, create=False).settings().get("default_release")


# Questions analysts ask of the lake, each a LazyFrame with documented columns. `release=None` reads the
# default release, as `scan` does; `since`/`until` keep the articles published in that range (see
# `scan_dated`). Publishers are `articles.publisher` where the lake has that column, else `articles.source`.

# The columns of `story_details` an analyst relies on, for a newslake that does not declare the table.
STORY_DETAILS_COLUMNS = {
    "story_id": pl.String,
    "slot": pl.String,
    "what": pl.String,
    "action": pl.String,
    "value": pl.String,
    "n_articles": pl.Int32,
    "n_publishers": pl.Int32,
    "speakers": pl.List(pl.String),
    "release": pl.String,
}


def scan_dated(table: str, lake: str | Path = DEFAULT_LAKE, release: str | None = None, since: date | None = None,
               until: date | None = None) -> pl.LazyFrame:
    """`scan` of a table partitioned by article date (articles, entities, claims, events), only the articles
    published from `since` to `until` (inclusive; undated articles only when neither is given)."""
    frame = scan(table, lake, release) if "release" in spec(table).partitions else scan(table, lake)
    if since is None and until is None:
        return frame
    frame = frame.filter(pl.col("date") != UNDATED)
    if since is not None:
        frame = frame.filter(pl.col("date") >= since.isoformat())
    if until is not None:
        frame = frame.filter(pl.col("date") <= until.isoformat())
    return frame


def articles_by_publisher(
    lake: str | Path = DEFAULT_LAKE,
    since: date | None = None,
    until: date | None = None,
) -> pl.LazyFrame:
    """Columns: `article_id`, `publisher`, `published_at`, `title`, `article_date` (the `date` partition)."""
    articles = scan_dated("articles", lake, since=since, until=until)
    names = articles.collect_schema().names()
    publisher = pl.coalesce("publisher", "source") if "publisher" in names else pl.col("source")
    return articles.select("article_id", publisher.alias("publisher"), "published_at", "title", pl.col("date").alias("article_date"))


def stories(
    lake: str | Path = DEFAULT_LAKE,
    release: str | None = None,
    since: date | None = None,
    until: date | None = None,
    category: str | None = None,
    place: str | None = None,
    min_articles: int = 1,
    mentioning: str | None = None,
) -> pl.LazyFrame:
    """The `stories` table (its columns in docs/tables.md) plus `story_date`, filtered.

    `story_date` is the story's event date, else the day it was first seen (null when neither is known);
    `since`/`until` keep the stories whose `story_date` is in range (inclusive). `category` is a PLOVER
    category (ASSAULT, CONSULT, ...; case-blind) or a type of releases before categories (`attack`). `place` matches
    `location_key` (case-folded), `mentioning` is a case-insensitive substring of `description`.
    Sorted by `n_articles` (descending), then `story_id`.
    """
    frame = scan("stories", lake, release).with_columns(
        pl.coalesce("event_date", pl.col("first_seen").dt.date()).alias("story_date"))
    if since is not None:
        frame = frame.filter(pl.col("story_date") >= since)
    if until is not None:
        frame = frame.filter(pl.col("story_date") <= until)
    if category is not None:
        frame = frame.filter(pl.col("category") == _category(category))
    if place is not None:
        frame = frame.filter(pl.col("location_key") == place.casefold())
    if mentioning is not None:
        frame = frame.filter(pl.col("description").str.to_lowercase().str.contains(mentioning.lower(), literal=True))
    return frame.filter(pl.col("n_articles") >= min_articles).sort(["n_articles", "story_id"], descending=[True, False])


def story_events(lake: str | Path = DEFAULT_LAKE, release: str | None = None) -> pl.LazyFrame:
    """Which story each event belongs to. Columns: `story_id`, `event_id`."""
    return scan("stories", lake, release).select("story_id", pl.col("event_ids").alias("event_id")).explode("event_id")


def story_claims(
    story_id: str | None = None,
    lake: str | Path = DEFAULT_LAKE,
    release: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> pl.LazyFrame:
    """The claims about the events of a story (of every story when `story_id` is None).

    Columns: `story_id`, `claim_id`, `event_id`, `article_id`, `publisher`, `published_at`, `speaker`,
    `speaker_key`, `speaker_kind`, `cue`, `cue_class`, `stance`, `content`, `content_start`,
    `content_end`, `via`. Offsets point into `articles.text`. Sorted by publish time, article, cue.
    """
    members = story_events(lake, release)
    if story_id is not None:
        members = members.filter(pl.col("story_id") == story_id)
    claims = scan_dated("claims", lake, release, since, until).drop("release", "date", "run_id")
    return (
        members.join(claims, on="event_id")
        .join(articles_by_publisher(lake, since, until), on="article_id", how="left")
        .sort(["published_at", "article_id", "cue_start"], nulls_last=True)
        .select("story_id", "claim_id", "event_id", "article_id", "publisher", "published_at", "speaker", "speaker_key",
                "speaker_kind", "cue", "cue_class", "stance", "content", "content_start", "content_end", "via")
    )


def denials(
    lake: str | Path = DEFAULT_LAKE,
    release: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> pl.LazyFrame:
    """Who denied which event: claims that refute an event (`target_kind == "event"`), not an article's title.

    Columns: `claim_id`, `speaker`, `speaker_key`, `speaker_kind`, `cue`, `cue_class`, `content`,
    `event_id`, `category`, `event` (the event's description), `event_date`, `story_id` (null when the
    event is in no story), `article_id`, `publisher`, `published_at`. Sorted by publish time, claim.
    """
    events = scan_dated("events", lake, release, since, until).select(
        "event_id", "category", pl.col("description").alias("event"), "event_date")
    return (
        scan_dated("claims", lake, release, since, until)
        .filter((pl.col("stance") == "refutes") & (pl.col("target_kind") == "event"))
        # The refuted event is the target: the claim's own, or one its content bears on (docs/claims.md).
        .with_columns(pl.coalesce("target_event_id", "event_id").alias("event_id"))
        .join(events, on="event_id", how="left")
        .join(story_events(lake, release), on="event_id", how="left")
        .join(articles_by_publisher(lake, since, until), on="article_id", how="left")
        .sort(["published_at", "claim_id"], nulls_last=True)
        .select("claim_id", "speaker", "speaker_key", "speaker_kind", "cue", "cue_class", "content", "event_id", "category",
                "event", "event_date", "story_id", "article_id", "publisher", "published_at")
    )


def speaker_stances(
    lake: str | Path = DEFAULT_LAKE,
    release: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> pl.LazyFrame:
    """One row per speaker (`speaker_key`; claims without one are left out).

    Columns: `speaker_key`, `speaker` (its most frequent surface form), `speaker_kind` (likewise),
    `n_claims`, `n_articles`, `n_denials` (claims with a denial cue), and `supports`, `refutes`,
    `neutral`: its claims about events by stance (stances toward a title are left out of these three).
    Sorted by `n_claims` (descending), then `speaker_key`.
    """
    about_event = pl.col("target_kind") == "event"
    claims = scan_dated("claims", lake, release, since, until).filter(pl.col("speaker_key").is_not_null())
    return (
        claims.group_by("speaker_key")
        .agg(
            pl.len().cast(pl.Int64).alias("n_claims"),
            pl.col("article_id").n_unique().cast(pl.Int64).alias("n_articles"),
            (pl.col("cue_class") == "denial").sum().cast(pl.Int64).alias("n_denials"),
            *((about_event & (pl.col("stance") == s)).sum().cast(pl.Int64).alias(s) for s in ("supports", "refutes", "neutral")),
        )
        .join(_most_frequent(claims, "speaker_key", "speaker"), on="speaker_key", how="left")
        .join(_most_frequent(claims, "speaker_key", "speaker_kind"), on="speaker_key", how="left")
        .select("speaker_key", "speaker", "speaker_kind", "n_claims", "n_articles", "n_denials", "supports", "refutes", "neutral")
        .sort(["n_claims", "speaker_key"], descending=[True, False])
    )


def entity_timeline(
    entity_keys: list[str] | None = None, lake: str | Path = DEFAULT_LAKE, release: str | None = None, every: str = "1d",
    since: date | None = None, until: date | None = None,
) -> pl.LazyFrame:
    """Mentions of entities per period of their articles' publish time (undated articles left out).

    `entity_keys` picks the entities (all when None); `every` is a polars duration ("1d", "1w", "1mo").
    Columns: `entity_key`, `label` (its most frequent label), `period` (date: start of the period),
    `n_mentions`, `n_articles`. Sorted by `entity_key`, `period`.
    """
    entities = scan_dated("entities", lake, release, since, until).select("entity_key", "label", "article_id")
    if entity_keys is not None:
        entities = entities.filter(pl.col("entity_key").is_in(entity_keys))
    labels = _most_frequent(entities, "entity_key", "label")
    day = pl.col("published_at").dt.date().dt.truncate(every)
    dated = articles_by_publisher(lake, since, until).select("article_id", day.alias("period"))
    return (
        entities.join(dated.filter(pl.col("period").is_not_null()), on="article_id")
        .group_by("entity_key", "period")
        .agg(pl.len().cast(pl.Int64).alias("n_mentions"), pl.col("article_id").n_unique().cast(pl.Int64).alias("n_articles"))
        .join(labels, on="entity_key")
        .select("entity_key", "label", "period", "n_mentions", "n_articles")
        .sort("entity_key", "period")
    )


def event_coverage(
    story_id: str | None = None,
    lake: str | Path = DEFAULT_LAKE,
    release: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> pl.LazyFrame:
    """Articles per story and publish day: how coverage of each occurrence grew and faded.

    Columns: `story_id`, `category`, `description`, `day` (publish date of the articles), `n_articles`,
    `n_publishers`. Undated articles count under a null `day`. Sorted by `story_id`, `day`.
    """
    found = scan("stories", lake, release).select("story_id", "category", "description", "event_ids")
    if story_id is not None:
        found = found.filter(pl.col("story_id") == story_id)
    events = scan_dated("events", lake, release, since, until).select("event_id", "article_id")
    return (
        found.explode("event_ids").rename({"event_ids": "event_id"})
        .join(events, on="event_id")
        .join(articles_by_publisher(lake, since, until), on="article_id", how="left")
        .with_columns(pl.col("published_at").dt.date().alias("day"))
        .group_by("story_id", "category", "description", "day")
        .agg(pl.col("article_id").n_unique().cast(pl.Int64).alias("n_articles"),
             pl.col("publisher").n_unique().cast(pl.Int64).alias("n_publishers"))
        .sort("story_id", "day", nulls_last=True)
    )


def _category(name: str) -> str:
    """A category by its name, an older PLOVER spelling (FIGHT) or a type of releases before categories (attack)."""
    ontology = load_ontology()
    legacy = ontology.legacy.get(name.lower())
    if legacy is not None:
        return legacy[0]
    try:
        category = ontology.canonical(name)
    except KeyError:
        category = None
    if category is None:
        raise NewslakeError("E021", f"no event category {name!r}; the categories are {', '.join(sorted(ontology.categories))}")
    return category


# How `compare_releases` matches rows of two releases, and which label it compares.
_MATCHED_BY = {
    "entities": ("start", "end", "label", "text"),
    "claims": ("cue_start", "cue_end", "stance", "cue"),
    "events": ("trigger_start", "trigger_end", "category", "trigger"),
}


def compare_releases(release_a: str, release_b: str, table: str = "claims", lake: str | Path = DEFAULT_LAKE) -> pl.LazyFrame:
    """The rows of `table` (entities, claims or events) that differ between two releases.

    Rows are matched by article and span (entity span, claim cue, event's first trigger) and compared by
    label (entity label, stance, event type). Columns: `article_id`, `start`, `end`, `text`, `label_a`,
    `label_b` (null where the release has no such row), `change` (`added`: only in B, `removed`: only in A,
    `changed`: another label). Sorted by article and span.
    """
    if table not in _MATCHED_BY:
        raise NewslakeError("E021", f"compare_releases compares {', '.join(_MATCHED_BY)}, not {table!r}")
    start, end, label, text = _MATCHED_BY[table]

    def side(release: str, suffix: str) -> pl.LazyFrame:
        return scan(table, lake, release).select(
            "article_id", pl.col(start).alias("start"), pl.col(end).alias("end"),
            pl.col(text).alias(f"text_{suffix}"), pl.col(label).alias(f"label_{suffix}"))

    key = ["article_id", "start", "end"]
    return (
        side(release_a, "a").join(side(release_b, "b"), on=key, how="full", coalesce=True)
        .with_columns(
            pl.coalesce("text_a", "text_b").alias("text"),
            pl.when(pl.col("text_a").is_null()).then(pl.lit("added"))
            .when(pl.col("text_b").is_null()).then(pl.lit("removed"))
            .otherwise(pl.lit("changed")).alias("change"),
        )
        .filter(pl.col("label_a").ne_missing(pl.col("label_b")) | pl.col("text_a").is_null() | pl.col("text_b").is_null())
        .select(*key, "text", "label_a", "label_b", "change")
        .sort(key)
    )


def story_details(story_id: str | None = None, lake: str | Path = DEFAULT_LAKE, release: str | None = None) -> pl.LazyFrame:
    """The values a story's members state for each slot (quantities, weapon, place, date, agent), from the
    `story_details` table; disputed details are the slots with more than one value.

    Columns as in docs/tables.md, among them `story_id`, `slot`, `what`, `action` (for quantities: "people",
    "killed"), `value`, `n_articles`, `n_publishers`, `speakers`; without the table, an empty frame with those
    columns and `release`.
    """
    try:
        spec("story_details")
    except NewslakeError:
        return pl.LazyFrame(schema=STORY_DETAILS_COLUMNS)
    frame = scan("story_details", lake, release)
    return frame if story_id is None else frame.filter(pl.col("story_id") == story_id)


def _most_frequent(frame: pl.LazyFrame, key: str, column: str) -> pl.LazyFrame:
    """Per `key`, the most frequent non-null value of `column`; ties go to the first in sort order."""
    return (
        frame.filter(pl.col(column).is_not_null())
        .group_by(key, column).agg(pl.len().alias("_n"))
        .sort([key, "_n", column], descending=[False, True, False])
        .group_by(key, maintain_order=True).first()
        .drop("_n")
    )
