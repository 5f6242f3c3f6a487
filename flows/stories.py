"""The stories stage: the run's event mentions added to the release's stories, after claims.

It reads the published stories a new mention could join (its date window; all of them when
reprocessing, which first takes out the members from the reprocessed dates), adds the
mentions with the claims about them, lists the syndicated copies of the run (and, for a
reprocess, the copies of the reprocessed articles) beside their originals, and stages every
story of the partitions it read with its `story_details`: the publish replaces exactly those
partitions of both tables.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

import pyarrow.dataset as ds

from newslake.flows.context import RunContext
from newslake.models.runtime.sentence_vectors import SentenceVectors
from newslake.tasks.stories.clustering import (UNKNOWN, JoinRule, StoryMember, candidate_dates, cluster, mention_vector,
                                               without_articles_of)
from newslake.tasks.stories.details import detail_rows
from newslake.tasks.stories.ledger import attach_copies, with_totals

COPY_COLUMNS = ["article_id", "copy_of", "source", "publisher", "published_at", "date"]
CLAIM_COLUMNS = ["claim_id", "event_id", "speaker_key", "stance", "content", "cue_start"]


def stories_stage(context: RunContext, mentions: Sequence[StoryMember], replaced_dates: set[str] | None = None,
                  copies: Sequence[dict] = ()) -> None:
    """`replaced_dates`: article date partitions a reprocess recomputes (None: a run adding new articles).
    `copies`: the syndicated copies among the articles (COPY_COLUMNS)."""
    config, release = context.config.events, context.config.release
    with context.timed("stories"):
        claims = _claims_by_event(context)
        vectors = _vectors(mentions, context.config.events.story_quantize)
        mentions = [dataclasses.replace(m, stances=Counter(c["stance"] for c in claims.get(m.event["event_id"], [])),
                                        claims=claims.get(m.event["event_id"], []), embedding=vector)
                    for m, vector in zip(mentions, vectors)]
        published = context.lake.dates("stories", release)
        if replaced_dates is None:
            published &= candidate_dates(mentions, config.story_window_days) | _original_dates(context, copies, mentions)
        else:
            copies = _with_lake_copies(context, copies, {m.event["article_id"] for m in mentions})
        read = context.lake.partitions("stories", release, published)
        read += context.lake.partitions("story_details", release, published)
        existing = [with_totals(story) for story in _read(context, release, published)]  # the ledger as this code counts it
        if replaced_dates is not None:
            existing = without_articles_of(existing, replaced_dates)
        rule = JoinRule.of(config)
        stories = cluster(existing, mentions, rule, context.report.run_id)
        for position in attach_copies(stories, copies):
            stories[position]["run_id"] = context.report.run_id
        context.drop += read
        rows = [{**story, "release": release} for story in stories]
        context.report.rows["stories"] += context.staging.write("stories", rows)
        details = [{**row, "run_id": story["run_id"], "release": release} for story in stories for row in detail_rows(story)]
        context.report.rows["story_details"] += context.staging.write("story_details", details)
    context.logger.info("stories: %d mentions and %d copies into %d stories (%d partitions rewritten)", len(mentions),
                        len(copies), len(stories), len(read))


def _vectors(mentions: Sequence[StoryMember], quantize: str) -> list:
    """Each mention's vector from its sentence and its article's lead (every distinct text encoded once)."""
    if not mentions:
        return []
    encoder = SentenceVectors(quantize=quantize)
    sentences = encoder.encode([m.sentence for m in mentions])
    leads = encoder.encode([m.lead for m in mentions])
    return [mention_vector(s, lead) for s, lead in zip(sentences, leads)]


def _claims_by_event(context: RunContext) -> dict[str, list[dict]]:
    """The run's claims about events, by event id (in text order)."""
    claims: dict[str, list[dict]] = defaultdict(list)
    for table in context.staging.tables("claims", CLAIM_COLUMNS):
        for claim in table.to_pylist():
            if claim["event_id"] is not None:
                claims[claim["event_id"]].append(claim)
    return claims


def _original_dates(context: RunContext, copies: Sequence[dict], mentions: Sequence[StoryMember]) -> set[str]:
    """Date partitions of the stories that may hold the originals, published in earlier runs, of the run's copies:
    the window around each of their events' anchors (its date, else its article's)."""
    earlier = {c["copy_of"] for c in copies} - {m.event["article_id"] for m in mentions}
    if not earlier:
        return set()
    wanted = (ds.field("release") == context.config.release) & ds.field("article_id").isin(sorted(earlier))
    events = context.lake.read("events", columns=["event_date", "date"], filter=wanted).to_pylist()
    window = context.config.events.story_window_days
    dates = set()
    for event in events:
        anchor = event["event_date"].isoformat() if event["event_date"] is not None else event["date"]
        if anchor == UNKNOWN:
            dates.add(UNKNOWN)
            continue
        day = date.fromisoformat(anchor)
        dates |= {(day + timedelta(days=d)).isoformat() for d in range(-window, window + 1)}
    return dates


def _with_lake_copies(context: RunContext, copies: Sequence[dict], originals: set[str]) -> list[dict]:
    """`copies` and the lake's copies of `originals` (a reprocess rebuilds those originals' members;
    their copies, whatever their own dates, are listed again beside them)."""
    found = {c["article_id"]: c for c in copies}
    if originals:
        lake_copies = context.lake.read("articles", columns=COPY_COLUMNS, filter=ds.field("copy_of").isin(sorted(originals)))
        for copy in lake_copies.to_pylist():
            found.setdefault(copy["article_id"], copy)
    return list(found.values())


def _read(context: RunContext, release: str, dates: set[str]) -> list[dict]:
    if not dates:
        return []
    wanted = (ds.field("release") == release) & ds.field("date").isin(sorted(dates))
    return context.lake.read("stories", filter=wanted).to_pylist()
