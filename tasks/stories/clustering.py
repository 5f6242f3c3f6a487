"""Event mentions of many articles -> stories with canonical slots and a corroboration ledger.

Incremental: `cluster` takes the stories already published (those a new mention could join)
and the run's new event mentions, and adds each mention to the best story it fits or founds a
new one. Nothing already clustered is compared again, so a nightly run costs its own mentions
times the stories in their date window, not the corpus.

A mention fits a story when (docs/events.md):
  - the types are equal;
  - their dates agree: day-precise event dates at most a day apart (a night strike is dated
    either side of midnight); otherwise the mention's date (its article's when the text gives
    none) at most `window_days` from the story's;
  - the places do not contradict: both known, different, and the mention's sentence does not
    name the story's place either ("Kramatorsk rail station in the Donetsk region" fits a
    Kramatorsk story). Reports that disagree on the weapon (Iskander or Tochka-U) are still
    one story: the weapon is a contested detail, not another occurrence;
  - something ties them: the same place, or at least `min_similarity` of the mention's content
    words (its sentence) are among the story's.
Of the stories it fits, it joins the one with the same place, then the most similar. Mentions
are taken by date, those with a place first (see `_mention_order`).

The ledger (`ledger.py`) is kept per member event (its article, publisher, origin, publish time,
and the claims about it), so a member that comes again (a reprocessed article) replaces itself
instead of counting twice, and the totals are recomputed over the members.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from newslake.tasks.stories.ledger import member_row, origin_of, with_totals, without_members

UNKNOWN = "unknown"
DAY_SLACK = 1
MAX_TERMS = 300  # a story's vocabulary is capped so that a long-running story does not match everything
_WORD = re.compile(r"[a-z][a-z\-]{2,}")
_STOPWORDS = frozenset(
    "the and for that with from this have has had was were are been being its their his her they them said says "
    "will would could should about after before into over under than then there here which who whom what when "
    "where while also not but our out one two new more most other some such only just very can may might did does "
    "per via amid near said told according reported report reports".split()
)  # fmt: skip


@dataclass(frozen=True)
class StoryMember:
    """One event row with what the stories stage needs from its article and claims."""

    event: Mapping[str, Any]  # an `events` row
    source: str | None
    published_at: Any  # datetime (UTC) or None
    article_date: str  # the article's date partition ("unknown" when undated)
    terms: frozenset[str]
    stances: Mapping[str, int]  # claims about this event by stance
    publisher: str | None = None  # `articles.publisher`
    origin: str | None = None  # the wire service its article credits, else its publisher (ledger.origin_of)
    claims: Sequence[Mapping[str, Any]] = ()  # `claims` rows about this event (set by the stories stage)

    @property
    def anchor(self) -> str:
        """The date partition a story founded by this mention goes to: the event's date, else the article's."""
        day = self.event["event_date"]
        return day.isoformat() if day is not None else self.article_date


def member_of(event: Mapping[str, Any], article: Mapping[str, Any]) -> StoryMember:
    """The stories stage's view of an event row of `article` (claims are counted later)."""
    sentence = article["text"][event["sentence_start"] : event["sentence_end"]]
    return StoryMember(event, article.get("source"), article.get("published_at"), article["date"],
                       terms_of(f"{sentence} {event['description']}"), {},
                       publisher=article.get("publisher"), origin=origin_of(article.get("publisher"), article.get("wire")))


