"""load_argument_model: the registry's entry for the argument model; weights verified by sha256 before use."""

import json
import shutil

import pytest
import torch

from newslake.config import EventsConfig
from newslake.errors import NewslakeError
from newslake.files import file_sha256
from newslake.models import registry
from newslake.models.event_arguments.network import LABELS, ArgumentTagger, save_artifact
from newslake.models.registry import ArgumentQuery, load_argument_model
from newslake.models.runtime.encoder import BASE_PACKAGE, load_base_encoder


def flip_bytes(path, count=8):
    """Invert `count` bytes in the middle of the file: inside a tensor, so the file still parses."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + count] = bytes(255 - b for b in data[middle : middle + count])
    path.write_bytes(bytes(data))


@pytest.fixture(autouse=True)
def fresh_registry():
    registry._load_argument_model.cache_clear()
    yield
    registry._load_argument_model.cache_clear()


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """An untrained network saved as training saves it, with a training record quoting a dev F1."""
    torch.manual_seed(0)
    model = ArgumentTagger(load_base_encoder(), LABELS)
    record = {"dev": {"all": {"exact": {"f1": 0.25}}}}
    return save_artifact(model, BASE_PACKAGE, tmp_path_factory.mktemp("trained") / "model", record)


def test_a_saved_model_loads_with_its_verified_hash_and_quality(saved):
    loaded = load_argument_model(EventsConfig(argument_path=str(saved), argument_quantize="none"))
    recorded = json.loads((saved / "config.json").read_text())["weights_sha256"]
    assert recorded == file_sha256(saved / "weights.safetensors")
    assert loaded.identity() == {"name": "event-arguments-minilm.v1", "id": str(saved), "sha256": recorded,
                                 "metric": "dev exact-span F1 (QA-SRL wikinews.test, fp32)", "value": 0.25}
    text = "Police arrested two men in Paris on Tuesday."
    [spans] = loaded.runner([ArgumentQuery(text, (0, len(text)), (7, 15))])
    assert all(s.label in ("AGENT", "TARGET", "PLACE", "TIME") and 0 <= s.start < s.end <= len(text) for s in spans)


def test_changed_weights_are_refused(saved, tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(saved, folder)
    flip_bytes(folder / "weights.safetensors")
    with pytest.raises(NewslakeError) as error:
        load_argument_model(EventsConfig(argument_path=str(folder)))
    assert error.value.code == "E033" and str(folder / "weights.safetensors") in error.value.message


def test_a_folder_of_another_model_kind_is_e030(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"format": "newslake.entities.v1"}))
    (tmp_path / "weights.safetensors").write_bytes(b"")
    with pytest.raises(NewslakeError) as error:
        load_argument_model(EventsConfig(argument_path=str(tmp_path)))
    assert error.value.code == "E030" and "newslake.event_arguments.v1" in error.value.message


def test_int8_is_named_and_shares_the_hash(saved):
    fp32 = load_argument_model(EventsConfig(argument_path=str(saved), argument_quantize="none"))
    int8 = load_argument_model(EventsConfig(argument_path=str(saved), argument_quantize="int8"))
    assert (int8.name, int8.sha256) == ("event-arguments-minilm.v1+int8", fp32.sha256)
