"""The committed attribution model: it loads offline on the committed entity model and finds the worked example."""

import json

import pytest

from newslake.models.attribution import DEFAULT_ARTIFACT, AttributionModel
from newslake.models.attribution.model import spans_text

WORKED_EXAMPLE = (
    "Russia's Ministry of Defense claimed that on the night of November 19, the AFU launched six ATACMS missiles "
    "at a facility in the Bryansk region."
)


@pytest.fixture(scope="module")
def model():
    return AttributionModel.load()


def test_the_bundled_artifact_is_small_and_carded():
    assert (DEFAULT_ARTIFACT / "MODEL_CARD.md").is_file()
    assert (DEFAULT_ARTIFACT / "weights.safetensors").stat().st_size < 25 * 1024 * 1024  # the limit for a shipped model
    config = json.loads((DEFAULT_ARTIFACT / "config.json").read_text())
    # All six encoder layers fine-tuned as the head's own, over the entity model's embeddings; three repair rules.
    assert (config["head"]["from_layer"], config["head"]["layers"]) == (0, 6)
    assert (config["decode"]["repair"], config["decode"]["o_scale"]) == (["cues", "clauses", "tails"], 1.0)
    assert config["encoder"]["path"] == "entities-minilm-cased"  # the bundled entity model, by relative path


def test_committed_model_finds_the_worked_example(model):
    (attributions,) = model.extract([WORKED_EXAMPLE])
    found = [spans_text(WORKED_EXAMPLE, a) for a in attributions]
    claimed = [a for a in found if a["cue"] == "claimed"]
    assert claimed, found
    assert claimed[0]["source"] == "Russia's Ministry of Defense"
    assert "launched six ATACMS missiles" in (claimed[0]["content"] or "")
