"""QA-SRL gold files -> one example per (sentence, verb): the tokens, the verb, and its role spans.

Each question-answer row names a role (roles.py) and one or more token spans (`answer_range`
"start:end", end exclusive, several joined by "~!~"). All answers of one role become spans;
spans of one role that overlap are merged into one. Where spans of two roles overlap, the role
earlier in ROLES keeps its span and the other is dropped, so that each word gets one BIO tag; a
span that covers the verb itself is dropped too (the verb is the trigger, never its own argument).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from newslake.errors import NewslakeError
from newslake.models.event_arguments.roles import ROLES, question_role

SLOTS = ("wh", "subj", "obj", "obj2", "prep", "is_passive")


@dataclass(frozen=True)
class ArgumentExample:
    """One verb (or annotated event trigger) of one sentence. `spans`: (first token, end token exclusive, role), in
    sentence order. `ignored`: tokens outside the spans whose label training does not teach (annotated.py: dates
    and possible actor mentions the annotation leaves unmarked). `open_words`: (token, role) pairs of tokens outside the
    spans that may still have that role: training teaches them "O or the role", not "O" (annotated.py: the
    annotation marks named participants only, so what an act is about is no TARGET there, but it may be one)."""

    sentence_id: str
    tokens: tuple[str, ...]
    trigger: int  # token index of the verb (its first token)
    spans: tuple[tuple[int, int, str], ...]
    trigger_length: int = 1  # tokens the trigger covers ("called on": 2)
    ignored: tuple[int, ...] = ()
    open_words: tuple[tuple[int, str], ...] = ()

    @cached_property
    def text(self) -> str:
        """The tokens joined by single spaces: the text the model reads."""
        return " ".join(self.tokens)

    @cached_property
    def word_spans(self) -> list[tuple[int, int]]:
        """Character span of each token in `text`."""
        spans, position = [], 0
        for token in self.tokens:
            spans.append((position, position + len(token)))
            position += len(token) + 1
        return spans

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Character span in `text` of tokens [start, end)."""
        return self.word_spans[start][0], self.word_spans[end - 1][1]

    def tags(self) -> list[str]:
        """One BIO tag per token."""
        tags = ["O"] * len(self.tokens)
        for start, end, role in self.spans:
            tags[start] = f"B-{role}"
            for i in range(start + 1, end):
                tags[i] = f"I-{role}"
        return tags


def merge_overlapping(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of token spans [start, end) as sorted, disjoint spans (spans that only touch stay apart)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def resolve_roles(by_role: dict[str, list[tuple[int, int]]], trigger: int,
                  trigger_end: int | None = None) -> tuple[tuple[int, int, str], ...]:
    """Disjoint labelled spans: each role's spans merged, earlier roles winning overlaps, no span on the trigger
    (tokens trigger..trigger_end exclusive; one token when `trigger_end` is None)."""
    trigger_end = trigger + 1 if trigger_end is None else trigger_end
    kept: list[tuple[int, int, str]] = []
    for role in ROLES:
        for start, end in merge_overlapping(by_role.get(role, [])):
            if (start < trigger_end and trigger < end) or any(start < e and s < end for s, e, _ in kept):
                continue
            kept.append((start, end, role))
    return tuple(sorted(kept))


def _answer_ranges(value: str, where: str, n_tokens: int) -> list[tuple[int, int]]:
    ranges = []
    for part in value.split("~!~"):
        try:
            start, end = (int(x) for x in part.split(":"))
        except ValueError:
            raise NewslakeError("E051", f"{where}: answer_range {value!r} is not start:end[~!~start:end...]") from None
        if not 0 <= start < end <= n_tokens:
            raise NewslakeError("E051", f"{where}: answer_range {part!r} lies outside the sentence's {n_tokens} tokens")
        ranges.append((start, end))
    return ranges


def read_sentences(path: str | Path) -> dict[str, tuple[str, ...]]:
    """qasrl_id -> tokens, from a `sentences/*.full.csv` file."""
    with open(_existing(path), newline="", encoding="utf-8") as handle:
        return {row["qasrl_id"]: tuple(row["tokens"].split(" ")) for row in csv.DictReader(handle)}


def read_examples(gold: str | Path, sentences: str | Path) -> list[ArgumentExample]:
    """One example per (sentence, verb) of a `gold/*.gold.csv` file, in file order; the tokens from `sentences`."""
    tokens_of = read_sentences(sentences)
    by_verb: dict[tuple[str, int], dict[str, list[tuple[int, int]]]] = {}
    with open(_existing(gold), newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = {"qasrl_id", "verb_idx", "answer_range", *SLOTS} - set(reader.fieldnames or ())
        if missing:
            raise NewslakeError("E051", f"{gold}: columns {sorted(missing)} missing; is this a QA-SRL gold file?")
        for number, row in enumerate(reader, start=2):
            where = f"{gold}:{number}"
            if row["qasrl_id"] not in tokens_of:
                raise NewslakeError("E051", f"{where}: sentence {row['qasrl_id']!r} is not in {sentences}")
            key = (row["qasrl_id"], int(row["verb_idx"]))
            roles = by_verb.setdefault(key, defaultdict(list))
            role = question_role(row)
            if role is not None:
                roles[role] += _answer_ranges(row["answer_range"], where, len(tokens_of[row["qasrl_id"]]))
    return [ArgumentExample(sentence_id, tokens_of[sentence_id], verb, resolve_roles(roles, verb))
            for (sentence_id, verb), roles in by_verb.items()]


def read_split(folder: str | Path, name: str) -> list[ArgumentExample]:
    """The examples of one split of the QA-SRL folder, e.g. name "wikinews.test"."""
    folder = Path(folder)
    return read_examples(folder / "gold" / f"{name}.gold.csv", folder / "sentences" / f"{name}.full.csv")


def _existing(path: str | Path) -> Path:
    path = Path(path)
    if not path.is_file():
        raise NewslakeError("E010", f"{path} does not exist; pass the QA-SRL folder (gold/ and sentences/)")
    return path
