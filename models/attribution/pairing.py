"""Rules that link each CUE span to a SOURCE and a CONTENT span: one `Attribution` per cue.

The tagger finds spans; these rules say which belong together. Rule by rule:

Content (decided first; the source must lie outside it)
  C1  Right: the first CONTENT span after the cue, if no other cue lies between them, at most
      `max_gap_words` words that are not part of a SOURCE span lie between them, and it starts in
      the cue's sentence (or in the next one when nothing but punctuation and whitespace lies
      between: "said:" + a new paragraph).
  C2  Nested right: if instead the cue is followed, across tight gaps (whitespace and punctuation
      only), by a SOURCE and/or a CUE and then a CONTENT ("said Clinton claimed X"), the content
      is that whole nested attribution.
  C3  Outer content: a content found by C1/C2 is extended, again across tight gaps, over any
      nested attribution that follows it ("said that | Clinton | claimed | X"): flattening broke
      the outer content there (see data.py).
  C4  Left: a cue without a right content takes the last CONTENT span before it under the mirror
      of C1, unless another cue took that span by C1. A cue that has a right content also takes
      an unclaimed left content that ends in a tight gap or a SOURCE right before the cue: the
      discontinuous "A, he said, B". The content is then the covering span and
      `content_fragments` holds the pieces.
Source
  S1  "according to X", "citing X", "in X", "by X" (the cue ends in a preposition or starts
      with according/citing/quoting/per): the nearest SOURCE after the cue in its sentence; such
      sources are reserved for these cues.
  S2  Otherwise the nearest SOURCE before the cue in its sentence, else the nearest after it
      ("..., said Smith"); never one inside the attribution's own content, never a reserved one.
  S3  No source: the attribution is "Attribution-no-source".
Score: the cue span's score (the mean probability of its words' labels).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newslake.models.attribution.decode import is_tight_gap
from newslake.models.runtime.spans import Span

MAX_GAP_WORDS = 8
_RIGHT_SOURCE_FIRST = {"according", "citing", "quoting", "per"}
_RIGHT_SOURCE_LAST = {"to", "by", "from", "in", "for", "under", "on", "per", "citing", "quoting", "among"}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attributed statement. Offsets index the article text; `source` is None without a source.

    `content` covers all of `content_fragments` (one fragment when the content is contiguous).
    """

    source: Span | None
    cue: Span
    content: Span | None
    score: float
    content_fragments: tuple[Span, ...] = ()

    @property
    def kind(self) -> str:
        return "Attribution" if self.source is not None else "Attribution-no-source"


def source_follows_cue(cue_text: str) -> bool:
    words = cue_text.lower().split()
    return bool(words) and (words[0] in _RIGHT_SOURCE_FIRST or words[-1] in _RIGHT_SOURCE_LAST)


