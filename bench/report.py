"""`newslake report` on a synthetic lake: how long it takes and how much it writes.

    .venv/bin/python bench/report.py [--articles 10000] [--lake DIR] [--out DIR]

Writes a lake of N articles (default 10,000) straight through the lake's staging and publish, with
20 entity mentions, 5 claims and 2 events per article (asserted, of the 17 categories) and stories
made of events of one category, place and week, over 60 days and 30 publishers; then times `build_report` on it and prints the time, the
pages and the size of the folder. The target: under a minute and under 20 MB for 10,000 articles.
No model runs and nothing is read from ../shared.
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa

from newslake.report import build_report
from newslake.schemas import spec
from newslake.tasks.events.ontology import load_ontology
from newslake.tasks.lake import open_lake

ONTOLOGY = load_ontology()
# Most frequent first: the categories' counts fall off like news's (Zipf).
CATEGORIES = ["ASSAULT", "STATEMENT", "CONSULT", "ACCUSE", "PROTEST", "COERCE", "SUPPORT", "REQUEST", "AID", "SANCTION",
              "THREATEN", "MOBILIZE", "REJECT", "COOPERATE", "AGREE", "RETREAT", "CONCEDE"]
CAMEO = {name: ONTOLOGY.categories[name].default_cameo for name in CATEGORIES}
LEGACY = {name: ONTOLOGY.legacy_type(name, CAMEO[name], None) for name in CATEGORIES}
STANCES = ["supports", "refutes", "neutral", "unrelated"]
START = datetime(2024, 1, 1, tzinfo=UTC)
RUN = "20260101T000000Z-bench000"


def synthetic_tables(n: int, seed: int = 13) -> dict[str, pl.DataFrame]:
    rng = np.random.default_rng(seed)
    ids = [f"a{i:07d}" for i in range(n)]
    published = [START + timedelta(days=int(d), hours=int(h)) for d, h in zip(rng.integers(0, 60, n), rng.integers(0, 24, n), strict=True)]
    days = [p.date().isoformat() for p in published]
    sentences = [f"Officials said that {w} forces reported {k} incidents near the border on Tuesday." for w, k in
                 zip(rng.choice(["Ukrainian", "Russian", "Polish", "allied"], 64), rng.integers(1, 90, 64), strict=True)]
    texts = [" ".join(sentences[j % 64] for j in range(i % 7, i % 7 + 12)) for i in range(n)]
    articles = pl.DataFrame({
        "article_id": ids, "source": [f"publisher{int(p):02d}.com" for p in rng.zipf(1.6, n) % 30],
        "url": [f"https://news.example/{i}" for i in ids], "title": [f"Headline {i}" for i in range(n)],
        "published_at": published, "language": "en", "text": texts,
        "text_sha256": [hashlib.sha256(t.encode()).hexdigest() for t in texts], "dump": "bench.jsonl",
        "dump_record": [str(i) for i in range(n)], "ingested_at": START, "run_id": RUN, "date": days,
    })
    day_of = dict(zip(ids, days, strict=True))

    m = n * 20
    entity_article = np.repeat(np.arange(n), 20)
    keys = rng.zipf(1.3, m) % 2000
    starts = rng.integers(0, 800, m)
    entities = pl.DataFrame({
        "mention_id": [f"m{i}" for i in range(m)], "article_id": [ids[a] for a in entity_article],
        "start": starts, "end": starts + 8, "text": [f"Entity {k}" for k in keys],
        "label": np.array(["PER", "ORG", "LOC", "MISC"])[keys % 4], "score": 0.9, "entity_key": [f"entity {k}" for k in keys],
        "model": "bench", "run_id": RUN, "release": "base", "date": [day_of[ids[a]] for a in entity_article],
    })

    e = n * 2
    event_article = np.repeat(np.arange(n), 2)
    categories = np.array(CATEGORIES)[(rng.zipf(1.5, e) - 1) % len(CATEGORIES)]
    places = rng.zipf(1.4, e) % 200
    event_days = [START.date() + timedelta(days=int(d)) for d in rng.integers(0, 60, e)]
    event_ids = [f"e{i}" for i in range(e)]
    events = pl.DataFrame({
        "event_id": event_ids, "article_id": [ids[a] for a in event_article], "category": categories,
        "cameo": [CAMEO[c] for c in categories], "modality": "asserted", "event_type": [LEGACY[c] for c in categories],
        "trigger": "struck", "trigger_start": np.arange(e) % 2 * 100, "trigger_end": np.arange(e) % 2 * 100 + 6,
        "mentions": [[{"start": 0, "end": 6}]] * e, "description": [f"{c.lower()} in Place {p}" for c, p in zip(categories, places, strict=True)],
        "event_date": event_days, "date_precision": "day", "location": [f"Place {p}" for p in places],
        "location_key": [f"place {p}" for p in places], "sentence_start": 0, "sentence_end": 80, "score": 0.6,
        "run_id": RUN, "release": "base", "date": [day_of[ids[a]] for a in event_article],
    })

    c = n * 5
    claim_article = np.repeat(np.arange(n), 5)
    about_event = rng.random(c) < 0.4
    speakers = rng.zipf(1.4, c) % 500
    cue_starts = np.tile(np.arange(5) * 150, n) + 20
    claims = pl.DataFrame({
        "claim_id": [f"c{i}" for i in range(c)], "article_id": [ids[a] for a in claim_article],
        "speaker": [f"Speaker {s}" for s in speakers], "speaker_start": cue_starts - 15, "speaker_end": cue_starts - 1,
        "speaker_key": [f"speaker {s}" for s in speakers], "speaker_kind": np.array(["person", "organization", "government"])[speakers % 3],
        "cue": "said", "cue_start": cue_starts, "cue_end": cue_starts + 4, "cue_class": "assertive",
        "content": "that forces reported incidents", "content_start": cue_starts + 5, "content_end": cue_starts + 100,
        "event_id": [f"e{2 * a}" if about else None for a, about in zip(claim_article, about_event, strict=True)],
        "target_kind": np.where(about_event, "event", "title"), "stance": np.array(STANCES)[rng.integers(0, 4, c)],
        "stance_rule": "model", "score": 0.8, "models": [["bench"]] * c, "run_id": RUN, "release": "base",
        "date": [day_of[ids[a]] for a in claim_article],
    })

    joined = events.join(articles.select("article_id", "source", "published_at"), on="article_id").with_columns(
        pl.col("event_date").dt.truncate("1w").alias("week"))
    stance_counts = claims.filter(pl.col("event_id").is_not_null()).group_by("event_id").agg(
        *((pl.col("stance") == s).sum().cast(pl.Int32).alias(f"n_{s}") for s in ("supports", "refutes", "neutral")))
    stories = (
        joined.join(stance_counts, on="event_id", how="left").fill_null(0)
        .group_by("category", "location_key", "week")
        .agg(pl.col("event_id").first().alias("story_id"), pl.col("event_type").first(), pl.col("cameo").first(), pl.col("description").first(), pl.col("location").first(),
             pl.col("event_date").min(), pl.col("event_id").alias("event_ids"),
             pl.col("article_id").n_unique().cast(pl.Int32).alias("n_articles"), pl.col("source").n_unique().cast(pl.Int32).alias("n_sources"),
             pl.col("n_supports").sum().alias("n_supporting"), pl.col("n_refutes").sum().alias("n_refuting"),
             pl.col("n_neutral").sum(), pl.col("published_at").min().alias("first_seen"), pl.col("published_at").max().alias("last_seen"))
        .with_columns(pl.format("s{}", "story_id").alias("story_id"), pl.lit("day").alias("date_precision"),
                      pl.lit(RUN).alias("run_id"), pl.lit("base").alias("release"), pl.col("event_date").cast(pl.String).alias("date"))
        .drop("week")
    )
    rejects = pl.DataFrame({
        "dump": "bench.jsonl", "dump_record": [str(n + i) for i in range(n // 20)],
        "reason_code": np.array(["duplicate", "too_short", "not_english", "malformed_json"])[rng.integers(0, 4, n // 20)],
        "detail": "synthetic", "raw_excerpt": "", "rejected_at": START, "run_id": RUN, "date": "2026-01-01",
    })
    runs = pl.DataFrame({
        "run_id": [RUN], "flow": "run", "status": "completed", "started_at": START, "finished_at": START + timedelta(minutes=30),
        "config_hash": "0" * 16, "code_version": "bench", "release": "base", "date": "2026-01-01",
        "models": [[{"stage": "entities", "name": "cased-minilm.v1", "id": "bench", "sha256": "0" * 64, "metric": "dev F1", "value": 0.93}]],
        "dumps": [[{"path": "bench.jsonl", "format": "jsonl", "sha256": "0" * 64, "n_read": n + n // 20, "n_accepted": n,
                    "n_rejected": n // 20}]],
    })
    return {"articles": articles, "entities": entities, "events": events, "claims": claims, "stories": stories,
            "rejects": rejects, "runs": runs}


def complete(name: str, frame: pl.DataFrame) -> pa.Table:
    """`frame` with every column of the table's schema: the missing ones null, or empty where they may not be null."""
    schema = spec(name).write_schema
    table = frame.to_arrow()
    columns = []
    for field in schema:
        if field.name in table.column_names:
            columns.append(table.column(field.name).cast(field.type))
        elif field.nullable:
            columns.append(pa.nulls(table.num_rows, field.type))
        else:
            columns.append(pa.array([_empty(field.type)] * table.num_rows, field.type))
    return pa.Table.from_arrays(columns, schema=schema)


