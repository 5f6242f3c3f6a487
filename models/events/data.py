"""Training and dev data of the event-trigger model.

Training (weak labels): NGEC's synthetic wire stories carry one PLOVER category per story. Each
story is split into sentences and words; a lexicon trigger (tasks/events/lexicon.py) whose
categories include the story's becomes a B-/I- trigger of that category. A lexicon trigger of
another category is IGNORED (no loss): the story label cannot say whether it is an event of its
own, and calling it O would teach the model to miss real triggers. Statements are the exception:
no story is labelled STATEMENT, so the few unambiguous statement words (STATEMENT_WORDS) are
STATEMENT triggers in any story. Every other word is O.

`ignore_statement_words` leaves the statement words IGNORED instead. By the annotation guidelines a
statement is an event of its own only when its content is of no other category, and a wire story's
statements mostly carry the story's event ("condemned the strike in a statement"), which the story
label cannot tell apart; labelled STATEMENT in every story, they teach a STATEMENT at every
"statement". The shipped model was trained without it (its card says what a model trained with it
scored, and why it was not adopted).

Dev: the PLOVER gold-standard sentences (one category and its `(EVT: ...)` words per sentence;
older category names mapped by the ontology, DOCUMENT left out) and the v1 events gold file
(legacy types mapped to categories; only those categories can be scored there).
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass
from pathlib import Path

from newslake.errors import NewslakeError
from newslake.tasks.events.lexicon import load_lexicon
from newslake.tasks.events.ontology import load_ontology
from newslake.tasks.events.plover import read_plover
from newslake.text.sentences import sentence_spans
from newslake.text.words import conll_word_spans

IGNORED = "IGNORE"  # a word whose label is unknown: the loss skips it
STATEMENT_WORDS = {"statement", "statements", "announcement", "announcements", "declaration", "declarations",
                   "announced", "announces", "declared", "declares", "press conference", "news conference"}


@dataclass
class LabelledSentence:
    words: list[str]
    tags: list[str]  # B-CAT / I-CAT / O / IGNORED, one per word
    story_label: str = ""

    @property
    def has_trigger(self) -> bool:
        return any(tag.startswith("B-") for tag in self.tags)


@dataclass
class Trigger:
    start: int
    end: int
    category: str


@dataclass
class DevText:
    """A text with its gold triggers; `scored` are the categories its gold can judge."""

    text: str
    triggers: list[Trigger]
    scored: frozenset[str]
    category: str | None = None  # the sentence's one category (PLOVER gold) or None (whole articles)
    doc_id: str = ""


def read_ngec(path: str | Path) -> list[tuple[str, str]]:
    """(text, category) per story of the NGEC synthetic-events CSV; labels checked against the ontology."""
    categories = load_ontology().categories
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = sorted({"text", "label"} - set(reader.fieldnames or ()))
        if missing:
            raise NewslakeError("E053", f"{path} lacks the column(s) {missing}; give the NGEC synthetic-events CSV")
        rows = [(row["text"], row["label"].strip().upper()) for row in reader]
    unknown = sorted({label for _, label in rows} - set(categories))
    if unknown:
        raise NewslakeError("E053", f"{path}: story labels {unknown[:5]} are not event categories ({', '.join(categories)})")
    return rows


def label_sentence(text: str, story_label: str,
                   ignore_statement_words: bool = False) -> LabelledSentence:
    """Words of one sentence with their weak trigger tags (see the module docstring)."""
    spans = conll_word_spans(text)
    tags = ["O"] * len(spans)
    for match in load_lexicon().matches(text):
        inside = [i for i, (start, end) in enumerate(spans) if start < match.end and match.start < end]
        if not inside:
            continue
        statement_word = match.text.lower() in STATEMENT_WORDS
        if story_label in match.categories and not (statement_word and ignore_statement_words):
            category = story_label
        elif statement_word and not ignore_statement_words:
            category = "STATEMENT"
        else:
            for i in inside:
                tags[i] = IGNORED
            continue
        for n, i in enumerate(inside):
            tags[i] = ("B-" if n == 0 else "I-") + category
    return LabelledSentence([text[s:e] for s, e in spans], tags, story_label)


def story_sentences(stories: list[tuple[str, str]], ignore_statement_words: bool = False) -> list[LabelledSentence]:
    return [label_sentence(text[start:end], label, ignore_statement_words)
            for text, label in stories for start, end in sentence_spans(text)]


def training_sample(sentences: list[LabelledSentence], max_sentences: int, negative_share: float,
                    rng: random.Random) -> list[LabelledSentence]:
    """At most `max_sentences`: sentences without a trigger make up `negative_share` (they teach what is no
    event); the rest are sentences with triggers, balanced over categories: the rarest category first takes
    up to an equal share of the budget, then the next, and what is left goes to random ones."""
    positive = [s for s in sentences if s.has_trigger]
    negative = [s for s in sentences if not s.has_trigger]
    n_negative = min(len(negative), int(max_sentences * negative_share))
    budget = min(len(positive), max_sentences - n_negative)
    rng.shuffle(positive)
    by_category: dict[str, list[int]] = {}
    for index, sentence in enumerate(positive):
        for category in {tag[2:] for tag in sentence.tags if tag.startswith("B-")}:
            by_category.setdefault(category, []).append(index)
    share = budget // max(len(by_category), 1)
    chosen: dict[int, None] = {}
    for category in sorted(by_category, key=lambda c: (len(by_category[c]), c)):
        for index in [i for i in by_category[category] if i not in chosen][:share]:
            if len(chosen) < budget:
                chosen[index] = None
    for index in range(len(positive)):
        if len(chosen) >= budget:
            break
        chosen.setdefault(index, None)
    sample = [positive[i] for i in chosen] + rng.sample(negative, n_negative)
    rng.shuffle(sample)
    return sample


def gold_sentences(texts: list[DevText]) -> list[LabelledSentence]:
    """Sentences of annotated articles with their gold triggers as B-/I- tags and every other word O
    (the annotators marked every event of the 17 categories)."""
    result = []
    for text in texts:
        for start, end in sentence_spans(text.text):
            spans = [(start + a, start + b) for a, b in conll_word_spans(text.text[start:end])]
            tags = ["O"] * len(spans)
            for trigger in text.triggers:
                inside = [i for i, (a, b) in enumerate(spans) if a < trigger.end and trigger.start < b]
                for n, i in enumerate(inside):
                    tags[i] = ("B-" if n == 0 else "I-") + trigger.category
            result.append(LabelledSentence([text.text[a:b] for a, b in spans], tags, "gold"))
    return result


# --- dev sets -------------------------------------------------------------------------------------

def read_plover_gold(path: str | Path) -> list[DevText]:
    """The PLOVER gold sentences with their `(EVT: ...)` words as triggers of the sentence's category."""
    return [DevText(s.text, [Trigger(start, end, s.category) for start, end in s.triggers], frozenset({s.category}),
                    s.category, s.id)
            for s in read_plover(path, load_ontology()).sentences]


