"""Which word of its sentence a date expression dates, for the sentence's fallback date of an event word.

A news sentence often holds several acts and one date, and the date belongs to the act next to it:

  - "Clinton on Tuesday said that the violence is genocide", "Outlets reported on Wednesday the
    Secret Service had a conversation": a date beside a reporting verb dates the report; what is
    reported (the violence, the conversation) happened at some other time.
  - "The mayor on Tuesday rejected Trump's offer", "the court on Tuesday overturned a lower court
    ruling": a verb between the date and the event word takes the date; the noun after it names an
    act of another day.

So the date is not the event word's when a reporting verb, or another event word used as a verb, stands
between them, or stands nearer to the date than the event word does. Event nouns after their light verb
("imposed sanctions on Monday") keep it: the light verb is no event word, and an event noun blocks
nothing. The argument model's TIME span, read for the event word itself, is not judged here.

An act the report tells of, with no date of its own, takes the report's date (`report_date`): "On November
17, The New York Times reported that Biden authorized strikes" dates the authorization November 17, as the
data contract's worked example does. The report is the latest day the act can have happened, and news
reports the acts of its day. An act the sentence already places before the report ("had met", "has
signed", "had more than one conversation"), and one that is future, hypothetical or denied, gets no date
this way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newslake.tasks.claims.quotations import QUOTATION_VERBS
from newslake.tasks.events.dates import DateMention

# The verbs of docs/event-annotation.md's "plain reporting verbs", with "announced" and "reported": a
# date beside them is the day of the report.
_REPORTING = re.compile(rf"\b(?:{QUOTATION_VERBS}|announc(?:ed|es)|report(?:ed|s))\b")


def dates_another_act(text: str, sentence: tuple[int, int], mention: DateMention, trigger: tuple[int, int],
                      verbs: Sequence[tuple[int, int]]) -> bool:
    """`verbs`: the sentence's other event words used as verbs (their own spans, the trigger's excluded)."""
    acts = [*verbs, *(m.span() for m in _REPORTING.finditer(text, *sentence))]
    acts = [act for act in acts if not _overlaps(act, trigger)]
    where = (mention.start, mention.end)
    own = gap(trigger, where)
    return any(_between(act, mention, trigger) or gap(act, where) < own for act in acts)


def report_date(text: str, sentence: tuple[int, int], dates: Sequence[DateMention], trigger: tuple[int, int],
                modality: str) -> DateMention | None:
    """The date of a report that tells of the event word: the sentence's date nearest before the word, when a
    reporting verb stands before the word too. `dates`: the sentence's date expressions."""
    if modality != "asserted" or _PERFECT.search(text, max(sentence[0], trigger[0] - 30), trigger[0]):
        return None
    if not _REPORTING.search(text, sentence[0], trigger[0]):
        return None
    before = [d for d in dates if d.end <= trigger[0]]
    return before[-1] if before else None


# "had met", "has already signed", "had more than one conversation": the perfect, or "have" with the act as its
# object, places the act before the report.
_PERFECT = re.compile(r"\b(?:had|has|have)\s+(?:[\w“”\"'-]+\s+){0,4}$")


def gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(a[0] - b[1], b[0] - a[1], 0)


def _between(span: tuple[int, int], mention: DateMention, trigger: tuple[int, int]) -> bool:
    low, high = min(mention.end, trigger[1]), max(mention.start, trigger[0])
    return low <= span[0] and span[1] <= high


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
