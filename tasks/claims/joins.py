"""Claims a tagger splits in two, joined before the chains of sources are read (sources.py).

  - "Osuna told The Huffington Post: “C”": the verb with no content and the colon after it, the same
    speaker's, are one claim: the verb's cue with the colon's content.
  - "C, the source cited by Chosun Ilbo said": "the source | cited" and "by Chosun Ilbo | said" are one
    claim: the second's cue, the whole phrase as its speaker (the outlet in it becomes the via:
    outlets.py `outlet_in_speaker`), the first's content where the second has none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newslake.models.attribution.pairing import Attribution
from newslake.text.sentences import same_sentence
from newslake.text.spans import Span


def joined_claims(text: str, attributions: Sequence[Attribution], sentences: list[tuple[int, int]]) -> list[Attribution]:
    """`attributions` (text order) with each split claim above made one."""
    out: list[Attribution] = []
    for a in attributions:
        previous = out[-1] if out else None
        if previous is not None and same_sentence(previous.cue.start, a.cue.start, sentences):
            joined = _colon_continues(text, previous, a) or _cited_by_continues(text, previous, a)
            if joined is not None:
                out[-1] = joined
                continue
        out.append(a)
    return out


def same_span(one: Span | None, other: Span | None) -> bool:
    return one is not None and other is not None and (one.start, one.end) == (other.start, other.end)


def _colon_continues(text: str, verb: Attribution, colon: Attribution) -> Attribution | None:
    if (verb.content is None and colon.content is not None and text[colon.cue.start : colon.cue.end].strip() == ":"
            and same_span(verb.source, colon.source) and verb.cue.end <= colon.cue.start):
        return replace(verb, content=colon.content, content_fragments=colon.content_fragments)
    return None


def _cited_by_continues(text: str, cited: Attribution, said: Attribution) -> Attribution | None:
    if (cited.source is not None and said.source is not None
            and re.fullmatch(r"(?:cited|quoted|interviewed)", text[cited.cue.start : cited.cue.end].strip())
            and text[cited.source.end : cited.cue.start].strip() == ""
            and text[cited.cue.end : said.source.start].strip() == "" and text.startswith("by ", said.source.start)
            and said.source.end <= said.cue.start):
        source = Span(cited.source.start, said.source.end, said.source.label, said.source.score)
        content, fragments = (said.content, said.content_fragments) if said.content else (cited.content, cited.content_fragments)
        return replace(said, source=source, content=content, content_fragments=fragments)
    return None
