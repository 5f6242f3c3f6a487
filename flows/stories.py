"""The stories stage: the run's event mentions added to the release's stories, after claims.

It reads the published stories a new mention could join (its date window; all of them when
reprocessing, which first takes out the members from the reprocessed dates), adds the
mentions with their claims counted by stance, and stages every story of the partitions it
read: the publish replaces exactly those partitions.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence

import pyarrow.dataset as ds

from newslake.flows.context import RunContext
from newslake.tasks.stories.clustering import StoryMember, candidate_dates, cluster, without_articles_of


def stories_stage(context: RunContext, mentions: Sequence[StoryMember], replaced_dates: set[str] | None = None) -> None:
    """`replaced_dates`: article date partitions a reprocess recomputes (None: a run adding new articles)."""
    config, release = context.config.events, context.config.release
    with context.timed("stories"):
        stances = _claims_by_stance(context)
        mentions = [dataclasses.replace(m, stances=stances.get(m.event["event_id"], {})) for m in mentions]
        published = context.lake.dates("stories", release)
        if replaced_dates is None:
            published &= candidate_dates(mentions, config.story_window_days)
        read = context.lake.partitions("stories", release, published)
        existing = _read(context, release, published)
        if replaced_dates is not None:
            existing = without_articles_of(existing, replaced_dates)
        stories = cluster(existing, mentions, config.story_window_days, config.story_min_similarity,
                          context.report.run_id)
        context.drop += read
        rows = [{**story, "release": release} for story in stories]
        context.report.rows["stories"] += context.staging.write("stories", rows)
    context.logger.info("stories: %d mentions into %d stories (%d partitions rewritten)", len(mentions), len(stories),
                        len(read))


def _claims_by_stance(context: RunContext) -> dict[str, Counter]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for table in context.staging.tables("claims", ["event_id", "stance"]):
        for event_id, stance in zip(table.column("event_id").to_pylist(), table.column("stance").to_pylist()):
            if event_id is not None:
                counts[event_id][stance] += 1
    return counts


def _read(context: RunContext, release: str, dates: set[str]) -> list[dict]:
    if not dates:
        return []
    wanted = (ds.field("release") == release) & ds.field("date").isin(sorted(dates))
    return context.lake.read("stories", filter=wanted).to_pylist()
