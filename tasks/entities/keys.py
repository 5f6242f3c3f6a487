"""entity_key: one key for every name of one entity, in an article and across the corpus.

Rules, applied per article in this order (docs/entities.md has the why and the limits):

1. Surface clean-up: quotes, a leading "the" and a trailing possessive go;
   "the Kremlin" and "Kremlin's" are "Kremlin".
2. The alias table in config maps known other names to one canonical name
   ("AFU", "ZSU" -> "Armed Forces of Ukraine").
3. An acronym the article defines ("Armed Forces of Ukraine (AFU)"), or one
   whose letters are the initials of another mention's capitalised words
   (AFU = Armed Forces of Ukraine), takes that mention's key.
4. A person named by part of a name ("Zelensky") takes the key of the one full
   name in the article that ends with (or starts with) it ("Volodymyr Zelensky").
5. A definite description ("the ministry") that repeats the head noun of an
   organisation named earlier ("Russia's Ministry of Defense") becomes a mention
   with that organisation's key.

The key is the canonical name, case-folded. Across the corpus the same canonical
name gives the same key; `unify_person_keys` extends rule 4 to all articles of a
shard when the full name is unambiguous there.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

_QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z][A-Z.&-]{1,7}$")
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s")
_MINOR_WORDS = {"of", "the", "and", "for", "de", "la", "del", "in", "on", "&"}
# Head nouns that a definite description may repeat; a closed list keeps "the region"
# or "the report" from being read as an organisation.
DESCRIBABLE_HEADS = frozenset(
    "ministry department agency army government company committee court service office council "
    "party publication newspaper agency bank commission parliament police navy staff".split()
)


@dataclass(frozen=True, slots=True)
class EntityMention:
    start: int
    end: int
    text: str
    label: str
    score: float
    entity_key: str = ""
    source: str = "model"  # "model" or "description" (rule 5)


@lru_cache(maxsize=4096)  # a name is cleaned for its key, its alias and its acronym rules
def canonical_surface(text: str) -> str:
    text = " ".join(text.strip(_QUOTES + " ").split())
    text = _LEADING_THE.sub("", text)
    return _POSSESSIVE.sub("", text).strip(_QUOTES + " ")


def key_of(name: str) -> str:
    return canonical_surface(name).casefold()


def alias_index(aliases: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """case-folded name or alias -> canonical name."""
    index = {}
    for canonical, others in aliases.items():
        for name in (canonical, *others):
            index[key_of(name)] = canonical
    return index


def assign_keys(text: str, mentions: Sequence[EntityMention], aliases: Mapping[str, str]) -> list[EntityMention]:
    """Mentions of one article (sorted by offset) with `entity_key` set, plus description mentions."""
    mentions = sorted(mentions, key=lambda m: m.start)
    canonical = [aliases.get(key_of(m.text), canonical_surface(m.text)) for m in mentions]
    defined = _defined_acronyms(text, mentions, canonical)
    for i, mention in enumerate(mentions):
        surface = canonical_surface(mention.text)
        if key_of(surface) in aliases:
            continue
        if _ACRONYM.match(surface):
            canonical[i] = defined.get(surface) or _expand_by_initials(surface, mentions, canonical) or canonical[i]
    _join_name_parts(mentions, canonical, text)
    keyed = [replace(m, entity_key=key_of(c)) for m, c in zip(mentions, canonical)]
    return sorted(keyed + _descriptions(text, keyed), key=lambda m: (m.start, m.end))


def _defined_acronyms(text: str, mentions: Sequence[EntityMention], canonical: list[str]) -> dict[str, str]:
    """"Armed Forces of Ukraine (AFU)": the parenthesis right after a mention defines an acronym."""
    defined = {}
    for mention, name in zip(mentions, canonical):
        match = re.match(r"\s*\(([A-Z][A-Z.&-]{1,7})\)", text[mention.end : mention.end + 14])
        if match and not _ACRONYM.match(canonical_surface(mention.text)):
            defined.setdefault(match.group(1), name)
    return defined


def _expand_by_initials(acronym: str, mentions: Sequence[EntityMention], canonical: list[str]) -> str | None:
    letters = acronym.replace(".", "").replace("-", "")
    matches = {name for name in canonical if _initials(name) == letters and name != acronym}
    return matches.pop() if len(matches) == 1 else None


@lru_cache(maxsize=4096)  # every acronym of an article is compared with every name of it
def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _MINOR_WORDS]
    return "".join(w[0] for w in words if w[0].isupper())


def _join_name_parts(mentions: Sequence[EntityMention], canonical: list[str], text: str = "") -> None:
    people = [i for i, m in enumerate(mentions) if m.label == "PER"]
    full_names = {canonical[i] for i in people if len(canonical[i].split()) > 1}
    introduced: dict[str, EntityMention] = {}
    for i in people:
        if len(canonical[i].split()) > 1:
            introduced.setdefault(canonical[i], mentions[i])
    for i in people:
        name = canonical[i]
        if len(name.split()) > 1:
            continue
        owners = {full for full in full_names if full.split()[-1] == name or full.split()[0] == name}
        if len(owners) == 1:
            canonical[i] = owners.pop()
        elif owners and text:
            first = _protagonist(sorted(owners, key=lambda full: introduced[full].start), introduced, text)
            if first is not None:
                canonical[i] = first


def _protagonist(owners: Sequence[str], introduced: Mapping[str, EntityMention], text: str) -> str | None:
    """Of several people sharing a name part, the one the article introduces first, when every other
    is introduced in a later sentence (a relative or namesake named after the protagonist: "Keith
    Lamont Scott ... his wife, Rakeyia Scott"). Introduced in one sentence ("Joe Biden and Hunter
    Biden met"), they stay ambiguous."""
    first, second = introduced[owners[0]], introduced[owners[1]]
    return owners[0] if _SENTENCE_END.search(text, first.end, second.start) else None


def _descriptions(text: str, keyed: Sequence[EntityMention]) -> list[EntityMention]:
    """Rule 5: "the ministry" after "Russia's Ministry of Defense" is that ministry."""
    heads: list[tuple[int, str, str]] = []  # (end offset, head noun, key) of organisations
    for mention in keyed:
        if mention.label == "ORG":
            head = _head_noun(canonical_surface(mention.text))
            if head in DESCRIBABLE_HEADS:
                heads.append((mention.end, head, mention.entity_key))
    if not heads:
        return []
    taken = [(m.start, m.end) for m in keyed]
    found = []
    pattern = re.compile(r"\b[Tt]he (" + "|".join(sorted({h for _, h, _ in heads})) + r")\b")
    for match in pattern.finditer(text):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        antecedents = [key for head_end, head, key in heads if head_end <= start and head == match.group(1)]
        if antecedents:
            found.append(EntityMention(start, end, match.group(), "ORG", 1.0, antecedents[-1], "description"))
    return found


def _head_noun(name: str) -> str:
    before_of = re.split(r"\s+of\s+", name, maxsplit=1)[0]
    return before_of.split()[-1].casefold() if before_of.split() else ""


def unify_person_keys(keys_and_labels: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Across articles: a one-word person key -> the one multi-word person key ending with it."""
    full_by_last: dict[str, set[str]] = defaultdict(set)
    for key, label in keys_and_labels:
        if label == "PER" and len(key.split()) > 1:
            full_by_last[key.split()[-1]].add(key)
    return {
        key: next(iter(full_by_last[key]))
        for key, label in keys_and_labels
        if label == "PER" and len(key.split()) == 1 and len(full_by_last.get(key, ())) == 1
    }
