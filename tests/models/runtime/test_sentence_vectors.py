"""Sentence vectors: mean pooling over the attention mask, unit length; one encoder pass per distinct input;
the same vectors from torch and from the ONNX Runtime graph."""

import numpy as np
import pytest
import torch

from newslake.models.runtime import sentence_vectors
from newslake.models.runtime.sentence_vectors import SentenceVectors, mean_pool

SENTENCES = ["A missile hit the station in Kramatorsk.", "Protests broke out in Charlotte.",
             "A missile hit the station in Kramatorsk."]


def test_mean_pooling_ignores_padding():
    hidden = torch.tensor([[[3.0, 0.0], [0.0, 4.0], [100.0, 100.0]],
                           [[1.0, 1.0], [9.0, 9.0], [9.0, 9.0]]])
    mask = torch.tensor([[1, 1, 0], [1, 0, 0]])
    torch.testing.assert_close(mean_pool(hidden, mask), torch.tensor([[1.5, 2.0], [1.0, 1.0]]))


@pytest.fixture(scope="module")
def encoder():
    return SentenceVectors()


def test_each_distinct_sentence_is_encoded_once(encoder, monkeypatch):
    calls = []
    forward = encoder._forward
    monkeypatch.setattr(encoder, "_forward", lambda inputs: calls.append(len(inputs["input_ids"])) or forward(inputs))
    vectors = encoder.encode(SENTENCES)
    assert vectors.shape == (3, 384) and calls == [2]
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert vectors[0] @ vectors[2] == pytest.approx(1.0) and vectors[0] @ vectors[1] < 0.5
    encoder.encode(SENTENCES[:1], max_tokens=256)  # not cut at either length: one input, one vector
    assert calls == [2]


def test_a_text_cut_at_another_length_is_another_input(encoder):
    long = "The talks went on. " * 40  # 200 wordpieces
    short, full = encoder.encode([long], max_tokens=32), encoder.encode([long], max_tokens=256)
    assert float(short[0] @ full[0]) < 0.999


def test_the_cache_keeps_the_latest_vectors(monkeypatch):
    monkeypatch.setattr(sentence_vectors, "CACHE_SIZE", 2)
    encoder = SentenceVectors()
    encoder.encode(["one", "two"])
    encoder.encode(["three"])
    assert len(encoder._cache) == 2
    assert [encoder.tokenizer.decode(ids) for ids in _cached_ids(encoder, ["two", "three"])] == ["[CLS] two [SEP]", "[CLS] three [SEP]"]


def _cached_ids(encoder, texts):
    ids = encoder.tokenizer(texts)["input_ids"]
    keys = [sentence_vectors._key(row) for row in ids]
    assert all(key in encoder._cache for key in keys)
    return ids


def test_onnx_runtime_gives_the_torch_vectors(encoder):
    texts = [*SENTENCES, "", "Ukraine's parliament passed the law on Thursday after a two-day debate in Kyiv."]
    expected = encoder.encode(texts, max_tokens=256)
    np.testing.assert_allclose(SentenceVectors(quantize="onnx-fp32").encode(texts, max_tokens=256), expected, atol=1e-3)