def _empty(kind: pa.DataType):
    if pa.types.is_list(kind):
        return []
    if pa.types.is_string(kind):
        return ""
    if pa.types.is_timestamp(kind):
        return START
    if pa.types.is_date(kind):
        return date(2024, 1, 1)
    return 0


def write_lake(root: Path, tables: dict[str, pl.DataFrame]) -> None:
    lake = open_lake(root)
    with lake.lock():
        staging = lake.stage(RUN)
        for name, frame in tables.items():
            staging.write(name, complete(name, frame))
        lake.publish(staging, RUN, settings={"default_release": "base"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--lake", type=Path, default=None, help="where to write the synthetic lake (default: a temporary folder)")
    parser.add_argument("--out", type=Path, default=None, help="report folder (default: inside the temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        lake = args.lake or Path(folder) / "lake"
        started = time.perf_counter()
        tables = synthetic_tables(args.articles)
        write_lake(lake, tables)
        rows = ", ".join(f"{name} {frame.height:,}" for name, frame in tables.items())
        print(f"synthetic lake: {rows} ({time.perf_counter() - started:.1f} s to write)")
        summary = build_report(lake, args.out or Path(folder) / "report")
        print(f"report: {summary.seconds:.1f} s, {summary.pages} pages, {summary.bytes / 1e6:.1f} MB "
              f"(vega.js {(summary.out / 'vega.js').stat().st_size / 1e6:.1f} MB of it)")


if __name__ == "__main__":
    main()
