"""load_event_model: the registry's entry for the trigger model; weights verified by sha256 before use."""

import json
import shutil

import pytest
import torch

from newslake.config import EventsConfig
from newslake.errors import NewslakeError
from newslake.files import file_sha256
from newslake.models import registry
from newslake.models.entities.network import CasedTokenClassifier
from newslake.models.events.network import bio_labels, save_artifact
from newslake.models.registry import DEFAULT_EVENT_MODEL, SHIPPED_WEIGHTS, load_event_model
from newslake.models.runtime.encoder import BASE_PACKAGE, load_base_encoder
from newslake.tasks.events.ontology import load_ontology


def flip_bytes(path, count=8):
    """Invert `count` bytes in the middle of the file: inside a tensor, so the file still parses."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + count] = bytes(255 - b for b in data[middle : middle + count])
    path.write_bytes(bytes(data))


@pytest.fixture(autouse=True)
def fresh_registry():
    registry._load_event_model.cache_clear()
    yield
    registry._load_event_model.cache_clear()


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """An untrained network saved as training saves it, with a temperature and a recorded dev F1."""
    torch.manual_seed(0)
    model = CasedTokenClassifier(load_base_encoder(), bio_labels(list(load_ontology().categories)))
    record = {"dev_fp16_weights": {"events_dev": {"trigger_and_category": {"f1": 0.5}}}}
    return save_artifact(model, BASE_PACKAGE, tmp_path_factory.mktemp("trained") / "model", record, temperature=1.5)


def test_a_saved_model_loads_with_its_verified_hash_and_quality(saved):
    loaded = load_event_model(EventsConfig(path=str(saved), quantize="none"))
    config = json.loads((saved / "config.json").read_text())
    assert config["weights_sha256"] == file_sha256(saved / "weights.safetensors")
    assert config["temperature"] == 1.5 and len(config["labels"]) == 35
    assert loaded.identity() == {"name": "events-minilm.v1", "id": str(saved), "sha256": config["weights_sha256"],
                                 "metric": "dev trigger+category F1 (events gold v2, as shipped, fp32)", "value": 0.5}
    [spans] = loaded.runner(["Police arrested two men in Paris on Tuesday."])
    assert all(0 <= s.start < s.end <= 44 and 0 < s.score <= 1 for s in spans)


def test_int8_is_named_and_keeps_the_hash(saved):
    loaded = load_event_model(EventsConfig(path=str(saved), quantize="int8"))
    assert loaded.name == "events-minilm.v1+int8"
    assert loaded.sha256 == file_sha256(saved / "weights.safetensors")


def test_changed_weights_are_refused(saved, tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(saved, folder)
    flip_bytes(folder / "weights.safetensors")
    with pytest.raises(NewslakeError) as error:
        load_event_model(EventsConfig(path=str(folder)))
    assert error.value.code == "E033" and str(folder / "weights.safetensors") in error.value.message


def test_the_shipped_artifact_is_pinned():
    assert file_sha256(DEFAULT_EVENT_MODEL / "weights.safetensors") == SHIPPED_WEIGHTS["events-minilm"]
    assert load_event_model(EventsConfig()).sha256 == SHIPPED_WEIGHTS["events-minilm"]


def test_a_folder_that_is_not_an_event_model_is_e030(tmp_path):
    with pytest.raises(NewslakeError) as error:
        load_event_model(EventsConfig(path=str(tmp_path)))
    assert error.value.code == "E030"
