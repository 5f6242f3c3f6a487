"""Upgrading a lake written by an earlier version: every published file rewritten to the declared schemas.

A table's declared schema (`newslake/schemas.py`) grows between versions:
new columns, new struct fields, a renamed column. Files an earlier version
published keep the columns it wrote, and polars refuses to read old and new
files as one table. `upgrade_lake` (run by every writing command under the
lock, and by `newslake check --repair`) finds the published files whose stored
schema is not the declared one, rewrites their rows to it and publishes them
in one commit, under new file names, leaving the old files out: the previous
state stays readable until the swap, as with every publish. Each row keeps its
values (and its `run_id`); a column the earlier version did not write is null,
or derived where the value is known (`FILLS`); a renamed column keeps its
values under the new name (`RENAMED`). The schema version the lake is at is
recorded in its settings (`schema_version`), so a lake already at this
version costs one settings read, not a read of every file's footer.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any
from uuid import uuid4

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newslake.schemas import TABLES, spec
from newslake.tasks.events.ontology import load_ontology
from newslake.tasks.lake.base import Lake, partition_values

LOGGER = logging.getLogger(__name__)
SETTING = "schema_version"

# Columns an earlier version wrote under another name: (table, old name) -> declared name.
RENAMED: dict[tuple[str, str], str] = {("stories", "n_sources"): "n_publishers"}

# The outlet of an article from its `url` and `source` (the ingest's `Publishers.publisher`).
PublisherOf = Callable[[str | None, str | None], str]


@dataclass(frozen=True)
class Known:
    """What the upgrade knows beyond one file's rows: the publisher function, and each article's publisher."""

    publisher_of: PublisherOf | None = None
    publishers: Mapping[str, str] = field(default_factory=dict)  # article_id -> publisher


def _publisher(table: pa.Table, known: Known) -> pa.Array | None:
    if known.publisher_of is None:
        return None
    return pa.array([known.publisher_of(url, source) for url, source in
                     zip(table.column("url").to_pylist(), table.column("source").to_pylist(), strict=True)], pa.string())


def _publisher_of_article(table: pa.Table, known: Known) -> pa.Array | None:
    if not known.publishers:
        return None
    return pa.array([known.publishers.get(article_id) for article_id in table.column("article_id").to_pylist()], pa.string())


def _speaker_resolution(table: pa.Table, known: Known) -> pa.Array:
    # The earlier version did not record how a speaker was found; that a speaker is anonymous, or has no key, it did.
    key = table.column("speaker_key")
    anonymous = pc.fill_null(pc.equal(key, "anonymous"), False)
    return pc.if_else(pc.is_null(key), "none", pc.if_else(anonymous, "anonymous", "unrecorded")).combine_chunks()


def _in_body(table: pa.Table, known: Known) -> pa.Array:
    # The earlier version found claims in article bodies only.
    return pa.array([False] * table.num_rows, pa.bool_())


def _target_event(table: pa.Table, known: Known) -> pa.Array:
    # The earlier version scored a claim against an event only when linked to it.
    toward_event = pc.fill_null(pc.equal(table.column("target_kind"), "event"), False)
    return pc.if_else(toward_event, table.column("event_id"), pa.scalar(None, pa.string())).combine_chunks()


def _independent(table: pa.Table, known: Known) -> pa.Array:
    # The earlier version marked no syndicated copies and credited no wire service: each publisher was its own origin.
    return table.column("n_publishers").combine_chunks()


def _no_speakers(table: pa.Table, known: Known) -> pa.Array:
    # The earlier version kept no speaker ledger: an empty one, since the column may not be null.
    return pa.array([[] for _ in range(table.num_rows)], spec("stories").schema.field("speakers").type)


def _legacy(field: int) -> Callable[[pa.Table, Known], pa.Array]:
    """Releases before categories wrote a type; the ontology's legacy mapping (docs/event-categories.md) gives
    its (category, CAMEO root, mode): `field` picks one."""
    def fill(table: pa.Table, known: Known) -> pa.Array:
        legacy = load_ontology().legacy
        return pa.array([(legacy.get(t) or (None, None, None))[field] if t is not None else None
                         for t in table.column("event_type").to_pylist()], pa.string())

    return fill


def _asserted(table: pa.Table, known: Known) -> pa.Array:
    # Releases before modality dropped negated and unreal event words: every row they wrote is asserted.
    return pa.array(["asserted"] * table.num_rows, pa.string())


# Declared columns an earlier version did not write, derived from the rest of the row (and `Known`) instead of
# left null: those that may not be null, and those the code knows how to compute. None from a function: null.
FILLS: dict[tuple[str, str], Callable[[pa.Table, Known], pa.Array | None]] = {
    ("articles", "publisher"): _publisher,
    ("_dedupe", "publisher"): _publisher_of_article,
    ("claims", "speaker_resolution"): _speaker_resolution,
    ("claims", "in_title"): _in_body,
    ("claims", "target_event_id"): _target_event,
    ("stories", "n_independent"): _independent,
    ("stories", "speakers"): _no_speakers,
    ("events", "category"): _legacy(0),
    ("events", "mode"): _legacy(2),
    ("events", "modality"): _asserted,
    ("stories", "category"): _legacy(0),
}
# Struct fields an earlier version did not write whose value is known: (table, column, field) -> value.
# Before syndicated copies were kept, a dump's records were accepted or rejected: no copies.
FIELD_FILLS: dict[tuple[str, str, str], Any] = {("runs", "dumps", "n_copies"): 0}


def schema_version() -> str:
    """A short digest of every declared table schema: names, types and nullability, not the docs."""
    text = "\n".join(f"{name}: " + ", ".join(f"{f.name} {f.type}{'' if f.nullable else ' not null'}" for f in table.write_schema)
                     for name, table in sorted(TABLES.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _shape(type_: pa.DataType) -> Any:
    """What a reader compares of a column's type: names and types, ignoring list item names and nullability."""
    if pa.types.is_struct(type_):
        return ("struct", tuple((type_.field(i).name, _shape(type_.field(i).type)) for i in range(type_.num_fields)))
    if pa.types.is_list(type_) or pa.types.is_large_list(type_):
        return ("list", _shape(type_.value_type))
    return str(type_)


