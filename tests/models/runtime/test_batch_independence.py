"""An article's spans depend on the article alone, not on the articles a shard batches it with.

Under the int8 path a batch's activations share one quantisation scale, so the runtime batches each article's
windows (and each text's argument queries) apart (runtime/windows.py `token_budget_batches`)."""

from newslake.config import EntitiesConfig, EventsConfig
from newslake.models.event_arguments.query import ArgumentQuery
from newslake.models.registry import load_argument_model, load_entity_model, load_event_model

TEXTS = [
    "Russian missiles struck Kharkiv on Tuesday, Ukraine's President Volodymyr Zelensky said. Two people were killed.",
    "The European Union imposed new sanctions on Moscow after talks in Brussels collapsed on Friday.",
    "NEW YORK (Reuters) - Police arrested 12 protesters outside the United Nations headquarters. " * 6,
    "Trump called Clinton a disgrace. The Kremlin declined to comment, and Lavrov met Kerry in Geneva.",
]


def _alone_and_together(runner, items):
    alone = [runner([item])[0] for item in items]
    together = runner(items)
    reversed_ = runner(items[::-1])[::-1]
    return alone, together, reversed_


def test_entity_and_trigger_spans_do_not_depend_on_the_other_articles_under_int8():
    for model in (load_entity_model(EntitiesConfig(quantize="onnx-int8")),
                  load_event_model(EventsConfig(quantize="onnx-int8"))):
        alone, together, reversed_ = _alone_and_together(model.runner, TEXTS)
        assert together == alone and reversed_ == alone
        assert any(alone)


def _query(text: str, word: str) -> ArgumentQuery:
    start = text.index(word)
    sentence_start = text.rfind(". ", 0, start)
    sentence = (sentence_start + 2 if sentence_start >= 0 else 0, text.index(".", start) + 1)
    return ArgumentQuery(text, sentence, (start, start + len(word)))


def test_argument_spans_do_not_depend_on_the_other_texts_queries():
    model = load_argument_model(EventsConfig(argument_quantize="onnx-int8"))
    queries = [_query(TEXTS[0], "struck"), _query(TEXTS[1], "imposed"), _query(TEXTS[0], "killed"),
               _query(TEXTS[3], "called"), _query(TEXTS[3], "met")]
    # A text's queries share batches; with its own text's queries only is "alone" for them.
    own = {query: spans for text in (TEXTS[0], TEXTS[1], TEXTS[3])
           for query, spans in zip([q for q in queries if q.text == text],
                                   model.runner([q for q in queries if q.text == text]))}
    assert model.runner(queries) == [own[q] for q in queries]
    assert model.runner(queries[::-1])[::-1] == [own[q] for q in queries]
    assert sum(len(spans) for spans in own.values()) >= 5  # agents, targets, places and times were found
