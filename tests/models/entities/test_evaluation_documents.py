"""`newslake eval entities --documents`: a document's sentences are one text, as an article is."""

from newslake.models.evaluation import evaluate_entities
from newslake.models.registry import LoadedModel
from newslake.text.spans import Span

CONLL = """-DOCSTART- -X- -X- O

Obama B-PER
spoke O
. O

Merkel B-PER
listened O

-DOCSTART- -X- -X- O

Paris B-LOC
voted O
"""


class NamesRunner:
    """Tags every capitalised token as a person and records the texts it was handed."""

    def __init__(self):
        self.texts = []

    def __call__(self, texts, words):
        self.texts += texts
        return [[Span(s, e, "PER", 1.0) for s, e in spans if text[s].isupper()] for text, spans in zip(texts, words)]


def test_documents_are_tagged_as_one_text_and_scored_per_sentence(tmp_path):
    data = tmp_path / "dev.txt"
    data.write_text(CONLL, encoding="utf-8")
    runner = NamesRunner()
    figures = evaluate_entities(LoadedModel("names", "-", "-", None, runner), data, documents=True)
    assert runner.texts == ["Obama spoke .\nMerkel listened", "Paris voted"]
    assert figures["texts"] == "documents" and figures["n_sentences"] == 3
    assert (figures["precision"], figures["recall"]) == (2 / 3, 2 / 3)  # "Paris" is a place, not a person


def test_sentences_are_tagged_one_by_one_by_default(tmp_path):
    data = tmp_path / "dev.txt"
    data.write_text(CONLL, encoding="utf-8")
    runner = NamesRunner()
    figures = evaluate_entities(LoadedModel("names", "-", "-", None, runner), data)
    assert runner.texts == ["Obama spoke .", "Merkel listened", "Paris voted"]
    assert figures["texts"] == "sentences" and figures["f1"] == 2 / 3
