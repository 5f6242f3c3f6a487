"""A source's refusal to answer the press is no event: "Police declined to comment on the reports", "a
spokesman declined comment", "an official, who declined to be named", "Apple declined to state a price".

News prints such a sentence in most articles that quote an institution; it says what the reporter did not
learn, not an act of one party towards another, so docs/event-annotation.md ("Not an event") leaves it out.
The trigger model types the refusal verb REJECT (what "refused to recognise the vote" is) because the words
are the same. What the refusal is of decides: a statement to the press (comment, details, a name, a figure)
and not a policy, a meeting or an agreement ("declined to discuss a ceasefire" stays a REJECT).
"""

from __future__ import annotations

import re

_REFUSAL = re.compile(r"\b(?:declin|refus)(?:e|es|ed|ing)\b", re.I)
# What follows the refusal verb when it refuses the reporter: at most a few words up to the thing not told.
_TO_THE_PRESS = re.compile(
    r"\s+(?:"
    r"(?:immediate\s+|further\s+|official\s+)?comments?\b"  # "declined comment"
    r"|(?:requests?|invitations?)\s+(?:for|to)\s+(?:an?\s+)?(?:comment|interview)"  # "declined requests for comment"
    r"|(?:an?\s+|any\s+|further\s+)?(?:interviews?|questions?)\b|to\s+be\s+interviewed\b"
    r"|to\s+(?:comment|elaborate|speculate|specify|disclose|be\s+(?:named|identified|quoted))\b"
    r"|to\s+(?:say|reveal|state|give|provide|offer|share|release|discuss)\s+"
    r"(?:(?:the|a|an|any|more|further|his|her|its|their|specific|exact|additional|other|own)\s+){0,3}"
    r"(?:details?|specifics|information|names?|identit(?:y|ies)|figures?|numbers?|estimates?|prices?|"
    r"amounts?|sources?|comments?|reasons?|timelines?|dates?|window|how|why|whether|who|what|when|where|which)\b"
    r")", re.I)
# "... was asked to comment on the reports, but he declined.": the request just before says what was refused.
_ASKED = re.compile(r"\b(?:comments?|questions?|interviews?)\b[^.;!?]*$", re.I)
_BARE = re.compile(r"\s*(?:[.;!?]|$)")


def refuses_the_press(text: str, start: int, end: int) -> bool:
    """The event word at start:end is (or holds) a refusal verb whose object is a statement to the press."""
    verb = _REFUSAL.search(text, start, end)
    if verb is None:
        return False
    if _TO_THE_PRESS.match(text, verb.end()) is not None:
        return True
    asked = _ASKED.search(text, max(0, verb.start() - 160), verb.start())
    return _BARE.match(text, verb.end()) is not None and asked is not None
