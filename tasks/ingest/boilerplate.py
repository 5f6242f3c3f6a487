"""Site boilerplate around article bodies: learned per publisher, plus a configured list.

Three rules, all line-based (a "line" is a paragraph of the normalised text):

1. a line repeated in a large share of one publisher's articles is chrome
   ("Follow us on social networks", a newsletter plug), wherever it sits;
2. a line matching a configured pattern is removed at the head or tail;
3. the tail of a body ends with a sentence: a trailing run of short lines with
   no sentence punctuation ("In World", "News Line", "Leave a review") is menu
   or widget text, removed.

Learning needs several articles from the same publisher; a lone article is
cleaned by rules 2 and 3 only. Copies of one text count once, so that an
article a dump repeats does not turn its own paragraphs into "chrome"; and
rule 1 never takes more than `max_learned_share` of an article's paragraphs:
when learned lines would make up most of a text, they are its body, not chrome,
and the text keeps them. Limits: chrome in the middle of a body that neither
repeats nor matches a pattern stays.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newslake.config import BoilerplateConfig
from newslake.tasks.ingest.normalize import dedupe_key

_SENTENCE_END = re.compile(r"[.!?\u2026:;\"'\u201d\u2019)\]]$")


@dataclass(frozen=True)
class BoilerplateRemover:
    patterns: tuple[re.Pattern[str], ...]
    learned: Mapping[str, frozenset[str]]
    max_fragment_words: int
    max_learned_share: float = 0.5

    @classmethod
    def learn(cls, config: BoilerplateConfig, texts_by_source: Mapping[str, Iterable[str]]) -> BoilerplateRemover:
        """Learn each publisher's repeated lines from the texts at hand (one shard)."""
        learned = {}
        for source, texts in texts_by_source.items():
            repeated = _repeated_lines(texts, config.min_articles, config.min_share)
            if repeated:
                learned[source] = repeated
        return cls(
            patterns=tuple(re.compile(p, re.IGNORECASE) for p in config.patterns),
            learned=learned,
            max_fragment_words=config.max_fragment_words,
            max_learned_share=config.max_learned_share,
        )

    def strip(self, text: str, source: str) -> str:
        lines = self._without_learned(text.split("\n"), self.learned.get(source, frozenset()))
        start, end = 0, len(lines)
        while start < end and (not lines[start] or self._matches(lines[start])):
            start += 1
        while end > start and (not lines[end - 1] or self._matches(lines[end - 1]) or self._is_fragment(lines[end - 1])):
            end -= 1
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines[start:end])).strip()

    def _without_learned(self, lines: list[str], repeated: frozenset[str]) -> list[str]:
        kept = [line for line in lines if not line or dedupe_key(line) not in repeated]
        paragraphs = sum(1 for line in lines if line)
        removed = len(lines) - len(kept)
        return lines if removed > self.max_learned_share * paragraphs else kept

    def _matches(self, line: str) -> bool:
        return any(pattern.search(line) for pattern in self.patterns)

    def _is_fragment(self, line: str) -> bool:
        return len(line.split()) <= self.max_fragment_words and not _SENTENCE_END.search(line)


def _repeated_lines(texts: Iterable[str], min_articles: int, min_share: float) -> frozenset[str]:
    documents = 0
    counts: Counter[str] = Counter()
    for text in {dedupe_key(text): text for text in texts}.values():
        documents += 1
        counts.update({dedupe_key(line) for line in text.split("\n") if line.strip()})
    if documents < min_articles:
        return frozenset()
    return frozenset(line for line, n in counts.items() if n >= max(2, min_share * documents))
