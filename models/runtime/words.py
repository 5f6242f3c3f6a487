"""Words as CoNLL-2003 tokenised them, as character spans of raw text.

A model trained on CoNLL reads its label at the first piece of each CoNLL
token. At inference the pieces must be grouped into the same kind of words, or
"U.S." (one CoNLL token) would come out as four words "U", ".", "S", "." with
labels read at positions the model was never trained on. Rules: abbreviations
with dots stay whole ("U.S."), so do words joined by - . & / (RBC-Ukraine,
Censor.net, AT&T) and digit groups (1,000); a possessive 's is its own token;
any other punctuation character is a token.
"""

from __future__ import annotations

import re

_WORD = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # U.S., U.K., a.m.
    r"|\w+(?:(?:[-.&/]|['\u2019](?!s\b)|,(?=\d{3}\b))\w+)*"  # RBC-Ukraine, O'Brien, 1,000 (not Ukraine's)
    r"|['\u2019]s\b"  # the possessive, as CoNLL splits it
    r"|\S"  # any other single character
)


def conll_word_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _WORD.finditer(text)]
