"""Words as CoNLL-2003 tokenised them, as character spans of raw text.

A model trained on CoNLL reads its label at the first piece of each CoNLL
token. At inference the pieces must be grouped into the same kind of words, or
"U.S." (one CoNLL token) would come out as four words "U", ".", "S", "." with
labels read at positions the model was never trained on. Rules: initials and
dotted abbreviations stay whole ("H.", "U.S.", "Mr."), so do words joined by - . & / (RBC-Ukraine,
Censor.net, AT&T) and digit groups (1,000); a possessive 's is its own token;
any other punctuation character is a token.
"""

from __future__ import annotations

import re

_TITLES = "Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Sen|Rep|Gov|Pres|St|Jr|Sr|Inc|Corp|Co|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_WORD = re.compile(
    r"(?:[A-Za-z]\.)+(?![A-Za-z])"  # initials and dotted abbreviations: H., U.S., a.m.
    rf"|(?:{_TITLES})\.(?!\w)"  # Mr., Gen., Nov.
    r"|\w+(?:(?:[-.&/]|['\u2019](?!s\b)|,(?=\d{3}\b))\w+)*"  # RBC-Ukraine, O'Brien, 1,000 (not Ukraine's)
    r"|['\u2019]s\b"  # the possessive, as CoNLL splits it
    r"|\S"  # any other single character
)


def conll_word_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _WORD.finditer(text)]