def terms_of(text: str) -> frozenset[str]:
    """Content words: lower-case, three letters or more, no stopwords."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS)


def candidate_dates(mentions: Iterable[StoryMember], window_days: int) -> set[str]:
    """Date partitions of the stories a mention could join: its anchor +- the window."""
    dates = set()
    for mention in mentions:
        if mention.anchor == UNKNOWN:
            dates.add(UNKNOWN)
            continue
        day = date.fromisoformat(mention.anchor)
        dates |= {(day + timedelta(days=d)).isoformat() for d in range(-window_days, window_days + 1)}
    return dates


def cluster(stories: Sequence[dict[str, Any]], mentions: Iterable[StoryMember], window_days: int,
            min_similarity: float, run_id: str) -> list[dict[str, Any]]:
    """`stories` (rows as published) with `mentions` added; new stories appended. Rows are new dicts."""
    out = [dict(story, members=list(story["members"]), terms=list(story["terms"])) for story in stories]
    for mention in sorted(mentions, key=_mention_order):
        fitting = [(s, _similarity(mention, s)) for s in out if _fits(s, mention, window_days)]
        fitting = [(s, sim) for s, sim in fitting if _same_place(s, mention) or sim >= min_similarity]
        if fitting:
            story = max(fitting, key=lambda pair: (_same_place(pair[0], mention), pair[1]))[0]
            _add(story, mention, run_id)
        else:
            out.append(_found(mention, run_id))
    return out


def without_articles_of(stories: Sequence[dict[str, Any]], article_dates: set[str]) -> list[dict[str, Any]]:
    """`stories` minus the members from articles of `article_dates` (a reprocess recomputes them);
    stories left with no member disappear."""
    kept = []
    for story in stories:
        members = without_members(story["members"], article_dates)
        if members:
            kept.append(_with_totals(dict(story, members=members)))
    return kept


def _fits(story: Mapping[str, Any], mention: StoryMember, window_days: int) -> bool:
    event = mention.event
    if story["event_type"] != event["event_type"]:
        return False
    if story["date_precision"] == event["date_precision"] == "day":
        if abs((story["event_date"] - event["event_date"]).days) > DAY_SLACK:
            return False
    elif UNKNOWN not in (story["date"], mention.anchor):
        if abs((date.fromisoformat(story["date"]) - date.fromisoformat(mention.anchor)).days) > window_days:
            return False
    return not (story["location_key"] and event["location_key"] and not _same_place(story, mention))


def _same_place(story: Mapping[str, Any], mention: StoryMember) -> bool:
    """The mention is placed where the story is, or its sentence names the story's place."""
    key = story["location_key"]
    return bool(key) and (key == mention.event["location_key"] or terms_of(key) <= mention.terms)


def _similarity(mention: StoryMember, story: Mapping[str, Any]) -> float:
    """Share of the mention's content words the story already has."""
    if not mention.terms:
        return 0.0
    return len(mention.terms & set(story["terms"])) / len(mention.terms)


def _found(mention: StoryMember, run_id: str) -> dict[str, Any]:
    event = mention.event
    story = {
        "story_id": hashlib.sha256(f"story:{event['event_id']}".encode()).hexdigest()[:16],
        "event_type": event["event_type"],
        "cameo": event["cameo"],
        "description": event["description"],
        "event_date": event["event_date"],
        "date_precision": event["date_precision"],
        "location": event["location"],
        "location_key": event["location_key"],
        "actors": [],
        "weapon": None,
        "weapon_class": None,
        "members": [],
        "terms": [],
        "date": mention.anchor,
    }
    _add(story, mention, run_id)
    return story


def _add(story: dict[str, Any], mention: StoryMember, run_id: str) -> None:
    event = mention.event
    member = member_row(mention)
    # A member seen again replaces itself; the copies of its article stay (ledger.attach_copies).
    story["members"] = [m for m in story["members"] if m["event_id"] != event["event_id"] or m.get("copy_of")] + [member]
    if story["event_date"] is None and event["event_date"] is not None:
        story["event_date"], story["date_precision"] = event["event_date"], event["date_precision"]
    if story["location_key"] is None and event["location_key"] is not None:
        story["location"], story["location_key"] = event["location"], event["location_key"]
    known = {(a["role"], a["entity_key"]) for a in story["actors"]}
    story["actors"] = list(story["actors"]) + [a for a in event["actors"] if (a["role"], a["entity_key"]) not in known]
    if event["weapon"] and (story["weapon"] is None or _more_specific(event, story)):
        story["weapon"], story["weapon_class"] = event["weapon"], event["weapon_class"]
    story["terms"] = sorted(set(story["terms"]) | mention.terms)[:MAX_TERMS]
    story["run_id"] = run_id
    _with_totals(story)


def _more_specific(event: Mapping[str, Any], story: Mapping[str, Any]) -> bool:
    """A named system replaces a class word ("missile" -> "ATACMS")."""
    return story["weapon"] == story.get("weapon_class") and event["weapon"] != event["weapon_class"]


def _with_totals(story: dict[str, Any]) -> dict[str, Any]:
    return with_totals(story)


def _mention_order(mention: StoryMember) -> tuple:
    """By date; of one date, mentions with a place first: they found the stories that mentions
    without one then join by their words (a placeless first mention would found a story of its own)."""
    published = mention.published_at.isoformat() if mention.published_at is not None else "~"
    return (mention.anchor, mention.event["location_key"] is None, published, mention.event["article_id"],
            mention.event["trigger_start"])
