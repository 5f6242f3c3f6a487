"""The committed default stance model: it loads offline and ranks obvious pairs sensibly."""

import pytest

from newslake.models.stance import DEFAULT_ARTIFACT, StanceModel


@pytest.fixture(scope="module")
def model():
    return StanceModel.load()


def test_the_bundled_artifact_is_the_default():
    assert (DEFAULT_ARTIFACT / "weights.safetensors").is_file() and (DEFAULT_ARTIFACT / "MODEL_CARD.md").is_file()


def test_committed_model_scores_three_pairs(model):
    claim = "A meteorite crashed into Managua, the capital of Nicaragua"
    pairs = [
        (claim, "A small meteorite crashed into a wooded area in Nicaragua's capital of Managua overnight, the "
                "government said Sunday. Residents reported hearing a mysterious boom that left a crater."),
        (claim, "Scientists have rejected the reports. There was no meteorite in Managua, they said; the crater "
                "was caused by an explosion, and the claims of a meteorite strike are false."),
        (claim, "Apple unveiled a new iPhone with a larger screen on Tuesday. Analysts expect strong sales in the "
                "holiday season, and the company's shares rose three percent."),
    ]
    scores = model.score(pairs)
    assert all(sum(s.values()) == pytest.approx(1.0) for s in scores)
    assert all(set(s) == {"supports", "refutes", "neutral", "unrelated"} for s in scores)
    assert max(scores[2], key=scores[2].get) == "unrelated"
    assert scores[0]["unrelated"] < 0.5 and scores[1]["unrelated"] < 0.5
    assert model.predict(pairs) == [max(s, key=s.get) for s in scores]
