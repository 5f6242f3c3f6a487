"""Whether the text says an event happened: asserted, denied, hypothetical or future.

    modality_of(text, sentence, trigger) -> "asserted" | "denied" | "hypothetical" | "future"

Read from the words of the trigger's clause, not the whole sentence: the clause runs from the last
clause break before the trigger (; : ? ! brackets dashes, a comma, "but", "while", "although" ...)
to the next one after it ("and" ends it too on the right). In the words before the trigger, the
cue that ends nearest to it decides (on equal ends the longer cue: "may not" over "not"), each
within its reach in words:

  denied        "denied attacking", "rejected reports that it struck", "refused to meet", "failed to
                reach", "without firing" (6 words); "did not attack", "never met" (3); "No
                protesters were arrested", "no one was hurt", "has yet to respond", "ruled out
                talks", "is not expected to attend" (4)
  hypothetical  could, may, might, would, should, can, must; "threatened to strike", requests
                ("called for talks", "urged ... to", "demanded", "asked", "a bid to"), proposals and offers,
                what is permitted ("authorized Ukraine to conduct strikes", "allowed them to enter"),
                "considering", "ready to", "possible", "risk of" (4 words); "if", "unless",
                "whether", "in case" anywhere before it in the clause; a sentence that opens with
                "If"/"Unless" (its main clause too, "will" there included); a question
  future        will, shall, "going to", "is to visit", "is expected / due / set / scheduled to",
                reported speech's "would" ("said they would blockade Paris", "announced that the army would
                withdraw": the past of "will"),
                "plans / intends / pledged / vowed / agreed / decided to", "a deal to" (4 words); "a planned
                visit", "the upcoming summit" (2); with no cue before it, a time ahead anywhere in
                the clause ("next week", "tomorrow", "later this month", "in the coming days")
  asserted      none of these. An attempt is the act, tried: "attempted to assassinate", "tried to hack"
                (CAMEO codes 185 "attempt to assassinate"; the annotated news marks 39 of 42 attempts asserted).

No library in the project reads factuality (negation and modal scope without a parser); these
rules stand in for one. Limits: docs/event-actors-and-modality.md.
"""

from __future__ import annotations

import re

from newslake.text.words import conll_word_spans

ASSERTED, DENIED, HYPOTHETICAL, FUTURE = "asserted", "denied", "hypothetical", "future"
MODALITIES = (ASSERTED, DENIED, HYPOTHETICAL, FUTURE)

_V = r"(?:s|es|ed|d|ing)?"  # a verb's endings, loosely
_EVERYWHERE = 10_000
# (modality, cue, reach: how many words may stand between the cue and the trigger)
_CUES: tuple[tuple[str | None, str, int], ...] = (
    (DENIED, rf"\b(?:den(?:y|ies|ied|ying)|denial of)\b", 6),
    (DENIED, rf"\b(?:reject|dismiss|refut|disput|deni)\w* (?:the |as )?(?:reports?|claims?|allegations?|"
             r"accusations?|suggestions?|assertions?|rumou?rs?)\b", 6),
    (DENIED, rf"\b(?:refus{_V}|refuse|declin{_V}|decline|fail{_V}) to\b", 6),
    (DENIED, r"\bwithout\b", 6),
    (DENIED, rf"\b(?:yet to|rul{_V} out|rule out)\b", 4),
    (DENIED, r"\bnot (?:expected|likely|set|scheduled|due|planning|going|about) to\b", 4),
    (DENIED, r"\b(?:not|never|neither|nor|no longer)\b", 3),
    (DENIED, r"\b(?:no|no one|nobody|none of the|none)\b", 4),
    (None, r"\bnot only\b|\bno doubt\b|\bnot least\b", 3),  # negation words that deny nothing
    (HYPOTHETICAL, r"\b(?:could|might|may|would|should|can|must|ought to)\b", 4),
    (HYPOTHETICAL, r"\b(?:could|can) not rule out\b|\bnot rul\w* out\b|\b(?:may|might) not\b", 4),
    (HYPOTHETICAL, r"\b(?:if|unless|whether|in case|in the event|lest|provided that)\b", _EVERYWHERE),
    (HYPOTHETICAL, rf"\b(?:threat(?:en{_V}|s)?|warn{_V} of)\b", 4),
    (HYPOTHETICAL, rf"\b(?:call{_V} (?:for|on)|urg{_V}|urge|demand{_V}|ask{_V}|appeal{_V} (?:for|to)|"
                   rf"press{_V} for|push{_V} for|request{_V}|plead{_V} for|seek{_V}|sought|want{_V}|"
                   rf"hop{_V} to|hope to|wish{_V} to|propos{_V}|propose|proposal|offer{_V} to|consider{_V}|"
                   rf"mull{_V}|weigh{_V}|ready to|willing to|prepared to|aim{_V} to|"
                   r"possible|potential|possibility of|risk of|fears? of)\b", 4),
    # What is permitted has not happened yet: "authorized Ukraine to conduct strikes", "allowed them to enter".
    (HYPOTHETICAL, r"\b(?:authori[sz]\w*|allow\w*|permit\w*|approv\w*|greenlit|green-?light\w*|cleared)"
                   r"(?: [\w.\-']+){0,3} to\b", 3),
    (HYPOTHETICAL, r"\b(?:bids?|efforts?|push|calls?|proposals?|offers?|requests?|demands?|threats?|orders?|"
                   r"ultimatum|appeals?) to\b", 4),
    (FUTURE, r"\b(?:will|shall|'ll|going to|gonna)\b", 4),
    # "said it would boycott", "announced that the army would withdraw": reported speech's "would" is the past of
    # "will", an intention, not a condition; the longer cue beats the bare "would" that ends with it.
    (FUTURE, r"\b(?:said|says|say|announced|announces|told|stated|declared|confirmed|indicated|signall?ed|insisted|"
             r"added|promised|vowed|pledged)(?: that)?(?: [\w.'-]+){0,4} would\b", 4),
    (FUTURE, r"\b(?:is|are|was|were|am|be) (?:(?:due|set|scheduled|expected|slated|poised|likely|about) )?to\b", 4),
    (FUTURE, rf"\b(?:plan{_V}|planned|planning|intend{_V}|expect{_V}|schedul{_V}|set|slated|poised|about|"
             rf"pledg{_V}|pledge|vow{_V}|promis{_V}|promise|agree{_V}|agreed|decid{_V}|decide) to\b", 4),
    (FUTURE, r"\b(?:deals?|agreements?|accords?|plans?|pledges?|promises?|decision|timetable) to\b", 4),
    (FUTURE, r"\b(?:planned|upcoming|forthcoming|scheduled|expected|impending|coming|future|next)\b", 2),
)
_CUE_PATTERNS = tuple((modality, re.compile(cue), reach) for modality, cue, reach in _CUES)
_AHEAD = re.compile(
    r"\b(?:tomorrow|next (?:week|month|year|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"later (?:this|in the) (?:week|month|year)|in the (?:coming|next) (?:days|weeks|months|years)|"
    r"in (?:a|two|three|several|a few) (?:days|weeks|months) time)\b")
