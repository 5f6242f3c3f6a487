"""What a claim's stance is scored against when no rule links it to an event (`claims.target_kind`).

  1. a claim linked to an event (event_links.py) is scored against that event;
  2. otherwise, in an article with events, against the article's **main event** when the claim's
     content bears on it: the event of the first paragraph with the highest score (the earliest on a
     tie), else the article's highest-scoring event; when it does not, against the other event of
     the article it bears on most ("The Kremlin stated that if the U.S. indeed made *such a decision*
     ..." bears on the authorization, not on the strike the article leads with). That event is the
     claim's `target_event_id`; `event_id` stays the link of rule 1 (stories count linked claims);
  3. in an article without events, against its title (the lede when untitled) when the content bears
     on it; a headline claim never, it is part of the title;
  4. otherwise there is no target: stance `unrelated`, `target_kind` `none`.

"Bears on" is the cosine of the base encoder's sentence embeddings (the ones the stance model's
stage 1 computes) of the claim's content and the target, at least `BEARS_ON`. The threshold was
chosen on 70 hand-labelled (claim, main event) pairs of the sample lake, drawn across the cosine
range (34 bear on; tests/tasks/claims/fixtures/bears_on_pairs.jsonl): at 0.22 precision 0.68, recall 0.88,
F1 0.77 (0.20: 0.64 / 0.94; 0.30: 0.67 / 0.71; 0.21 has F1 0.775, the same accuracy, lower precision).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from newslake.text.sentences import paragraph_at

BEARS_ON = 0.22

# texts -> unit vectors, one row per text (the stance model's SentenceEmbedder)
Embed = Callable[[Sequence[str]], Any]


def main_event(text: str, events: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The event the article is mainly about (rule 2 of the module doc); None without events."""
    if not events:
        return None
    start = len(text) - len(text.lstrip())
    _, first_end = paragraph_at(text, start) if text.strip() else (0, 0)
    lead = [e for e in events if any(m["start"] < first_end for m in e["mentions"])]
    return max(lead or events, key=lambda e: (e["score"], -e["trigger_start"]))


def cosines(embed: Embed | None, pairs: Sequence[tuple[str, str]]) -> list[float]:
    """Cosine of each (claim text, target) pair, each distinct string embedded once; 1.0 for every
    pair without an embedder (a caller that has none scores every claim against the target)."""
    if embed is None or not pairs:
        return [1.0] * len(pairs)
    strings = list(dict.fromkeys(s for pair in pairs for s in pair))
    index = {s: i for i, s in enumerate(strings)}
    vectors = embed(strings)
    return [float((vectors[index[a]] * vectors[index[b]]).sum()) for a, b in pairs]
