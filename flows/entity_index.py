"""The entity index stage: after the model stages, the release's `entity_index` rebuilt from its entities.

It reads the release's published entities (without the dates a reprocess replaces) batch by
batch and the run's staged ones, keeps only the distinct (key, label, surface, article, date)
combinations, and stages the whole index: the publish replaces the release's index partition.
"""

from __future__ import annotations

from itertools import chain

import polars as pl
import pyarrow.dataset as ds

from newslake.flows.context import RunContext
from newslake.tasks.entities.index import COLUMNS, entity_index, mention_counts


def entity_index_stage(context: RunContext, replaced_dates: set[str] | None = None) -> None:
    """`replaced_dates`: the article dates a reprocess recomputes (their published entities are replaced)."""
    release = context.config.release
    if not replaced_dates and not context.staging.files().get("entities"):
        return  # no new entities (a night with nothing new, or only syndicated copies): the index stands as published
    with context.timed("entity_index"):
        published = context.lake.partitions("entities", release)
        wanted = ds.field("release") == release
        if replaced_dates:
            wanted &= ~ds.field("date").isin(sorted(replaced_dates))
        lake_rows = (pl.from_arrow(t) for t in context.lake.batches("entities", COLUMNS, wanted, 100_000)) if published else ()
        staged = (pl.from_arrow(t) for t in context.staging.tables("entities", COLUMNS))
        counts = mention_counts(chain(lake_rows, staged))
        index = entity_index(counts, context.report.run_id).with_columns(release=pl.lit(release))
        context.drop += context.lake.partitions("entity_index", release)
        if index.height:
            context.report.rows["entity_index"] += context.staging.write("entity_index", index.to_arrow())
    context.logger.info("entity_index: %d entities from %d keys", index.height, counts["entity_key"].n_unique())

