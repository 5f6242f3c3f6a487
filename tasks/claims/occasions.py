"""Statements the attribution tagger left untagged, recovered from the occasion that opens their sentence.

"In an interview with The Huffington Post in late May, a confident-seeming Manafort bragged about his
success." / "Speaking to Al Jazeera, the minister rejected the offer.": whatever the subject does right
after an interview or a conversation with an outlet is said to that outlet, so the sentence is a claim
(speaker: the subject; cue: its verb; content: the rest of the clause; via: the outlet), even when its
verb is none a tagger knows as a verb of saying (bragged, joked, expressed, ruled out, ...).

Only the sentence-opening form is read, where the grammar leaves no doubt about who spoke and through
whom; an occasion after the verb ("walked back his comments while speaking to NBC") is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from newslake.models.attribution.pairing import Attribution
from newslake.tasks.claims.outlets import PUBLISHED, is_outlet, outlet_phrase
from newslake.tasks.claims.sources import Nested
from newslake.text.spans import Span

# "In an interview with", "In a subsequent interview on", "During a phone interview with", "Speaking to", "Talking with".
_OPENING = re.compile(rf"(?:(?:In|During)\s+(?:an?|the|his|her|their|its)\s+(?:[\w-]+\s+){{0,3}}?interviews?\s+{PUBLISHED}(?:with|to|on|for|by)"
                      r"|(?:Speaking|Talking)\s+(?:to|with|on))\s+")
# The subject: a pronoun, or a phrase opening with a determiner or a capital, of at most 8 words.
_PRONOUNS = {"he", "she", "they", "we", "i", "it"}
# A finite verb: a regular or common irregular past tense, or a present of saying. (Other present forms
# read like plural nouns: "Speaking to CNN, officials ...".)
_VERB = re.compile(r"(?:[a-z]+ed|said|says|told|tells|made|gave|took|spoke|wrote|thought|saw|put|set|went|came|held|kept"
                   r"|knew|felt|left|let|hit|stood|sent|won|lost|got|became|began|brought|paid|met|ran|meant|heard)$")
# A word after these is an adjective of the subject, not its verb: "a retired general", "the embattled minister".
_DETERMINERS = {"a", "an", "the", "his", "her", "their", "its", "our", "my", "this", "that", "former", "newly"}
_ADVERB = re.compile(r"\s+[a-z]+ly\b")  # skipped after the verb: "bragged prematurely about"
_SENTENCE_END = re.compile(r"[\s.\"”’']*$")


def occasion_statements(text: str, claims: Sequence[Nested], sentences: Sequence[tuple[int, int]],
                        mentions: Sequence[Mapping[str, Any]], kinds: Mapping[str, Sequence[str]]) -> list[Nested]:
    """`claims` with a claim added for each sentence that opens with an interview or a conversation with
    a named outlet and holds no claim of its own (module docstring); text order."""
    found = list(claims)
    for start, end in sentences:
        if any(start <= c.attribution.cue.start < end for c in claims):
            continue
        statement = _statement(text, start, end, mentions, kinds)
        if statement is not None:
            found.append(statement)
    return sorted(found, key=lambda c: c.attribution.cue.start)


def _statement(text: str, start: int, end: int, mentions: Sequence[Mapping[str, Any]],
               kinds: Mapping[str, Sequence[str]]) -> Nested | None:
    lead = len(text[start:end]) - len(text[start:end].lstrip(" \n\"“"))
    opening = _OPENING.match(text, start + lead, end)
    if opening is None:
        return None
    comma = text.find(",", opening.end(), end)
    phrase = outlet_phrase(text, opening.end(), comma) if comma > 0 else None
    if phrase is None or not is_outlet(text, phrase, "named", mentions, kinds):
        return None
    clause = comma + 1 + len(text[comma + 1 : end]) - len(text[comma + 1 : end].lstrip())
    words = list(re.finditer(r"[\w’'.-]+", text[clause:end]))
    for number, word in enumerate(words[:9]):
        if number == 0 or not _VERB.match(word.group()) or words[number - 1].group().lower() in _DETERMINERS:
            continue
        subject = text[clause : clause + words[number - 1].end()]
        if not (subject[:1].isupper() or subject.split()[0].lower() in _PRONOUNS | {"a", "an", "the"}):
            return None
        cue = Span(clause + word.start(), clause + word.end(), "CUE", 1.0)
        after = clause + word.end()
        while (adverb := _ADVERB.match(text, after, end)) is not None:
            after = adverb.end()
        content_start = after + len(text[after:end]) - len(text[after:end].lstrip())
        content_end = content_start + _SENTENCE_END.search(text[content_start:end]).start()
        content = Span(content_start, content_end, "CONTENT", 1.0) if content_end > content_start else None
        speaker = Span(clause, clause + len(subject), "SOURCE", 1.0)
        return Nested(Attribution(speaker, cue, content, 1.0, (content,) if content else ()),
                      Span(phrase[0], phrase[1], "SOURCE", 1.0))
    return None