_CONDITION_FIRST = re.compile(r"^\W*(?:if|unless|should|in case|in the event)\b", re.IGNORECASE)
_BREAK = {";", ":", "?", "!", "(", ")", "[", "]", "\u2014", "\u2013", "--", ",", "but", "while", "whereas",
          "although", "though", "however", "because", "whereby"}
_QUOTES = {'"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "``", "''", "\u00ab", "\u00bb"}
_CONTRACTIONS = {"won't": "will not", "can't": "can not", "cannot": "can not", "shan't": "shall not"}
_MONTH_BEFORE = {"in", "of", "on", "since", "until", "by", "early", "late", "mid", "last", "this", "next", "from"}


def modality_of(text: str, sentence: tuple[int, int], trigger: tuple[int, int]) -> str:
    """asserted, denied, hypothetical or future: what the trigger's clause says of the event.
    Offsets are characters of `text`; a trigger outside its sentence widens the sentence."""
    start, end = max(0, min(sentence[0], trigger[0])), min(len(text), max(sentence[1], trigger[1]))
    first, last = max(start, trigger[0]), max(start, min(end, trigger[1]))
    before = _clause_words(text[start:first], from_end=True)
    after = _clause_words(text[last:end], from_end=False)
    cue = _nearest_cue(before)
    if cue in (None, FUTURE) and _CONDITION_FIRST.match(text[start:end]):
        return HYPOTHETICAL  # "If Russia attacks, NATO will respond": the main clause hangs on the condition
    if cue is not None:
        return cue
    if text[start:end].rstrip(" \"'\u201d\u2019").endswith("?"):
        return HYPOTHETICAL
    if _AHEAD.search(" ".join(before + after)):
        return FUTURE
    return ASSERTED


def _clause_words(span: str, from_end: bool) -> list[str]:
    """The lower-case words of `span` that lie in the trigger's clause: after the last break
    (from_end, the words before the trigger) or before the first one ("and" too)."""
    words = []
    for start, stop in conll_word_spans(span):
        word = span[start:stop]
        low = word.lower().replace("\u2019", "'")
        if low in _QUOTES:
            continue
        if low == "may" and word == "May" and words and words[-1] in _MONTH_BEFORE:
            low = "may-month"  # "in May": the month, not the modal
        if low in _BREAK or (not from_end and low == "and"):
            if from_end:
                words = []
                continue
            break
        words.extend(_CONTRACTIONS.get(low, low.replace("n't", " not")).split())
    return words


def _nearest_cue(words: list[str]) -> str | None:
    """The modality of the cue that ends nearest the trigger within its reach; None: no cue."""
    joined = " ".join(words)
    best: tuple[int, int, str | None] | None = None
    for modality, pattern, reach in _CUE_PATTERNS:
        for match in pattern.finditer(joined):
            between = len(joined[match.end() :].split())
            if between > reach:
                continue
            key = (match.end(), match.end() - match.start(), modality)
            if best is None or key[:2] > best[:2]:
                best = key
    if best is None:
        return None
    return best[2] or ASSERTED
