"""A quotation the tagger left out of its statement's content: '“It was very nice,” Trump said.'

The tagger often marks the speaker and the verb after a quotation and not the quotation itself,
most of all where the quotation ends a paragraph's sentence and the attribution follows it
('"...," Strother said.', "''...,'' said Mr. Morris."). A claim with no content whose verb of
saying follows a closing quotation mark (after a comma, "?", "!", "." or a dash), with nothing
between but its speaker, said that quotation: from its opening mark in the same paragraph.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newslake.models.attribution.pairing import Attribution
from newslake.text.spans import Span

# Verbs that take the quotation before them as what was said ('"C," Strother said'); sources.py
# reads the same verbs (and "asked") between a quotation and a report of it.
QUOTATION_VERBS = (r"said|says|told|tells|added|adds|wrote|writes|explained|noted|insisted|continued|stated"
                   r"|declared|replied|warned|argued|recalled|quipped|joked")
_VERBS = re.compile(rf"(?:{QUOTATION_VERBS})", re.I)
# Closing mark -> opening mark; the doubled '' of some wires first.
_MARKS = (("''", "''"), ("”", "“"), ('"', '"'))


def quotation_content(text: str, a: Attribution) -> Attribution:
    """`a` with the quotation before its speaker and verb as its content, where it has none."""
    if a.content is not None or not _VERBS.fullmatch(text[a.cue.start : a.cue.end].strip()):
        return a
    speaker_first = a.source is not None and a.source.end <= a.cue.start
    if speaker_first and text[a.source.end : a.cue.start].strip():
        return a  # words between the speaker and the verb ("Mr. Trump, who said last week that ...")
    end = a.source.start if speaker_first else a.cue.start
    if not speaker_first:  # the tagger may have left a short name before the verb out: '"...," From said'
        untagged = _NAME_BEFORE.search(text, max(0, end - 60), end)
        end = untagged.start() if untagged is not None else end
    end = len(text[:end].rstrip())
    for closing, opening in _MARKS:
        if not text.endswith(closing, 0, end):
            continue
        close = end - len(closing)
        if close < 1 or text[close - 1] not in ",?!.…—–-":
            return a
        paragraph = text.rfind("\n", 0, close) + 1
        start = text.rfind(opening, paragraph, close)
        if start < 0 or close - start - len(opening) < 3:
            return a
        said = Span(start, end, "CONTENT", a.score)
        return replace(a, content=said, content_fragments=(said,))
    return a


# A pronoun or up to four capitalised words right before the verb, after a closing mark.
_NAME_BEFORE = re.compile(r"(?<=[\"”'])\s+(?:he|she|they|we|I|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+$")
