"""An argument query -> the model's inputs: the trigger's sentence in wordpieces, the trigger marked.

The trigger is marked by an indicator per wordpiece (TRIGGER on the pieces it covers, CONTEXT
elsewhere, SPECIAL on [CLS], [SEP] and padding) that the network embeds and adds to the word
embeddings, like the casing classes of the entity model. Marker tokens inserted into the text
would do the same, but their word embeddings (unused vocabulary entries) stay frozen untrained
with the rest of the base's word embeddings; the indicator keeps positions and offsets as they are.

A sentence longer than `max_pieces` wordpieces is cut to a window of that many centred on the
trigger: arguments sit near their trigger, and the encoder's cost grows with the square of length.
Training and inference encode through the same function, so what the model saw in training is
exactly what it sees at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch

from newslake.models.entities.casing import casing_ids
from newslake.models.event_arguments.query import ArgumentQuery, check_query
from newslake.models.runtime.token_classifier import _word_ids

SPECIAL, CONTEXT, TRIGGER = 0, 1, 2
NUM_TRIGGER_CLASSES = 3


@dataclass(frozen=True, slots=True)
class EncodedQuery:
    """One query's model inputs ([CLS] ... [SEP]) and, per wordpiece, its character span in the query's text
    ((0, 0) for the specials) and the index of its word (None for the specials)."""

    input_ids: list[int]
    casing_ids: list[int]
    trigger_ids: list[int]
    offsets: list[tuple[int, int]]
    word_ids: list[int | None]

    def __len__(self) -> int:
        return len(self.input_ids)


def encode_query(tokenizer, query: ArgumentQuery, words: list[tuple[int, int]] | None,
                 word_splitter: Callable[[str], list[tuple[int, int]]], max_pieces: int) -> EncodedQuery:
    """The inputs for `query`; `words` are character spans in the text (None: `word_splitter` on the sentence)."""
    check_query(query)
    s, e = query.sentence
    if words is None:
        words = [(s + a, s + b) for a, b in word_splitter(query.text[s:e])]
    encoded = tokenizer(query.text[s:e], add_special_tokens=False, return_offsets_mapping=True)
    offsets = [(s + a, s + b) for a, b in encoded["offset_mapping"]]
    ids = encoded["input_ids"]
    ts, te = query.trigger
    marked = [i for i, (a, b) in enumerate(offsets) if a < te and b > ts]
    begin = _window_start(len(ids), marked[0], marked[-1], max_pieces) if marked else 0
    stop = min(len(ids), begin + max_pieces)
    offsets, ids = offsets[begin:stop], ids[begin:stop]
    triggers = [TRIGGER if a < te and b > ts else CONTEXT for a, b in offsets]
    casing = casing_ids(query.text, offsets, [0] * len(offsets))
    return EncodedQuery(
        input_ids=[tokenizer.cls_token_id, *ids, tokenizer.sep_token_id],
        casing_ids=[SPECIAL, *casing, SPECIAL],
        trigger_ids=[SPECIAL, *triggers, SPECIAL],
        offsets=[(0, 0), *offsets, (0, 0)],
        word_ids=[None, *_word_ids(offsets, words), None],
    )


def _window_start(n: int, first: int, last: int, max_pieces: int) -> int:
    """The first piece of a window of `max_pieces` (of `n`) centred on pieces first..last."""
    if n <= max_pieces:
        return 0
    return max(0, min(first - (max_pieces - (last - first + 1)) // 2, n - max_pieces))


def collate(queries: list[EncodedQuery], pad_id: int) -> dict[str, torch.Tensor]:
    """Right-padded tensors `input_ids`, `attention_mask`, `casing_ids`, `trigger_ids` (padding is SPECIAL)."""
    width = max(len(q) for q in queries)
    tensors = {name: torch.zeros((len(queries), width), dtype=torch.long)
               for name in ("input_ids", "attention_mask", "casing_ids", "trigger_ids")}
    tensors["input_ids"].fill_(pad_id)
    for row, query in enumerate(queries):
        n = len(query)
        tensors["input_ids"][row, :n] = torch.tensor(query.input_ids)
        tensors["attention_mask"][row, :n] = 1
        tensors["casing_ids"][row, :n] = torch.tensor(query.casing_ids)
        tensors["trigger_ids"][row, :n] = torch.tensor(query.trigger_ids)
    return tensors
