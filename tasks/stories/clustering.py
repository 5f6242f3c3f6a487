"""Event mentions of many articles -> stories with canonical slots and a corroboration ledger.

Incremental: `cluster` takes the stories already published (those a new mention could join)
and the run's new event mentions, and adds each mention to the best story it fits or founds a
new one. Nothing already clustered is compared again, so a nightly run costs its own mentions
times the stories in their date window, not the corpus.

Only asserted events are story members: a denied, hypothetical or future event is no occurrence
to corroborate (it stays a row of `events`). A mention joins a story only when the evidence says
they are one occurrence (docs/stories.md):
  - the same category;
  - compatible dates at their precisions: day dates at most a day apart (a night strike is dated
    either side of midnight), otherwise equal at the coarser precision (month, year); a mention
    without a date of its own is anchored at its article's date, at most `window_days` from the
    story's;
  - places that agree when both are known: equal, or one lies in the other (Kramatorsk lies in
    the Donetsk region; Odessa is not North Korea; `places.py`); a mention without a place agrees
    when its sentence names the story's. Reports that disagree on the weapon (Iskander or
    Tochka-U) are still one story: the weapon is a contested detail, not another occurrence;
  - textual agreement: the cosine of the mention's vector (the unit mean of its sentence's and its
    article lead's vectors: the base encoder, mean-pooled) with the story's centroid (the mean of
    its members' vectors) is at least `corroborated_similarity` when the place agrees (or both are
    dated and share an actor); at least `text_similarity` on the text alone; and at least the
    strictest, `undated_similarity`, when neither the mention nor its article has a date (strong
    textual agreement: nothing bounds it in time);
  - the story holds no other event of the mention's article, unless the place agrees and the
    mention has a date (the events stage found them apart, and their shared lead makes their
    vectors close).
Of the stories it may join, it joins the most similar. Candidates are looked up by category and date
partition (the anchor +- the window), so a mention is compared with the stories of its category in its
window, not with the corpus. Mentions are taken by date, those with a place first.

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
from itertools import islice
from typing import Any

import numpy as np

from newslake.tasks.stories.ledger import member_row, origin_of, with_totals, without_members
from newslake.tasks.stories.places import Gazetteer, load_gazetteer
from newslake.text.sentences import iter_sentence_spans

UNKNOWN = "unknown"
DAY_SLACK = 1
LEAD_SENTENCES = 3
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
    sentence: str = ""  # the sentence stating the event: what the encoder reads
    embedding: np.ndarray | None = None  # its unit vector (set by the stories stage)
    publisher: str | None = None  # `articles.publisher`
    origin: str | None = None  # the wire service its article credits, else its publisher (ledger.origin_of)
    claims: Sequence[Mapping[str, Any]] = ()  # `claims` rows about this event (set by the stories stage)
    lead: str = ""  # its article's title and first sentences: what the article is about (`lead_of`)

    @property
    def anchor(self) -> str:
        """The date partition a story founded by this mention goes to: the event's date, else the article's."""
        day = self.event["event_date"]
        return day.isoformat() if day is not None else self.article_date


def member_of(event: Mapping[str, Any], article: Mapping[str, Any]) -> StoryMember:
    """The stories stage's view of an event row of `article` (claims are counted later)."""
    sentence = article["text"][event["sentence_start"] : event["sentence_end"]]
    return StoryMember(event, article.get("source"), article.get("published_at"), article["date"],
                       terms_of(f"{sentence} {event['description']}"), {}, sentence,
                       publisher=article.get("publisher"), origin=origin_of(article.get("publisher"), article.get("wire")),
                       lead=lead_of(article.get("title"), article["text"]))


def lead_of(title: str | None, text: str, sentences: int = LEAD_SENTENCES) -> str:
    """The title and the first `sentences` sentences of an article: what its report is about."""
    first = " ".join(text[start:end] for start, end in islice(iter_sentence_spans(text), sentences))
    return f"{title}. {first}" if title else first


def mention_vector(sentence: np.ndarray, lead: np.ndarray) -> np.ndarray:
    """A mention's vector: the unit mean of its sentence's and its article lead's. The sentence alone
    says too little ("the strike killed 57 people"); the lead says which occurrence the article reports."""
    both = sentence + lead
    return both / max(float(np.linalg.norm(both)), 1e-12)


