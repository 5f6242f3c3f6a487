"""A lake as the release before manifests and publishers wrote it: old column sets, no manifest, no schema version.

`write_old_lake(root)` builds it file by file with pyarrow, the way that
release laid it out (`_current -> _snapshots/000001`, an empty
`_snapshots/000000`, links per table), with the columns it wrote:
`articles` without `publisher`, `copy_of` and `wire`; `claims` without
`speaker_resolution`, `speaker_affiliation` and `quote_type`; `stories` with
`n_sources` (now `n_publishers`), without `n_independent`, `speakers` and
`category`, and members without the fields added since; `events` typed by
`event_type` only (no `category`, `mode`, `cameo_code` or `modality`) with
actors of role, key and text; `runs` whose dumps have no `n_copies`;
`_dedupe` without `publisher` and `copy_of`.
"""

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newslake.config import DedupeConfig
from newslake.schemas import spec
from newslake.tasks.ingest.dedupe import fingerprint

from lake_rows import article, claim, event

RUN = "20261101T000000Z-0ld0ld00"
NOW = datetime(2026, 11, 1, tzinfo=UTC)
ADDED = {
    "articles": ["publisher", "copy_of", "wire"],
    "claims": ["speaker_resolution", "speaker_affiliation", "quote_type", "in_title", "target_event_id"],
    "stories": ["n_independent", "speakers", "category"],
    "events": ["category", "mode", "cameo_code", "modality"],
    "_dedupe": ["publisher", "copy_of"],
}
ADDED_MEMBER_FIELDS = ["embedding", "publisher", "origin", "copy_of", "claims", "details"]
ADDED_ACTOR_FIELDS = ["start", "end", "country", "sector", "code"]


def _old_type(type_: pa.DataType, dropped: list[str]) -> pa.DataType:
    fields = [f for f in type_ if f.name not in dropped]
    return pa.struct(fields)


def old_schema(name: str) -> pa.Schema:
    """The columns `name` had in that release (partition columns are in the folder names)."""
    fields = []
    for field in spec(name).schema:
        if field.name in ADDED.get(name, []):
            continue
        if (name, field.name) == ("stories", "n_publishers"):
            field = field.with_name("n_sources")
        elif (name, field.name) == ("stories", "members"):
            field = field.with_type(pa.list_(_old_type(field.type.value_type, ADDED_MEMBER_FIELDS)))
        elif (name, field.name) == ("events", "actors"):
            field = field.with_type(pa.list_(_old_type(field.type.value_type, ADDED_ACTOR_FIELDS)))
        elif (name, field.name) == ("runs", "dumps"):
            field = field.with_type(pa.list_(_old_type(field.type.value_type, ["n_copies"])))
        fields.append(field.with_nullable(True))
    return pa.schema(fields)


def _write(snapshot: Path, name: str, folder: str, rows: list[dict]) -> None:
    schema = old_schema(name)
    table = pa.Table.from_pylist([{key: row.get(key) for key in schema.names} for row in rows], schema=schema)
    path = snapshot / name / folder / f"part-{RUN}-0.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)


def old_articles() -> list[dict]:
    first = {**article(1, run_id=RUN), "url": "https://www.nytimes.com/2024/11/19/world/strike.html", "source": "nytimes"}
    second = {**article(2, run_id=RUN), "url": None, "source": "Breitbart News"}
    return [first, second]


def old_events() -> list[dict]:
    """Three events of the types before categories: one whose category is ASSAULT, one CONSULT, and an accident
    (no event any more: no category)."""
    typed = [("e1", "id1", "attack", "19", 0), ("e2", "id2", "diplomatic_meeting", "04", 0), ("e3", "id2", "accident_disaster", None, 20)]
    return [{**event(event_id, article_id), "event_type": event_type, "cameo": cameo, "trigger_start": start,
             "trigger_end": start + 6, "mentions": [{"start": start, "end": start + 6}], "description": f"{event_type} {event_id}",
             "actors": [{"role": "agent", "entity_key": "russia", "text": "Russia"}] if event_type == "attack" else [],
             "run_id": RUN}
            for event_id, article_id, event_type, cameo, start in typed]


def old_story() -> dict:
    member = {"event_id": "e1", "article_id": "id1", "article_date": "2024-11-19", "source": "nytimes",
              "published_at": datetime(2024, 11, 19, tzinfo=UTC), "n_supporting": 1, "n_refuting": 0, "n_neutral": 0}
    return {"story_id": "s1", "event_type": "attack", "cameo": "19", "description": "missile strike", "date_precision": "day", "actors": [],
            "event_ids": ["e1"], "members": [member], "n_articles": 1,
            "n_sources": 1, "n_supporting": 1, "n_refuting": 0, "n_neutral": 0, "terms": ["missile"], "run_id": RUN}


def old_run() -> dict:
    dump = {"path": "night.jsonl", "format": "jsonl", "sha256": "a" * 64, "n_read": 3, "n_accepted": 2, "n_rejected": 1}
    return {"run_id": RUN, "flow": "run", "status": "completed", "started_at": NOW, "finished_at": NOW, "config_hash": "c",
            "code_version": "0.1.0", "models": [], "dumps": [dump], "rows": [], "rejects_by_reason": [], "timings": []}


def old_fingerprint(row: dict) -> dict:
    found = fingerprint(row["article_id"], None, row["text"], DedupeConfig())
    return {"article_id": found.article_id, "url_key": None, "text_key": found.text_key, "minhash": found.minhash}


def write_old_lake(root: Path) -> Path:
    """The lake at `root` (returned), with two articles, two claims, three events, one story, one run and their fingerprints."""
    snapshots = root / "_snapshots"
    (snapshots / "000000").mkdir(parents=True)
    snapshot = snapshots / "000001"
    _write(snapshot, "articles", "date=2024-11-19", old_articles())
    _write(snapshot, "claims", "release=base/date=2024-11-19",
           [claim(1, "id1", "anonymous", "supports"), claim(2, "id2", "joe-biden", "neutral")])
    _write(snapshot, "events", "release=base/date=2024-11-19", old_events())
    _write(snapshot, "stories", "release=base/date=2024-11-19", [old_story()])
    _write(snapshot, "runs", "release=base/date=2026-11-01", [old_run()])
    _write(snapshot, "_dedupe", ".", [old_fingerprint(row) for row in old_articles()])
    for name in ("rejects", "entities", "claim_stances"):
        (snapshot / name).mkdir()
    (snapshot / "_lake.json").write_text(json.dumps({"default_release": "base"}))
    os.symlink("_snapshots/000001", root / "_current")
    for name in ("articles", "rejects", "runs", "entities", "claims", "claim_stances", "events", "stories"):
        os.symlink(f"_current/{name}", root / name)
    (root / "_lock").touch()
    return root