def is_declared(name: str, stored: pa.Schema) -> bool:
    """Whether a file of table `name` with schema `stored` has exactly the declared columns, in order."""
    declared = spec(name).schema
    return [(f.name, _shape(f.type)) for f in stored] == [(f.name, _shape(f.type)) for f in declared]


def stale_files(lake: Lake) -> dict[str, list[str]]:
    """The published files whose stored schema is not their table's declared one, by table (footers only).

    A file whose footer cannot be read is left to `newslake check`, which reports it as damage.
    """
    base, files = lake.published_files()
    stale: dict[str, list[str]] = {}
    for path in sorted(files):
        name = PurePosixPath(path).parts[0]
        if name not in TABLES:
            continue
        try:
            stored = pq.read_schema(f"{base}/{path}", filesystem=lake.filesystem)
        except (OSError, pa.ArrowException):
            continue
        if not is_declared(name, stored):
            stale.setdefault(name, []).append(path)
    return stale


def conform(name: str, table: pa.Table, known: Known = Known()) -> pa.Table:
    """`table`, rows of `name` as an earlier version wrote them, in the declared schema (partition columns
    included when `table` has them): renamed columns under their new names, missing columns and struct
    fields filled (`FILLS`, `FIELD_FILLS`) or null, columns no longer declared left out."""
    table = table.rename_columns([RENAMED.get((name, column), column) for column in table.column_names])
    target = spec(name).write_schema
    columns = []
    for target_field in target:
        if target_field.name in table.column_names:
            column = table.column(target_field.name)
            chunks = [_conform_array(chunk, target_field.type, (name, target_field.name)) for chunk in column.chunks]
            columns.append(pa.chunked_array(chunks, target_field.type))
            continue
        fill = FILLS.get((name, target_field.name))
        filled = None if fill is None else fill(table, known)
        columns.append(filled.cast(target_field.type) if filled is not None else pa.nulls(table.num_rows, target_field.type))
    return pa.Table.from_arrays(columns, schema=target)


