"""Sentence vectors: mean pooling over the attention mask, unit length; one encoder pass per distinct sentence."""

import numpy as np
import pytest

from newslake.models.runtime.sentence_vectors import SentenceEncoder, mean_pooled


def test_mean_pooling_ignores_padding_and_scales_to_unit_length():
    hidden = np.array([[[3.0, 0.0], [0.0, 4.0], [100.0, 100.0]],
                       [[1.0, 1.0], [9.0, 9.0], [9.0, 9.0]]], dtype=np.float32)
    mask = np.array([[1, 1, 0], [1, 0, 0]])
    np.testing.assert_allclose(mean_pooled(hidden, mask), [[0.6, 0.8], [2**-0.5, 2**-0.5]], rtol=1e-6)


@pytest.fixture(scope="module")
def encoder():
    return SentenceEncoder()


def test_each_distinct_sentence_is_encoded_once(encoder, monkeypatch):
    calls = []
    forward = encoder._forward
    monkeypatch.setattr(encoder, "_forward", lambda inputs: calls.append(len(inputs["input_ids"])) or forward(inputs))
    sentences = ["A missile hit the station in Kramatorsk.", "Protests broke out in Charlotte.",
                 "A missile hit the station in Kramatorsk."]
    vectors = encoder.encode(sentences)
    assert vectors.shape == (3, 384) and calls == [2]
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert vectors[0] @ vectors[2] == pytest.approx(1.0) and vectors[0] @ vectors[1] < 0.5
    encoder.encode(sentences[:1])
    assert calls == [2]  # cached
