"""Marked slow: a small attribution training run end to end, with the shipped recipe's settings."""

from pathlib import Path

import pytest

from newslake.models.attribution import train_attribution
from newslake.models.attribution.model import AttributionModel
from newslake.models.attribution.network import read_artifact_config

POLNEAR = Path(__file__).resolve().parents[3].parent / "shared" / "datasets" / "polnear"
MAX_WEIGHTS_BYTES = 25 * 1024 * 1024  # the size limit of a shipped model


@pytest.mark.slow
@pytest.mark.skipif(not (POLNEAR / "attributions_train.jsonl").is_file(), reason="needs ../shared/datasets/polnear")
def test_train_attribution_small_run(tmp_path):
    metadata = train_attribution(POLNEAR, tmp_path / "model", epochs=1, max_articles=6, max_dev_articles=3)
    assert (metadata["best_epoch"], metadata["data"]["train"]["articles"], metadata["data"]["dev"]["articles"]) == (1, 6, 3)
    config = read_artifact_config(tmp_path / "model")
    # The recipe's defaults: all six encoder layers fine-tuned (as the head's copies) over the embeddings.
    assert (config["head"]["from_layer"], config["head"]["layers"]) == (0, 6)
    assert (tmp_path / "model" / "weights.safetensors").stat().st_size < MAX_WEIGHTS_BYTES
    model = AttributionModel.load(tmp_path / "model")
    assert model.head.from_layer == 0
    [found] = model.extract(["Russia's Ministry of Defense claimed that the AFU launched six missiles."])
    assert isinstance(found, list)  # one list of attributions per text, whatever a 6-article model finds