def _conform_array(array: pa.Array, type_: pa.DataType, path: tuple[str, ...]) -> pa.Array:
    if pa.types.is_struct(type_) and pa.types.is_struct(array.type):
        present = {array.type.field(i).name: array.field(i) for i in range(array.type.num_fields)}
        children = []
        for i in range(type_.num_fields):
            child = type_.field(i)
            if child.name in present:
                children.append(_conform_array(present[child.name], child.type, (*path, child.name)))
            elif (fill := FIELD_FILLS.get((path[0], path[1], child.name))) is not None:
                children.append(pa.array([fill] * len(array), child.type))
            else:
                children.append(pa.nulls(len(array), child.type))
        return pa.StructArray.from_arrays(children, fields=list(type_), mask=array.is_null() if array.null_count else None)
    if (pa.types.is_list(type_) or pa.types.is_large_list(type_)) and (pa.types.is_list(array.type) or pa.types.is_large_list(array.type)):
        values = _conform_array(array.flatten(), type_.value_type, path)
        offsets = pc.subtract(array.offsets, array.offsets[0]) if len(array.offsets) else array.offsets
        kind = pa.LargeListArray if pa.types.is_large_list(type_) else pa.ListArray
        return kind.from_arrays(offsets, values, type=type_, mask=array.is_null() if array.null_count else None)
    return array.cast(type_)


@dataclass
class Upgrade:
    """What `upgrade_lake` did: lines to show, and settings the next publish records."""

    done: list[str] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)


def upgrade_lake(lake: Lake, publisher_of: PublisherOf | None = None) -> Upgrade:
    """Bring the lake to this version's schemas. Call with the lock held.

    Records the manifest of a lake written before manifests, then rewrites every
    published file whose schema is not the declared one and publishes them in one
    commit (with `schema_version` in the settings). When no file needs it, the
    returned settings are for the caller's next publish to record.
    """
    result = Upgrade()
    if (recorded := lake.record_manifest()) is not None:
        result.done.append(recorded)
    version = schema_version()
    if lake.settings().get(SETTING) == version:
        return result
    stale = stale_files(lake)
    if not stale:
        result.settings[SETTING] = version
        return result
    base, _ = lake.published_files()
    known = Known(publisher_of, _article_publishers(lake, base, publisher_of) if "_dedupe" in stale else {})
    run_id = f"upgrade-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}-{uuid4().hex[:8]}"
    staging = lake.stage(run_id)
    for name, paths in stale.items():
        for path in paths:
            staging.write(name, conform(name, _read_with_partitions(lake, base, path), known))
    lake.publish(staging, run_id, drop=[path for paths in stale.values() for path in paths], settings={SETTING: version})
    counts = ", ".join(f"{name} {len(paths)}" for name, paths in sorted(stale.items()))
    result.done.append(f"upgraded {sum(map(len, stale.values()))} file(s) written by an earlier version to this version's "
                       f"schemas ({counts}): rows kept, new columns null or derived")
    LOGGER.info("%s: %s", lake.root, result.done[-1])
    return result


def _read_with_partitions(lake: Lake, base: str, path: str) -> pa.Table:
    table = pq.read_table(f"{base}/{path}", filesystem=lake.filesystem)
    for key, value in partition_values(str(PurePosixPath(path).parent)).items():
        if key in table.column_names:
            table = table.drop_columns([key])
        table = table.append_column(key, pa.array([value] * table.num_rows, pa.string()))
    return table


def _article_publishers(lake: Lake, base: str, publisher_of: PublisherOf | None) -> dict[str, str]:
    """article_id -> publisher of every published article: stored, else derived from its url and source."""
    _, files = lake.published_files()
    publishers: dict[str, str] = {}
    for path in sorted(p for p in files if PurePosixPath(p).parts[0] == "articles"):
        table = pq.read_table(f"{base}/{path}", filesystem=lake.filesystem)
        if "publisher" in table.column_names:
            publishers.update(zip(table.column("article_id").to_pylist(), table.column("publisher").to_pylist(), strict=True))
        elif publisher_of is not None:
            publishers.update(zip(table.column("article_id").to_pylist(), _publisher(table, Known(publisher_of)).to_pylist(), strict=True))
    return publishers
