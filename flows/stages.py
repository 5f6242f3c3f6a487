"""The model stages in their order: what `run` and `reprocess` do after the articles are known."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc

from newslake.flows.claims import claims_stage
from newslake.flows.context import RunContext
from newslake.flows.entities import drain, entities_stage
from newslake.flows.entity_index import entity_index_stage
from newslake.flows.events import events_stage
from newslake.flows.stories import stories_stage
from newslake.tasks.stories.clustering import StoryMember


def model_stages(context: RunContext, articles: Iterable[pa.Table], replaced_dates: set[str] | None = None) -> None:
    """Entities, then events and claims on the same shards (events read the entity keys; claims read
    both, to link each claim to its event), then stories over the run's events and claims, then the
    release's entity index over its entities.

    `replaced_dates`: the article dates a reprocess recomputes (stories drop their old members).
    Syndicated copies (`copy_of`) skip the models: stories count them through their original's events."""
    copies: list[dict] = []
    tagged = entities_stage(context, _originals(articles, copies))
    mentions: list[StoryMember] = []
    if context.config.events.enabled:
        shards = events_stage(context, tagged, mentions)
    else:
        shards = ((articles_, entity_rows, []) for articles_, entity_rows in tagged)
    if context.config.claims.enabled:
        claims_stage(context, shards)
    else:
        drain(shards)
    if context.config.events.enabled:
        stories_stage(context, mentions, replaced_dates, copies)
    if context.config.entities.enabled:
        entity_index_stage(context, replaced_dates)


def _originals(articles: Iterable[pa.Table], copies: list[dict]) -> Iterator[pa.Table]:
    """`articles` without the syndicated copies, which are collected into `copies` (a few fields each)."""
    for table in articles:
        is_copy = pc.is_valid(table.column("copy_of"))
        copies += table.filter(is_copy).select(["article_id", "copy_of", "source", "publisher", "published_at", "date"]).to_pylist()
        originals = table.filter(pc.invert(is_copy))
        if originals.num_rows:
            yield originals
