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


def test_a_query_known_to_be_about_its_target_skips_stage_1(model):
    target = "Russian missiles struck a power plant in Kharkiv"
    claim = "Russian missiles hit the Kharkiv power plant overnight"
    context = "Apple unveiled a new iPhone with a larger screen on Tuesday."  # stage 1 would call this unrelated
    asked, known = model.score_in_context([(target, claim, context)] * 2, about=[False, True])
    assert asked["unrelated"] > 0.5
    assert known["unrelated"] == 0.0 and sum(known.values()) == pytest.approx(1.0)
    # Stage 2 read the same claim in both: the related labels keep their proportions.
    related = ("supports", "refutes", "neutral")
    share = sum(asked[label] for label in related)
    assert [known[label] for label in related] == pytest.approx([asked[label] / share for label in related])


def test_int8_scores_the_same_pairs_alike(model):
    quantized = StanceModel.load(quantize="int8")
    claim = "A meteorite crashed into Managua, the capital of Nicaragua"
    pairs = [(claim, "A small meteorite crashed into a wooded area in Nicaragua's capital of Managua overnight, "
                     "the government said Sunday. Residents reported hearing a mysterious boom."),
             (claim, "Apple unveiled a new iPhone with a larger screen on Tuesday.")]
    assert quantized.quantize == "int8"
    labels = quantized.predict(pairs)
    assert labels == model.predict(pairs)
    assert labels[0] != "unrelated" and labels[1] == "unrelated"