class _Article:
    """The spans of one article with the lookups the rules need."""

    def __init__(self, text: str, spans: Sequence[Span], sentences: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self.sentence_starts = [start for start, _ in sentences]

    def sentence(self, position: int) -> int:
        return bisect.bisect_right(self.sentence_starts, position) - 1

    def free_words(self, start: int, end: int) -> int:
        """Words in text[start:end] that are not inside a SOURCE span."""
        sources = [s for s in self.spans if s.label == "SOURCE" and s.start < end and s.end > start]
        count = 0
        for match in _WORD.finditer(self.text, start, end):
            if not any(s.start <= match.start() and match.end() <= s.end for s in sources):
                count += 1
        return count

    def between(self, start: int, end: int) -> list[Span]:
        return [s for s in self.spans if s.start >= start and s.end <= end]

    def tight(self, start: int, end: int) -> bool:
        return start <= end and is_tight_gap(self.text[start:end])

    def nested_chain_end(self, index: int) -> int | None:
        """If spans[index:] read SOURCE? CUE+ CONTENT across tight gaps, all starting in the sentence of
        spans[index], the index of that CONTENT; else None."""
        seen_cue = False
        sentence = self.sentence(self.spans[index].start)
        for j in range(index, len(self.spans)):
            span = self.spans[j]
            if j > index and not self.tight(self.spans[j - 1].end, span.start):
                return None
            if self.sentence(span.start) != sentence:
                return None
            if span.label == "CONTENT":
                return j if seen_cue else None
            if span.label == "SOURCE" and (seen_cue or j > index):
                return None
            seen_cue = seen_cue or span.label == "CUE"
        return None

    def extend_over_nested(self, index: int) -> int:
        """C3: from the CONTENT at `index`, follow tight nested attributions; the last CONTENT index reached."""
        while index + 1 < len(self.spans) and self.tight(self.spans[index].end, self.spans[index + 1].start):
            if self.spans[index + 1].label == "CONTENT":
                index += 1
                continue
            end = self.nested_chain_end(index + 1)
            if end is None:
                break
            index = end
        return index


def pair(text: str, spans: Sequence[Span], sentences: Sequence[tuple[int, int]],
         max_gap_words: int = MAX_GAP_WORDS) -> list[Attribution]:
    """One Attribution per CUE span, in text order, by the rules in the module docstring."""
    article = _Article(text, spans, sentences)
    items = article.spans
    cues = [i for i, s in enumerate(items) if s.label == "CUE"]

    # Content, C1-C3: first -> last index of the spans the content covers, per cue.
    right: dict[int, tuple[int, int]] = {}
    claimed: set[int] = set()
    for c in cues:
        cue = items[c]
        following = c + 1
        if (following < len(items) and article.tight(cue.end, items[following].start)
                and article.sentence(items[following].start) == article.sentence(cue.start)):
            end = article.nested_chain_end(following)
            if end is not None:  # C2
                right[c] = (following, article.extend_over_nested(end))
                continue
        for j in range(following, len(items)):
            span = items[j]
            if span.label == "CUE":
                break
            if span.label == "SOURCE":
                continue
            gap_ok = article.free_words(cue.end, span.start) <= max_gap_words
            same_sentence = article.sentence(span.start) == article.sentence(cue.end - 1)
            if gap_ok and (same_sentence or article.tight(cue.end, span.start)):  # C1
                right[c] = (j, article.extend_over_nested(j))
                claimed.add(j)
            break

    # C4: left contents.
    pieces: dict[int, list[int]] = {c: list(range(right[c][0], right[c][1] + 1)) for c in right}
    for c in cues:
        cue = items[c]
        left = None
        for j in range(c - 1, -1, -1):
            span = items[j]
            if span.label == "CUE":
                break
            if span.label == "CONTENT":
                left = j
                break
        if left is None or left in claimed:
            continue
        content = items[left]
        if c in right:
            between = items[left + 1 : c]
            adjacent = all(s.label == "SOURCE" for s in between) and article.free_words(content.end, cue.start) == 0
            if adjacent:
                pieces[c] = [left, *pieces[c]]
                claimed.add(left)
            continue
        gap_ok = article.free_words(content.end, cue.start) <= max_gap_words
        same_sentence = article.sentence(content.end - 1) == article.sentence(cue.start)
        if gap_ok and (same_sentence or article.free_words(content.end, cue.start) == 0):
            pieces[c] = [left]
            claimed.add(left)

    # Sources, S1-S3.
    reserved: set[int] = set()
    chosen_source: dict[int, int] = {}
    for c in cues:
        if source_follows_cue(text[items[c].start : items[c].end]):
            j = _nearest_source(article, c, pieces.get(c, []), reserved=set(), direction=+1)
            if j is not None:
                chosen_source[c] = j
                reserved.add(j)
    for c in cues:
        if c in chosen_source:
            continue
        j = _nearest_source(article, c, pieces.get(c, []), reserved, direction=-1)
        if j is None:
            j = _nearest_source(article, c, pieces.get(c, []), reserved, direction=+1)
        if j is not None:
            chosen_source[c] = j

    result = []
    for c in cues:
        cue = items[c]
        fragments = _content_fragments(article, pieces.get(c, []))
        content = None
        if fragments:
            score = sum(f.score * (f.end - f.start) for f in fragments) / max(1, sum(f.end - f.start for f in fragments))
            content = Span(fragments[0].start, fragments[-1].end, "CONTENT", float(score))
        source = items[chosen_source[c]] if c in chosen_source else None
        result.append(Attribution(source, cue, content, cue.score, fragments))
    return result


def _content_fragments(article: _Article, indices: list[int]) -> tuple[Span, ...]:
    """The contiguous stretches that the chosen spans cover, as CONTENT spans."""
    if not indices:
        return ()
    chosen = [article.spans[i] for i in range(indices[0], indices[-1] + 1)]
    wanted = set(indices)
    fragments: list[Span] = []
    run: list[Span] = []
    for offset, span in enumerate(chosen):
        index = indices[0] + offset
        if index not in wanted:
            if run:
                fragments.append(_joined(run))
                run = []
            continue
        if run and not article.tight(run[-1].end, span.start):
            fragments.append(_joined(run))
            run = []
        run.append(span)
    if run:
        fragments.append(_joined(run))
    return tuple(fragments)


def _joined(run: list[Span]) -> Span:
    score = sum(s.score for s in run) / len(run)
    return Span(run[0].start, run[-1].end, "CONTENT", float(score))


def _nearest_source(article: _Article, c: int, content: list[int], reserved: set[int], direction: int) -> int | None:
    items = article.spans
    cue = items[c]
    sentence = article.sentence(cue.start)
    inside = set(range(content[0], content[-1] + 1)) if content else set()
    j = c + direction
    while 0 <= j < len(items):
        span = items[j]
        position = span.end - 1 if direction < 0 else span.start
        if article.sentence(position) != sentence:
            return None
        if span.label == "SOURCE" and j not in inside and j not in reserved:
            return j
        j += direction
    return None