def read_gold(paths: list[str | Path]) -> list[DevText]:
    """Articles of events gold files, each article once (the first file that has it wins).

    A v2 file (events carry `category`) scores every category; a v1 file (legacy `event_type` only) is
    mapped through the legacy table and scores only the categories its types map to (accidents dropped).
    """
    ontology = load_ontology()
    legacy_scored = frozenset(mapped[0] for name in _LEGACY_TYPES if (mapped := ontology.legacy_category(name)))
    result, seen = [], set()
    for path in paths:
        docs = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
        v2 = any("category" in event for doc in docs for event in doc["events"])
        scored = frozenset(ontology.categories) if v2 else legacy_scored
        for doc in docs:
            if doc["doc_id"] in seen:
                continue
            seen.add(doc["doc_id"])
            triggers = []
            for event in doc["events"]:
                category = event.get("category") if v2 else _legacy(ontology, event.get("event_type"))
                if category is not None:
                    triggers += [Trigger(t["start"], t["end"], category) for t in event.get("triggers", [])]
            result.append(DevText(doc["text"], triggers, scored, None, doc["doc_id"]))
    return result


_LEGACY_TYPES = ("attack", "armed_clash", "authorization", "diplomatic_meeting", "sanction", "arrest_legal", "protest",
                 "humanitarian_aid", "casualty_report")


def _legacy(ontology, event_type: str | None) -> str | None:
    mapped = ontology.legacy_category(event_type) if event_type else None
    return mapped[0] if mapped else None
