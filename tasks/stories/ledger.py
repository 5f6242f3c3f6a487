"""A story's corroboration ledger: who reports it, from how many independent origins, and who
confirms or denies it.

Each member of a story is one event of one article, with what the ledger needs from that
article (publisher, origin, publish time) and from the claims about the event (speaker,
stance). A syndicated copy (`articles.copy_of`) is a member too: it reports its original's
event, so it is listed with the original's event id and counts as coverage (articles,
publishers, first and last seen) but not as another origin or as more claims. The totals are
recomputed from the members every time, so a member seen again replaces itself.

- `n_articles`: distinct articles, copies included;
- `n_publishers`: distinct `articles.publisher` values (all articles of unknown publisher count as one);
- `n_independent`: distinct origins. An article's origin is the wire service it credits, else its
  publisher; a copy's origin is its original's. So an AP story and three papers reprinting it
  count once, and so do a Reuters report and another paper's story credited "(Reuters)";
- `n_supporting` / `n_refuting` / `n_neutral`: distinct speakers by their latest stance (by publish
  time, then position in the article): a ministry quoted in five reports counts once, and one
  that denied and later confirmed counts as supporting. Anonymous sources count once per article;
- `first_seen` / `last_seen`: the publish times of all members, copies included (null only when no
  member has one).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from newslake.tasks.stories.details import member_details

UNKNOWN = "unknown"
ANONYMOUS = "anonymous"
STANCES = (("supporting", "supports"), ("refuting", "refutes"), ("neutral", "neutral"))
_EARLIEST = datetime.min.replace(tzinfo=UTC)


def origin_of(publisher: str | None, wire: str | None) -> str:
    """Where an article's report comes from: the wire service it credits, else its publisher."""
    return wire or publisher or UNKNOWN


def member_row(mention: Any) -> dict[str, Any]:
    """The ledger's fields of a story member, from a `StoryMember` (its event, article and claims)."""
    event = mention.event
    claims = sorted(mention.claims, key=lambda c: c["cue_start"])
    counts = {stance: sum(c["stance"] == stance for c in claims) for _, stance in STANCES} if claims else mention.stances
    return {
        "event_id": event["event_id"],
        "article_id": event["article_id"],
        "article_date": mention.article_date,
        "source": mention.source,
        "publisher": mention.publisher or mention.source or UNKNOWN,
        "origin": mention.origin or origin_of(mention.publisher or mention.source, None),
        "copy_of": None,
        "published_at": mention.published_at,
        **{f"n_{label}": int(counts.get(stance, 0)) for label, stance in STANCES},
        "claims": [{"claim_id": c["claim_id"], "speaker_key": c["speaker_key"], "stance": c["stance"]} for c in claims],
        "details": member_details(event, claims),
    }


def copy_row(original: Mapping[str, Any], copy: Mapping[str, Any]) -> dict[str, Any]:
    """A syndicated copy as a member: its original's event and details, its own article, publisher
    and publish time; no claims of its own (they are the original's) and no sentence vector."""
    return {
        **{key: None for key in original},
        "event_id": original["event_id"],
        "article_id": copy["article_id"],
        "article_date": copy["date"],
        "source": copy["source"],
        "publisher": copy["publisher"],
        "origin": original["origin"],
        "copy_of": original["article_id"],
        "published_at": copy["published_at"],
        **{f"n_{label}": 0 for label, _ in STANCES},
        "claims": [],
        "details": original["details"],
    }


def attach_copies(stories: Sequence[dict[str, Any]], copies: Iterable[Mapping[str, Any]]) -> set[int]:
    """Add each copy (an `articles` row with `copy_of`) to the stories its original is a member of,
    replacing an earlier listing of it; returns the positions of the stories changed."""
    by_original: dict[str, list[Mapping[str, Any]]] = {}
    for copy in copies:
        by_original.setdefault(copy["copy_of"], []).append(copy)
    changed = set()
    for position, story in enumerate(stories):
        originals = [m for m in story["members"] if not m.get("copy_of") and m["article_id"] in by_original]
        if not originals:
            continue
        added = [copy_row(m, c) for m in originals for c in by_original[m["article_id"]]]
        keys = {(m["event_id"], m["article_id"]) for m in added}
        story["members"] = [m for m in story["members"] if (m["event_id"], m["article_id"]) not in keys] + added
        with_totals(story)
        changed.add(position)
    return changed


def without_members(members: Sequence[Mapping[str, Any]], article_dates: set[str]) -> list[Mapping[str, Any]]:
    """`members` minus those from articles of `article_dates`, and minus the copies of those."""
    dropped = {m["article_id"] for m in members if m["article_date"] in article_dates and not m.get("copy_of")}
    return [m for m in members if m["article_date"] not in article_dates and m.get("copy_of") not in dropped]


def with_totals(story: dict[str, Any]) -> dict[str, Any]:
    """`story` with its ledger recomputed from its members."""
    members = story["members"]
    story["event_ids"] = list(dict.fromkeys(m["event_id"] for m in members))
    story["n_articles"] = len({m["article_id"] for m in members})
    story["n_publishers"] = len({_publisher(m) for m in members})
    story["n_independent"] = len({m.get("origin") or _publisher(m) for m in members})
    story["speakers"] = latest_stances(members)
    # Members written before claims were kept per member carry only their counts: those are added as they are.
    legacy = [m for m in members if m.get("claims") is None]
    for label, stance in STANCES:
        story[f"n_{label}"] = sum(s["stance"] == stance for s in story["speakers"]) + sum(m[f"n_{label}"] or 0 for m in legacy)
    seen = [m["published_at"] for m in members if m["published_at"] is not None]
    story["first_seen"], story["last_seen"] = (min(seen), max(seen)) if seen else (None, None)
    return story


def _publisher(member: Mapping[str, Any]) -> str:
    return member.get("publisher") or member.get("source") or UNKNOWN


def latest_stances(members: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each speaker of the members' claims once, with the stance of its latest claim, sorted by speaker."""
    latest: dict[str, dict[str, Any]] = {}
    ordered = sorted((m for m in members if m.get("claims")), key=lambda m: (m["published_at"] or _EARLIEST, m["article_id"]))
    for member in ordered:
        for claim in member["claims"]:  # in text order
            speaker = speaker_of(claim, member["article_id"])
            latest[speaker] = {"speaker_key": speaker, "stance": claim["stance"], "claim_id": claim["claim_id"],
                               "article_id": member["article_id"]}
    return [latest[key] for key in sorted(latest)]


def speaker_of(claim: Mapping[str, Any], article_id: str) -> str:
    """The speaker a claim counts for: its key; an anonymous or unnamed one is its article's own."""
    key = claim.get("speaker_key")
    if not key or key == ANONYMOUS:
        return f"{ANONYMOUS}:{article_id}"
    return key