def terms_of(text: str) -> frozenset[str]:
    """Content words: lower-case, three letters or more, no stopwords."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS)


def candidate_dates(mentions: Iterable[StoryMember], window_days: int) -> set[str]:
    """Date partitions of the stories a mention could join: its anchor +- the window (every day of its
    month +- the window for a month-precision date), and the partitions where stories of coarser dates
    sit (a month-precision story is anchored on the 1st, a year-precision one on January 1st)."""
    dates = set()
    for mention in mentions:
        if mention.anchor == UNKNOWN:
            dates.add(UNKNOWN)
            continue
        day = date.fromisoformat(mention.anchor)
        first, last = day, day
        if mention.event["date_precision"] == "month":
            last = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        dates |= {(first + timedelta(days=d)).isoformat()
                  for d in range(-window_days, (last - first).days + window_days + 1)}
        dates |= {day.replace(day=1).isoformat(), day.replace(month=1, day=1).isoformat()}
    return dates


@dataclass(frozen=True)
class JoinRule:
    """The thresholds of the join decision (`EventsConfig`: fitted on the story dev set, bench/stories.py)."""

    window_days: int = 3
    text_similarity: float = 0.63
    corroborated_similarity: float = 0.52
    undated_similarity: float = 0.82
    gazetteer: Gazetteer | None = None

    @classmethod
    def of(cls, config: Any) -> JoinRule:
        """From the `EventsConfig` settings."""
        return cls(config.story_window_days, config.story_text_similarity, config.story_corroborated_similarity,
                   config.story_undated_similarity)

    @property
    def places(self) -> Gazetteer:
        return self.gazetteer or load_gazetteer()


def cluster(stories: Sequence[dict[str, Any]], mentions: Iterable[StoryMember], rule: JoinRule,
            run_id: str) -> list[dict[str, Any]]:
    """`stories` (rows as published) with `mentions` added; new stories appended. Rows are new dicts.
    Every mention needs its `embedding`."""
    out = [dict(story, members=list(story["members"]), terms=list(story["terms"])) for story in stories]
    index: dict[tuple[str, str], list[int]] = {}
    for position, story in enumerate(out):
        index.setdefault((story["category"], story["date"]), []).append(position)
    centroids = {position: _centroid(story["members"]) for position, story in enumerate(out)}
    floor = min(rule.text_similarity, rule.corroborated_similarity, rule.undated_similarity)
    for mention in sorted(mentions, key=_mention_order):
        if mention.embedding is None:
            raise ValueError(f"event mention {mention.event['event_id']} has no sentence vector")
        candidates = [p for p in _candidates(index, mention, rule.window_days) if centroids[p] is not None]
        best, best_similarity = None, -1.0
        if candidates:
            similarities = np.stack([centroids[p] for p in candidates]) @ mention.embedding
            for position, similarity in zip(candidates, similarities.tolist()):
                if similarity >= floor and similarity > best_similarity and similarity >= _threshold(out[position], mention, rule):
                    best, best_similarity = position, similarity
        if best is None:
            best = len(out)
            out.append(_found(mention, run_id))
            index.setdefault((mention.event["category"], mention.anchor), []).append(best)
        else:
            _add(out[best], mention, run_id)
        centroids[best] = _centroid(out[best]["members"])
    return out


def _candidates(index: Mapping[tuple[str, str], list[int]], mention: StoryMember, window_days: int) -> list[int]:
    kind = mention.event["category"]
    return [p for day in sorted(candidate_dates([mention], window_days)) for p in index.get((kind, day), [])]


def _threshold(story: Mapping[str, Any], mention: StoryMember, rule: JoinRule) -> float:
    """The similarity the mention needs to join `story`: infinite when the slots say two occurrences."""
    if not _dates_agree(story, mention, rule.window_days):
        return float("inf")
    place_known = bool(story["location_key"]) and bool(mention.event["location_key"])
    same_place = _same_place(story, mention, rule.places)
    if place_known and not same_place:
        return float("inf")
    if _holds_article(story, mention) and (not same_place or mention.anchor == UNKNOWN):
        return float("inf")
    if mention.anchor == UNKNOWN:
        return rule.undated_similarity
    dated = story["event_date"] is not None and mention.event["event_date"] is not None
    if same_place or (dated and _shared_actor(story, mention)):
        return rule.corroborated_similarity
    return rule.text_similarity


def _holds_article(story: Mapping[str, Any], mention: StoryMember) -> bool:
    """The story has an event of the mention's article. Two events of one article share its lead, so
    their vectors are close whatever they report; the events stage kept them apart, so only an
    agreeing place and a date let them meet again (Censor.NET's "shelling of the station" and
    "struck with the Iskander on the Kramatorsk railway station", April 8)."""
    return any(m["article_id"] == mention.event["article_id"] for m in story["members"])


def _centroid(members: Sequence[Mapping[str, Any]]) -> np.ndarray | None:
    """The unit mean of the members' sentence vectors (None for a story written before they were stored:
    nothing joins it until a reprocess rebuilds it)."""
    vectors = [m["embedding"] for m in members if m.get("embedding") is not None]
    if not vectors:
        return None
    mean = np.asarray(vectors, dtype=np.float32).mean(axis=0)
    return mean / max(float(np.linalg.norm(mean)), 1e-12)


def without_articles_of(stories: Sequence[dict[str, Any]], article_dates: set[str]) -> list[dict[str, Any]]:
    """`stories` minus the members from articles of `article_dates` (a reprocess recomputes them);
    stories left with no member disappear."""
    kept = []
    for story in stories:
        members = without_members(story["members"], article_dates)
        if members:
            kept.append(_with_totals(dict(story, members=members)))
    return kept


def _dates_agree(story: Mapping[str, Any], mention: StoryMember, window_days: int) -> bool:
    """Compatible at the coarser of the two precisions; without an event date on either side, the
    anchors (the article's date for an undated mention) at most `window_days` apart."""
    event = mention.event
    ours, theirs = story["event_date"], event["event_date"]
    if ours is not None and theirs is not None:
        precisions = {story["date_precision"], event["date_precision"]}
        if precisions == {"day"}:
            return abs((ours - theirs).days) <= DAY_SLACK
        if "year" in precisions:
            return ours.year == theirs.year
        return (ours.year, ours.month) == (theirs.year, theirs.month)
    if UNKNOWN in (story["date"], mention.anchor):
        return story["date"] == mention.anchor
    return abs((date.fromisoformat(story["date"]) - date.fromisoformat(mention.anchor)).days) <= window_days


def _same_place(story: Mapping[str, Any], mention: StoryMember, places: Gazetteer) -> bool:
    """Both placed, and the places agree (one lies in the other); or the mention has no place of its
    own and its sentence names the story's ("a Russian missile hit Kramatorsk: not true")."""
    ours, theirs = story["location_key"], mention.event["location_key"]
    if not ours:
        return False
    if theirs:
        return places.agree(ours, theirs)
    return terms_of(ours) <= mention.terms


def _shared_actor(story: Mapping[str, Any], mention: StoryMember) -> bool:
    ours = {a["entity_key"] for a in story["actors"] if a["entity_key"]}
    return any(a["entity_key"] in ours for a in mention.event["actors"] if a["entity_key"])


def _found(mention: StoryMember, run_id: str) -> dict[str, Any]:
    event = mention.event
    story = {
        "story_id": hashlib.sha256(f"story:{event['event_id']}".encode()).hexdigest()[:16],
        "category": event["category"],
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
    member = {
        **member_row(mention),
        "embedding": mention.embedding.tolist(),
    }
    # A member seen again replaces itself; the copies of its article stay (ledger.attach_copies).
    story["members"] = [m for m in story["members"] if m["event_id"] != event["event_id"] or m.get("copy_of")] + [member]
    if story["event_date"] is None and event["event_date"] is not None:
        story["event_date"], story["date_precision"] = event["event_date"], event["date_precision"]
    if story["location_key"] is None and event["location_key"] is not None:
        story["location"], story["location_key"] = event["location"], event["location_key"]
    known = {_actor_identity(a) for a in story["actors"]}
    story["actors"] = list(story["actors"]) + [{"role": a["role"], "entity_key": a["entity_key"], "text": a["text"]}
                                               for a in event["actors"] if _actor_identity(a) not in known]
    if event["weapon"] and (story["weapon"] is None or _more_specific(event, story)):
        story["weapon"], story["weapon_class"] = event["weapon"], event["weapon_class"]
    story["terms"] = sorted(set(story["terms"]) | mention.terms)[:MAX_TERMS]
    story["run_id"] = run_id
    _with_totals(story)


def _actor_identity(actor: Mapping[str, Any]) -> tuple[str, str]:
    """An actor is its entity, or its words where no entity covers it ("two men")."""
    return actor["role"], actor["entity_key"] or actor["text"].lower()


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
