"""One pass of a two-headed tagger serves both heads: a hand-built network (no model), whose calls are counted."""

import math

import pytest
import torch

from newslake.models.runtime.encoder import load_base_tokenizer
from newslake.models.runtime.shared_pass import SharedPass
from newslake.models.runtime.token_classifier import Head, RuntimeSettings, TokenClassifier
from newslake.text.spans import Span

ENTITIES = Head("entities", ("O", "B-PER", "I-PER"), 0)
EVENTS = Head("events", ("O", "B-ASSAULT", "I-ASSAULT"), 3, temperature=2.0)
TEXTS = ["Putin attacked Kyiv.", "Obama met reporters.", "Nothing happened."]


@pytest.fixture(scope="module")
def tokenizer():
    return load_base_tokenizer()


@pytest.fixture
def calls():
    return []


@pytest.fixture
def shared(tokenizer, calls):
    """Names are people with logit 5 against O's 1; "attacked" an attack with logit 3 against O's 1."""
    names = torch.tensor(tokenizer.convert_tokens_to_ids(["putin", "obama"]))
    attack = torch.tensor(tokenizer.convert_tokens_to_ids(["attacked"]))

    def forward(inputs):
        ids = inputs["input_ids"]
        calls.append(ids.shape[0])
        logits = torch.zeros((*ids.shape, 6))
        logits[..., 0] = logits[..., 3] = 1.0
        logits[..., 1] = torch.where(torch.isin(ids, names), 5.0, 0.0)
        logits[..., 4] = torch.where(torch.isin(ids, attack), 3.0, 0.0)
        return logits

    tagger = TokenClassifier(forward, tokenizer, [*ENTITIES.labels, *EVENTS.labels], RuntimeSettings(),
                             heads=(ENTITIES, EVENTS))
    return SharedPass(tagger, keep=4)


def _softmax_first(*logits: float) -> float:
    return math.exp(logits[0]) / sum(math.exp(x) for x in logits)


def test_the_second_head_takes_the_spans_of_the_first_heads_pass(shared, calls):
    people = shared.runner("entities")(TEXTS)
    assert sum(calls) == 3  # each text's window once (one article a batch)
    attacks = shared.runner("events")(TEXTS)
    assert sum(calls) == 3  # no second pass
    person = pytest.approx(_softmax_first(5.0, 1.0, 0.0))
    assert people == [[Span(0, 5, "PER", person)], [Span(0, 5, "PER", person)], []]
    # Each head is its own softmax over its columns, the event head's logits divided by its temperature of 2.
    assert attacks == [[Span(6, 14, "ASSAULT", pytest.approx(_softmax_first(1.5, 0.5, 0.0)))], [], []]


def test_a_text_the_pass_did_not_read_is_run_then_and_only_it(shared, calls):
    shared.runner("entities")(TEXTS[:2])
    assert sum(calls) == 2
    attacks = shared.runner("events")(TEXTS)
    assert sum(calls) == 3  # the third text alone
    assert [[s.label for s in spans] for spans in attacks] == [["ASSAULT"], [], []]


def test_the_store_keeps_the_latest_texts_only(shared, calls):
    shared.runner("entities")(TEXTS)
    shared.runner("entities")([f"Text number {i}." for i in range(4)])  # keep=4: these push the first three out
    assert sum(calls) == 7
    shared.runner("events")(TEXTS)
    assert sum(calls) == 10  # the three texts again


def test_gold_words_run_the_network_and_leave_the_store_alone(shared, calls):
    words = [[(0, 5), (6, 14), (15, 19), (19, 20)]]
    assert shared.runner("events")(TEXTS[:1], words) == [[Span(6, 14, "ASSAULT", pytest.approx(_softmax_first(1.5, 0.5, 0.0)))]]
    shared.runner("entities")(TEXTS[:1])
    assert calls == [1, 1]


def test_an_unknown_head_is_refused(shared):
    with pytest.raises(KeyError, match="no head 'claims'"):
        shared.runner("claims")
