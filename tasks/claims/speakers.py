"""Who a claim's speaker is: its `speaker_key` (an entity key, `anonymous`, or the folded text) and `speaker_kind`.

Rules, in order (docs/claims.md):
  1. Anonymous: "a defense source", "officials", "sources close to ...", "an unnamed diplomat"
     with no named entity inside -> key `anonymous`, kind `anonymous`.
  2. Pronouns ("he", "she", "they", "it" ...) take the nearest earlier speaker of the article
     that fits (he/she: a person; it/they: not a person), else the nearest earlier entity
     mention that fits (PER for he/she, ORG/LOC for it/they). Unresolved: kind `unknown`.
  3. Entity mentions overlapping the speaker span: the first person ("U.S. State Department
     spokesperson Matthew Miller" -> Matthew Miller), else the longest organisation, else a
     place (a country speaks through its government), else any mention. "the ministry" is an
     entity mention already (the entities stage keys descriptions).
  4. No entity: the folded speaker text is the key ("the spokesman" -> `spokesman`).
Kind: PER -> person; ORG -> media / military / government by the words of `speaker_kinds`
(checked in that order on the speaker text), else organization; LOC -> government;
no entity -> by the same words, else unknown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

ANONYMOUS = "anonymous"
_ANONYMOUS = re.compile(
    r"^(?:an?|one|two|three|several|some|many|other|unnamed|anonymous|senior|the)?\s*"
    r"(?:(?:unnamed|anonymous|senior|high-ranking|informed|military|defen[cs]e|government|security|western|"
    r"diplomatic|intelligence|u\.s\.|us|russian|ukrainian|european|local|other|\w+-level)\s+)*"
    r"(?:sources?|officials?|insiders?|persons?|people|diplomats?|observers?|analysts?|experts?|witnesses?)"
    r"(?:\s+(?:close|familiar|with|to|in|at|from|who|of)\b.*)?$"
)
_HE_SHE = {"he", "she", "him", "her", "his"}
_IT_THEY = {"it", "they", "them", "its", "their", "we"}
_DETERMINERS = re.compile(r"^(?:the|a|an)\s+")


@dataclass(frozen=True)
class Speaker:
    key: str | None
    kind: str  # person, organization, media, government, military, anonymous, unknown


def fold(text: str) -> str:
    """Case-folded text without a leading article or quotes: the key of a speaker no entity names."""
    folded = " ".join(re.sub(r"[\"“”«»]", " ", text).split()).casefold()
    return _DETERMINERS.sub("", folded)


def kind_from_words(text: str, kinds: Mapping[str, Sequence[str]]) -> str | None:
    lowered = f" {fold(text)} "
    for kind in ("media", "military", "government"):
        if any(re.search(rf"(?<![\w.-]){re.escape(word)}(?![\w-])", lowered) for word in kinds.get(kind, ())):
            return kind
    return None


def link_speaker(text: str, start: int | None, end: int | None, mentions: Sequence[Mapping[str, Any]],
                 earlier: Sequence[tuple[int, Speaker]], kinds: Mapping[str, Sequence[str]]) -> Speaker:
    """The speaker of text[start:end] given the article's entity `mentions` (rows with start, end, label,
    entity_key) and the `earlier` speakers of the article as (offset, Speaker), in text order."""
    if start is None or end is None:
        return Speaker(None, "unknown")
    surface = text[start:end]
    # Overlap, not containment: a tagger's "Zelensky" still names "Volodymyr Zelensky".
    inside = [m for m in mentions if m["start"] < end and m["end"] > start]
    folded = fold(surface)
    if not inside and _ANONYMOUS.match(folded):
        return Speaker(ANONYMOUS, ANONYMOUS)
    if folded in _HE_SHE | _IT_THEY:
        return _resolve_pronoun(folded in _HE_SHE, start, mentions, earlier, kinds, text)
    chosen = _head_mention(inside)
    if chosen is None:
        return Speaker(folded or None, kind_from_words(surface, kinds) or "unknown")
    return Speaker(chosen["entity_key"], _kind(chosen["label"], surface, kinds))


def _head_mention(inside: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    people = [m for m in inside if m["label"] == "PER"]
    if people:
        return min(people, key=lambda m: m["start"])
    for label in ("ORG", "LOC", "MISC"):
        found = [m for m in inside if m["label"] == label]
        if found:
            return max(found, key=lambda m: (m["end"] - m["start"], m["start"]))
    return None


def _kind(label: str, surface: str, kinds: Mapping[str, Sequence[str]]) -> str:
    if label == "PER":
        return "person"
    if label == "LOC":
        return "government"
    return kind_from_words(surface, kinds) or "organization"


def _resolve_pronoun(person: bool, position: int, mentions: Sequence[Mapping[str, Any]],
                     earlier: Sequence[tuple[int, Speaker]], kinds: Mapping[str, Sequence[str]],
                     text: str) -> Speaker:
    fits = (lambda kind: kind == "person") if person else (lambda kind: kind not in ("person", "unknown", ANONYMOUS))
    for offset, speaker in reversed(earlier):
        if offset < position and speaker.key is not None and fits(speaker.kind):
            return speaker
    labels = {"PER"} if person else {"ORG", "LOC"}
    before = [m for m in mentions if m["end"] <= position and m["label"] in labels]
    if before:
        nearest = max(before, key=lambda m: m["end"])
        return Speaker(nearest["entity_key"], _kind(nearest["label"], text[nearest["start"] : nearest["end"]], kinds))
    return Speaker(None, "unknown")
