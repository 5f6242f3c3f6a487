"""Hand-annotated news events (gold format, docs/event-annotation.md) -> argument examples, as qasrl.py makes.

One example per (event, trigger): the trigger's sentence (`sentence_spans`) split into words as the
model reads them (`conll_word_spans`, which is how QA-SRL is tokenised), the trigger's words marked
(all of them: "called on" is two). The event's slots become spans in that sentence:

  - AGENT / TARGET: each actor of that role whose text occurs in the sentence as whole words
    (case as written). Of several occurrences the one nearest the trigger, in words, is taken (the
    earlier on a tie). Occurrences overlapping the trigger are not arguments of it ("protesters"
    as both the PROTEST trigger and its agent): an actor found only there is left out, and so is
    an actor the sentence does not name (the annotators name an actor by its fullest mention in the
    article, often in another sentence).
  - PLACE: the event's location, found the same way; a location from elsewhere (the dateline) is
    left out.
  - Overlapping spans are resolved as for QA-SRL (qasrl.resolve_roles: AGENT before TARGET before
    PLACE). Gold actors and locations are names without "the" or a preposition ("Paris", not "in
    Paris"), so these spans are tighter than many QA-SRL answers.

Every other word is O, with two exceptions kept out of the loss (their label is not taught; label
id IGNORE_INDEX in train.py):

  - Date expressions. The files give an event's date only as a normalised value, never as a span,
    so the words of "on Tuesday" are TIME or O as nobody said; teaching them O would teach the
    model to drop the TIME role on news. The words are those of the events stage's own date finder
    (tasks/events/dates.py `date_mentions`: month-days, weekdays, "yesterday", "last month",
    "in 2014" ...) plus the expressions it finds but cannot resolve to a date (UNDATED_TIMES:
    "last week", "tomorrow", "this morning", "recently" ...).
  - Where the sentence does not name one of the event's actors as written, the words that may
    still refer to it: pronouns ("he", "they": the events stage resolves such pronouns), and words
    of that actor's name other than function words ("Haines" of "David Haines", "ministry" of "the
    Russian Foreign Ministry"). The annotators wrote the fullest name in the article, so the
    sentence's shorter mention is the actor as often as not; teaching it O would be wrong as often
    as right.

Words of a span or of the trigger are never ignored. A sentence longer than the model's window is
cut around the trigger at encoding, as a QA-SRL sentence is (encoding.py).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newslake.errors import NewslakeError
from newslake.files import file_sha256
from newslake.models.event_arguments.qasrl import ArgumentExample, resolve_roles
from newslake.tasks.events.dates import date_mentions
from newslake.tasks.events.scoring import read_gold
from newslake.text.sentences import sentence_at, sentence_spans
from newslake.text.words import conll_word_spans

ACTOR_ROLES = {"agent": "AGENT", "target": "TARGET"}
# Time expressions date_mentions leaves out because they name no date it could resolve.
UNDATED_TIMES = re.compile(
    r"\b(?:(?:last|this|next|past|coming)\s+(?:week(?:end)?|month|year|spring|summer|autumn|fall|winter|night"
    r"|morning|afternoon|evening|few\s+(?:days|weeks|months|years))"
    r"|(?:in\s+)?(?:recent|past|coming|next)\s+(?:days|weeks|months|years)"
    r"|(?:over|at|during)\s+the\s+weekend|tomorrow|overnight|recently)\b",
    re.IGNORECASE,
)
PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them"})
FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "and", "or", "in", "on", "at", "for", "to", "from", "by", "with",
                            "'s", "\u2019s", "s"})


@dataclass
class AnnotatedExamples:
    """The examples of some annotated files, and how their slots fared (`tally` keys: "actors found",
    "actors not in the sentence", "actors only on the trigger", "locations found", "locations not in the
    sentence", "triggers across sentences", "date words ignored", "actor mention words ignored")."""

    examples: list[ArgumentExample]
    tally: Counter


def read_annotated(paths: Sequence[str | Path]) -> AnnotatedExamples:
    """The examples of annotated events files (read_gold checks them: E010, E050), in file and text order."""
    examples: list[ArgumentExample] = []
    tally: Counter = Counter()
    for path in map(Path, paths):
        for document in read_gold(path):
            examples += document_examples(document, f"{path.name}:{document['doc_id']}", tally)
    return AnnotatedExamples(examples, tally)


def document_examples(document: dict, source: str, tally: Counter) -> list[ArgumentExample]:
    """One example per (event, trigger) of a gold article; `source` prefixes the sentence ids."""
    text = document["text"]
    sentences = sentence_spans(text)
    examples = []
    for number, event in enumerate(document["events"], start=1):
        for actor in event["actors"]:
            if actor["role"] not in ACTOR_ROLES:
                raise NewslakeError("E050", f"{source}: event {number} has an actor of role {actor['role']!r}; "
                                            f"use one of {', '.join(ACTOR_ROLES)}")
        for trigger in event["triggers"]:
            sentence = sentence_at(trigger["start"], sentences)
            if sentence is None or trigger["end"] > sentence[1]:
                tally["triggers across sentences"] += 1
                continue
            examples.append(trigger_example(text, sentence, (trigger["start"], trigger["end"]), event,
                                            f"{source}:{sentence[0]}", tally))
    return examples


def trigger_example(text: str, sentence: tuple[int, int], trigger: tuple[int, int], event: dict,
                    sentence_id: str, tally: Counter) -> ArgumentExample:
    """The example of one trigger (a character span of `text` inside `sentence`) of a gold event."""
    s, e = sentence
    words = [(s + a, s + b) for a, b in conll_word_spans(text[s:e])]
    covered = [i for i, (a, b) in enumerate(words) if a < trigger[1] and trigger[0] < b]
    first, end = covered[0], covered[-1] + 1
    by_role: dict[str, list[tuple[int, int]]] = defaultdict(list)
    missing_names: set[str] = set()  # lower-cased words of the actors the sentence does not name
    for actor in event["actors"]:
        span, outcome = nearest_occurrence(text, words, actor["text"], (first, end))
        tally[f"actors {outcome}"] += 1
        if span is not None:
            by_role[ACTOR_ROLES[actor["role"]]].append(span)
        elif outcome == "not in the sentence":
            missing_names |= name_words(actor["text"]) | PRONOUNS
    if event["location"]:
        span, outcome = nearest_occurrence(text, words, event["location"], (first, end))
        tally[f"locations {'not in the sentence' if span is None else 'found'}"] += 1
        if span is not None:
            by_role["PLACE"].append(span)
    spans = resolve_roles(by_role, first, end)
    taught = {i for start, stop, _ in spans for i in range(start, stop)} | set(range(first, end))
    dates = {i for i in time_words(text, words) if i not in taught}
    mentions = {i for i, (a, b) in enumerate(words)
                if i not in taught and i not in dates and may_refer(text[a:b], missing_names)}
    tally["date words ignored"] += len(dates)
    tally["actor mention words ignored"] += len(mentions)
    return ArgumentExample(sentence_id, tuple(text[a:b] for a, b in words), first, spans, end - first,
                           tuple(sorted(dates | mentions)))


def nearest_occurrence(text: str, words: list[tuple[int, int]], name: str, trigger: tuple[int, int]
                       ) -> tuple[tuple[int, int] | None, str]:
    """The word span [first, end) where `name` occurs in the sentence of `words` (character spans of `text`) as
    whole words, nearest the trigger's words [first, end), and "found"; or None and why not: "not in the
    sentence", "only on the trigger"."""
    starts = {a: i for i, (a, _) in enumerate(words)}
    ends = {b: i + 1 for i, (_, b) in enumerate(words)}
    name = name.strip()
    candidates = []
    position = text.find(name, words[0][0], words[-1][1]) if name and words else -1
    while position >= 0:
        stop = position + len(name)
        if position in starts and stop in ends:
            candidates.append((starts[position], ends[stop]))
        position = text.find(name, position + 1, words[-1][1])
    if not candidates:
        return None, "not in the sentence"
    first, end = trigger
    outside = [(a, b) for a, b in candidates if b <= first or a >= end]
    if not outside:
        return None, "only on the trigger"
    return min(outside, key=lambda span: (first - span[1] if span[1] <= first else span[0] - end, span[0])), "found"


def name_words(name: str) -> set[str]:
    """The lower-cased words of a name that may stand for it alone: no function words, no punctuation."""
    return {word for a, b in conll_word_spans(name)
            if (word := name[a:b].lower()) not in FUNCTION_WORDS and any(c.isalnum() for c in word)}


def may_refer(word: str, names: set[str]) -> bool:
    """Whether `word` is one of `names` (lower-cased), case-blind; a pronoun of them only in lower case or
    capitalised ("US", the country, is no "us")."""
    lower = word.lower()
    return lower in names and (lower not in PRONOUNS or word in (lower, word.capitalize()))


def time_words(text: str, words: list[tuple[int, int]]) -> list[int]:
    """The indices of `words` (character spans of `text`) inside a date or time expression."""
    s, e = words[0][0], words[-1][1]
    found = [(s + m.start, s + m.end) for m in date_mentions(text[s:e], None)]
    found += [(s + a, s + b) for a, b in (m.span() for m in UNDATED_TIMES.finditer(text[s:e]))]
    return [i for i, (a, b) in enumerate(words) if any(a < stop and start < b for start, stop in found)]


def data_record(paths: Sequence[str | Path], annotated: AnnotatedExamples, used: list[ArgumentExample]) -> dict:
    """What the training record keeps of the annotated files: their sha256, how their slots fared (`tally`, the
    files in full), and the examples, sentences, spans per role and ignored words of those trained on (`used`)."""
    spans = Counter(role for example in used for *_, role in example.spans)
    return {"files": {Path(p).name: file_sha256(p) for p in paths}, "examples_in_files": len(annotated.examples),
            "examples": len(used), "sentences": len({e.sentence_id for e in used}),
            "spans": dict(sorted(spans.items())), "ignored_words": sum(len(e.ignored) for e in used),
            "tally": dict(sorted(annotated.tally.items()))}
