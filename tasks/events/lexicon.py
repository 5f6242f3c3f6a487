"""Event-trigger words in text -> CAMEO codes and categories, from configs/cameo_verbs.tsv.

The table (written by scripts/cameo_verbs.py from the CAMEO verb dictionary plus the nouns news
uses) lists inflected forms and phrases with their codes, and per verb block the patterns that
refine a code from the words after the verb ("staged a protest" -> 141, "put on trial" -> 173).
Matching is case-blind, whole words, longest phrase first. It labels training data for the
trigger model and refines the CAMEO code of a trigger the model found (`cameo_code_of`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

DEFAULT_TABLE = files("newslake.configs") / "cameo_verbs.tsv"
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
PATTERN_REACH = 6  # words after the trigger in which a pattern's items must occur, in order


@dataclass(frozen=True)
class LexiconMatch:
    start: int
    end: int
    text: str
    codes: tuple[str, ...]  # most specific first: a matching pattern's code, then the form's own codes
    categories: tuple[str, ...]  # the category of each code, deduplicated in the same order


@dataclass(frozen=True)
class _Pattern:
    items: tuple[tuple[tuple[str, ...], ...], ...]  # per item, its alternatives as word tuples
    code: str
    category: str


@dataclass
class Lexicon:
    forms: dict[tuple[str, ...], list[tuple[str, str, str]]]  # words -> [(code, category, verb block)]
    patterns: dict[str, list[_Pattern]]  # verb block -> patterns, longest first
    longest: int  # words in the longest form

    def matches(self, text: str) -> list[LexiconMatch]:
        """Trigger matches in text order; overlapping candidates keep the longest (leftmost first)."""
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text.lower())]
        tokens = [w for _, _, w in words]
        found, i = [], 0
        while i < len(tokens):
            for n in range(min(self.longest, len(tokens) - i), 0, -1):
                match = self._match(tokens, i, n)
                if match is not None:
                    codes, categories = match
                    start, end = words[i][0], words[i + n - 1][1]
                    found.append(LexiconMatch(start, end, text[start:end], codes, categories))
                    i += n
                    break
            else:
                i += 1
        return found

    def _match(self, tokens: list[str], i: int, n: int) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        entries = self.forms.get(tuple(tokens[i : i + n]))
        if not entries:
            return None
        following = tokens[i + n : i + n + PATTERN_REACH]
        refined = [(p.code, p.category) for block in dict.fromkeys(b for _, _, b in entries if b)
                   for p in self.patterns.get(block, ()) if _follows(p.items, following)][:1]
        pairs = refined + [(code, category) for code, category, _ in entries if code]
        if not pairs:
            return None
        codes = tuple(dict.fromkeys(code for code, _ in pairs))
        return codes, tuple(dict.fromkeys(category for _, category in pairs))


def _follows(items: tuple[tuple[tuple[str, ...], ...], ...], words: list[str]) -> bool:
    """Whether each item occurs in `words` after the previous one (a plural -s/-es also counts)."""
    position = 0
    for alternatives in items:
        for j in range(position, len(words)):
            hit = next((alt for alt in alternatives if _same(words[j : j + len(alt)], alt)), None)
            if hit is not None:
                position = j + len(hit)
                break
        else:
            return False
    return True


def _same(words: list[str], item: tuple[str, ...]) -> bool:
    return len(words) == len(item) and all(w == x or w in (x + "s", x + "es") for w, x in zip(words, item))


@lru_cache(maxsize=2)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The lexicon of `path` (default: the packaged configs/cameo_verbs.tsv), read once per process."""
    source = open(path, encoding="utf-8") if path else DEFAULT_TABLE.open(encoding="utf-8")
    forms: dict[tuple[str, ...], list[tuple[str, str, str]]] = {}
    patterns: dict[str, list[_Pattern]] = {}
    with source:
        for line in source:
            if line.startswith("#") or not line.strip():
                continue
            kind, words, code, category, extra = line.rstrip("\n").split("\t")
            if kind == "form":
                forms.setdefault(tuple(words.split()), []).append((code, category, extra))
            else:
                items = tuple(tuple(tuple(alt.replace("_", " ").split()) for alt in item.split("|"))
                              for item in extra.split())
                patterns.setdefault(words, []).append(_Pattern(items, code, category))
    for block in patterns.values():
        block.sort(key=lambda p: -len(p.items))  # the most specific pattern wins
    return Lexicon(forms, patterns, max(len(words) for words in forms))


def find_triggers(text: str) -> list[LexiconMatch]:
    """Lexicon trigger matches in `text`, in text order."""
    return load_lexicon().matches(text)


def cameo_code_of(trigger_text: str, following: str = "") -> str | None:
    """The CAMEO code of a trigger ("struck" -> "190", "arrested" -> "173"), or None if the lexicon lacks it.

    `following` (the words after the trigger in its sentence) lets a verb pattern refine the code
    ("staged" + "a protest" -> "141").
    """
    trigger_text = trigger_text.strip()
    inside = [m for m in load_lexicon().matches(f"{trigger_text} {following}".strip()) if m.start < len(trigger_text)]
    if not inside:
        return None
    # "were arrested": the auxiliary is no trigger, the widest match inside the trigger decides.
    return max(inside, key=lambda m: m.end - m.start).codes[0]
