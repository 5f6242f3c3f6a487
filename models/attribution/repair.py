"""Span repair between the tagger and the pairing rules: put back what a word tagger breaks.

A BIO tagger on 2 CPU cores' worth of training cuts spans at the wrong words: "did | not |
confirm", a content that stops after "that on the night of", a source "The" whose name
"Kremlin" was tagged as content, "Ministry of Defense" without its "Russia's". Each rule
below fixes one such break with what English reporting syntax makes certain; the model card
reports dev F1 with and without repair (`decode.repair` in the artifact's config).

  R1 cue phrases   a multi-word cue ("did not confirm", "neither confirmed nor denied",
                   "refrained from confirming", "according to") that overlaps a predicted CUE
                   becomes one CUE; predicted spans inside it are dropped.
  R2 names         a SOURCE grows over the capitalised name it is part of (left over
                   "Russia's" / "The", right over capitalised words and "of"), and loses
                   trailing punctuation; CONTENT it now overlaps is cut back.
  R3 clauses       a CONTENT that follows its CUE (directly, or after "that"), or that follows
                   "according to SOURCE,", runs to the end of its sentence unless another
                   SOURCE or CUE comes first; contents it swallows are dropped. A CUE directly
                   followed by "that" with no CONTENT gets that clause as its CONTENT.
                   After "according to SOURCE," the content ends with its sentence.
  R0 islands       a span of <= 2 words between two spans of one other label (spaces between)
                   takes their label ("a | defense | source"); a capitalised CONTENT right after
                   a SOURCE joins it ('the publication | "RBC-Ukraine,"').
  R4 tails        a SOURCE right after a CONTENT that ends in a word, with nothing but spaces
                   between, and closing its clause (a comma, full stop, colon or semicolon
                   follows) is the end of that content: the tagger split one phrase ("citing |
                   a defense | source |, reported"). A speaker does not follow the words it says
                   without a cue, a quotation mark or punctuation between them; one that does
                   starts a relative clause with its cue after it ("what | Graham | had in
                   mind"), which R4 leaves. It runs last.
  Also: a CUE that is only "indeed", "also", "however" ... is dropped; ", stating" / ", saying"
  and the hedges "reportedly" / "allegedly" / "purportedly" are cues wherever they occur, even
  where the tagger saw none (as are the noncommittal phrases of R1).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newslake.text.spans import Span

_CUE_PHRASES = re.compile(
    r"\b(?:neither\s+confirm\w*\s+nor\s+den\w*"
    r"|refrain\w*\s+from\s+(?:confirm|comment|deny)\w*"
    r"|declin\w*\s+to\s+(?:confirm|comment)\w*"
    r"|(?:did|does|do|could|would|can|will)(?:\s+not|n't)\s+(?:confirm|deny|comment|say)\w*"
    r"|according\s+to"
    r"|(?:also\s+)?mention\w*"
    r"|(?<=,\s)(?:stating|saying|adding|noting|claiming|insisting|arguing|warning)"
    r"|reportedly|allegedly|purportedly|reported\s+to\s+have"
    r")",
    re.IGNORECASE,
)
# Phrases that are a cue wherever they occur: R1 adds them even where the tagger saw none.
_NONCOMMITTAL_PHRASE = re.compile(r"(?:neither|refrain|declin|did|does|do|could|would|can|will|stating|saying|adding|"
                                  r"noting|claiming|insisting|arguing|warning|reportedly|allegedly|purportedly)", re.IGNORECASE)
# Words a tagger marks as a cue that never report anything on their own ("The Kremlin | indeed | made ...").
_NOT_CUES = {"indeed", "also", "however", "but", "and", "then", "still", "even", "just", "actually", "further",
             "meanwhile", "so", "too", "as", "a", "an", "the", "earlier", "later", "previously", "now", "today",
             "yesterday", "recently", "first", "finally"}
ISLAND_WORDS = 2  # a span this short between two spans of one other label takes their label (R0)
_FUNCTION_ONLY = {"that", "the", "a", "an", "to", "of", "in", "and", "as"}
_RIGHT_NAME = re.compile(r"\s+(?:of\s+(?:the\s+)?)?[\"“]?([A-Z][\w.\-]*(?:['’]s)?)")
# A bare anonymous head ("source", "officials") takes back its determiner and modifiers: "a defense source".
_ANONYMOUS_HEAD = re.compile(r"^(?:sources?|officials?|insiders?|diplomats?|people|persons?)$", re.IGNORECASE)
_LEFT_MODIFIERS = re.compile(r"(?:\b(?:a|an|one|two|three|several|some|many|the)\s+)(?:[a-z][\w\-]*\s+){0,3}$")
_LEFT_NAME = re.compile(r"(?:(?:The|the)\s+|[A-Z][\w.\-]*['’]s\s+|[A-Z][\w.\-]*\s+)$")
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)]*\s*$")
_CLAUSE_CLOSE = re.compile(r"\s*[,.;:]")  # R4: what may follow a content's split-off tail


RULES = ("islands", "cues", "names", "clauses", "tails")  # R0-R4, in the order they run


def repair(text: str, spans: Sequence[Span], sentences: Sequence[tuple[int, int]],
           rules: Sequence[str] = RULES) -> list[Span]:
    """`spans` (SOURCE / CUE / CONTENT) of one article with the named rules of R0-R4 applied, in text order."""
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    if "cues" in rules:
        spans = [s for s in spans if s.label != "CUE" or text[s.start : s.end].lower() not in _NOT_CUES]
    if "islands" in rules:
        spans = _islands(text, spans)
    if "cues" in rules:
        spans = _cue_phrases(text, spans)
    if "names" in rules:
        spans = _names(text, spans, sentences)
    if "clauses" in rules:
        spans = _clauses(text, spans, sentences)
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    if "tails" in rules:
        spans = _tails(text, spans)
    return spans


def _islands(text: str, spans: list[Span]) -> list[Span]:
    """R0: "a | defense | source" tagged SOURCE CONTENT SOURCE, or "that U.S. President Joe | Biden |
    authorized ..." tagged CONTENT SOURCE CONTENT, become one span: a short span between two
    spans of one other label, with only spaces between them, takes their label; a short
    capitalised CONTENT right after a SOURCE ('the publication "RBC-Ukraine,"') joins it."""
    changed = True
    while changed:
        changed = False
        for i in range(len(spans)):
            left, middle = spans[i], spans[i + 1] if i + 1 < len(spans) else None
            if middle is None:
                break
            right = spans[i + 2] if i + 2 < len(spans) else None
            short = len(text[middle.start : middle.end].split()) <= ISLAND_WORDS
            tight = lambda a, b: not text[a.end : b.start].strip(" \"“”")  # noqa: E731
            if (short and right is not None and left.label == right.label != middle.label != "CUE"
                    and left.label != "CUE" and tight(left, middle) and tight(middle, right)):
                spans[i : i + 3] = [Span(left.start, right.end, left.label, left.score)]
                changed = True
                break
            if (left.label == "SOURCE" and middle.label == "CONTENT" and tight(left, middle)
                    and re.fullmatch(r"[\"“]?(?:[A-Z][\w.\-]*\s?){1,3}[,\"”]*", text[middle.start : middle.end])):
                spans[i : i + 2] = [Span(left.start, middle.end, "SOURCE", left.score)]
                changed = True
                break
    return spans


def _tails(text: str, spans: list[Span]) -> list[Span]:
    """R4: a SOURCE that continues the CONTENT before it across spaces only, and closes its clause, joins it."""
    joined: list[Span] = []
    for span in spans:
        previous = joined[-1] if joined else None
        if (previous is not None and previous.label == "CONTENT" and span.label == "SOURCE"
                and previous.end < span.start and not text[previous.end : span.start].strip(" ")
                and text[previous.end - 1].isalnum() and _CLAUSE_CLOSE.match(text, span.end)):
            widths = (previous.end - previous.start, span.end - span.start)
            score = (previous.score * widths[0] + span.score * widths[1]) / sum(widths)
            joined[-1] = Span(previous.start, span.end, "CONTENT", score)
        else:
            joined.append(span)
    return joined


def _overlaps(a: Span | tuple[int, int], start: int, end: int) -> bool:
    a_start, a_end = (a.start, a.end) if isinstance(a, Span) else a
    return a_start < end and start < a_end


def _cue_phrases(text: str, spans: list[Span]) -> list[Span]:
    for match in _CUE_PHRASES.finditer(text):
        start, end = match.span()
        hit = [s for s in spans if _overlaps(s, start, end)]
        cues = [s.score for s in hit if s.label == "CUE"]
        if not cues and not _NONCOMMITTAL_PHRASE.match(match.group()):
            continue  # a weak phrase ("according to", "mentioned") needs the tagger's word for it
        score = max(cues) if cues else max((s.score for s in hit), default=0.5)
        spans = [s for s in spans if s not in hit] + [Span(start, end, "CUE", score)]
        # What a dropped span covered beyond the phrase stays what it was ("not | the reports, stating").
        for s in hit:
            if s.label != "CUE" and s.end > end:
                spans.append(Span(_skip_space(text, end), s.end, s.label, s.score))
            if s.label != "CUE" and s.start < start and text[s.start : start].strip(" ,;:"):
                spans.append(Span(s.start, start, s.label, s.score))
    return sorted(spans, key=lambda s: (s.start, s.end))


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _names(text: str, spans: list[Span], sentences: Sequence[tuple[int, int]]) -> list[Span]:
    result: list[Span] = []
    for span in spans:
        if span.label != "SOURCE":
            result.append(span)
            continue
        floor = next((s for s, e in sentences if s <= span.start < e), 0)
        start, end = span.start, span.end
        head = text[start:end].split()
        if head and _ANONYMOUS_HEAD.match(head[-1]):
            modifiers = _LEFT_MODIFIERS.search(text, floor, start)
            if modifiers and modifiers.end() == start and not any(
                    s.label == "CUE" and _overlaps(s, modifiers.start(), start) for s in spans):
                start = modifiers.start()
        while (match := _LEFT_NAME.search(text, floor, start)) and match.end() == start and match.start() < start:
            if any(s.label == "CUE" and _overlaps(s, match.start(), start) for s in spans):
                break
            start = match.start()
            if match.group().strip().lower() == "the":
                break
        end = _strip_source_end(text, start, end, keep_of=True)  # 'editor-in-chief of "' -> '... of'
        while True:
            nxt = _RIGHT_NAME.match(text, end)
            if nxt is None or any(s.label == "CUE" and _overlaps(s, nxt.start(1), nxt.end(1)) for s in spans):
                break
            end = nxt.end(1)
        end = _strip_source_end(text, start, end)
        if text[start:end].count("\"") % 2 and text[end : end + 1] == "\"":
            end += 1  # 'the publication "RBC-Ukraine' keeps its closing quote
        if result and result[-1].label == "SOURCE" and result[-1].end >= start:  # grown into one name
            start, end = min(start, result[-1].start), max(end, result[-1].end)
            result.pop()
        result.append(Span(start, end, "SOURCE", span.score))
    sources = [s for s in result if s.label == "SOURCE"]
    trimmed = []
    for span in result:
        if span.label == "CONTENT":
            for source in sources:
                if _overlaps(span, source.start, source.end):
                    span = Span(_skip_space(text, source.end), span.end, span.label, span.score) \
                        if source.start <= span.start else Span(span.start, source.start, span.label, span.score)
            if span.end - span.start <= 0 or not text[span.start : span.end].strip(" ,.;:\"'“”"):
                continue
        trimmed.append(span)
    return trimmed


def _strip_source_end(text: str, start: int, end: int, keep_of: bool = False) -> int:
    """`end` moved left over trailing punctuation, quotes and spaces (and a dangling "of" unless `keep_of`)."""
    while end > start and (text[end - 1] in ",;:()\"“”' " or (not keep_of and text[start:end].endswith(" of"))):
        end -= 3 if text[start:end].endswith(" of") and not keep_of else 1
    return end


def _clauses(text: str, spans: list[Span], sentences: Sequence[tuple[int, int]]) -> list[Span]:
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    result: list[Span] = []
    for i, span in enumerate(spans):
        last = result[-1] if result else None
        if span.label == "CONTENT" and last is not None and last.label == "CONTENT" and span.start < last.end:
            result[-1] = Span(last.start, max(last.end, span.end), "CONTENT", last.score)  # swallowed
            continue
        if span.label == "CUE":
            result.append(span)
            after = _skip_space(text, span.end)
            following = spans[i + 1] if i + 1 < len(spans) else None
            if text[after : after + 5].lower() == "that " and (following is None or following.start > after):
                end = _clause_end(text, after, spans, sentences)
                if end - after > 5:
                    result.append(Span(after, end, "CONTENT", span.score))
            continue
        if span.label == "CONTENT":
            span = Span(_skip_lead(text, span.start, span.end), span.end, "CONTENT", span.score)
        if span.label == "CONTENT" and _follows_cue(text, span, result):
            clause_end = _clause_end(text, span.start, spans, sentences)
            # "According to X, Y": the attribution covers Y's sentence; after a verb cue the tagger may
            # rightly run on over several quoted sentences, so there the clause only lengthens it.
            end = clause_end if _after_according(text, result) else max(span.end, clause_end)
            span = Span(span.start, end, "CONTENT", span.score)
        if span.label == "CONTENT":
            end = span.end
            while end > span.start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
                end -= 1
            span = Span(span.start, end, "CONTENT", span.score)
        if span.label == "CONTENT" and text[span.start : span.end].strip(" ,.;:\"'“”").lower() in _FUNCTION_ONLY:
            continue  # "that" alone: a nested attribution took the rest
        result.append(span)
    return result


def _skip_lead(text: str, start: int, end: int) -> int:
    """A content does not start with a comma, a colon or a space."""
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    return start


def _after_according(text: str, before: Sequence[Span]) -> bool:
    return len(before) >= 2 and before[-1].label == "SOURCE" and before[-2].label == "CUE" and \
        text[before[-2].start : before[-2].end].lower().startswith("according")


def _follows_cue(text: str, content: Span, before: Sequence[Span]) -> bool:
    """The content directly follows a cue (", that" allowed) or "according to SOURCE,"."""
    if not before:
        return False
    last = before[-1]
    gap = text[last.end : content.start].strip().lower()
    if last.label == "CUE":
        return gap in ("", "that", ":")
    if last.label == "SOURCE" and len(before) >= 2 and before[-2].label == "CUE":
        cue = text[before[-2].start : before[-2].end].lower()
        return cue.startswith("according") and gap == ","
    return False


def _clause_end(text: str, start: int, spans: Sequence[Span], sentences: Sequence[tuple[int, int]]) -> int:
    """The end of the sentence holding `start`, before any later SOURCE or CUE in it, without the final stop."""
    end = next((e for s, e in sentences if s <= start < e), len(text))
    for span in spans:
        if span.label in ("SOURCE", "CUE") and start < span.start < end:
            end = span.start
            break
    clause = text[start:end]
    stripped = _SENTENCE_END.sub("", clause) if not clause.rstrip().endswith(("\"", "”")) else clause.rstrip()
    stripped = stripped.rstrip(" ,;")
    return start + len(stripped)
