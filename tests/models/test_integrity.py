"""Model weights are verified before use: pinned hashes for the shipped artifacts, recorded ones for
trained folders; Hugging Face folders without their head, or with pickled weights only, are refused."""

import json
import shutil

import pytest
import torch
from safetensors.torch import load_file, save_file

from newslake.config import EntitiesConfig
from newslake.errors import NewslakeError
from newslake.files import file_sha256
from newslake.models import registry
from newslake.models.entities.network import LABELS, CasedTokenClassifier, load_artifact, save_artifact
from newslake.models.registry import ARTIFACTS, SHIPPED_WEIGHTS, load_entity_model
from newslake.models.runtime import artifacts
from newslake.models.runtime.encoder import BASE_PACKAGE, load_base_encoder, load_base_tokenizer

SHIPPED_ENTITIES = ARTIFACTS / "entities-minilm-cased"


def flip_bytes(path, count=8):
    """Invert `count` bytes in the middle of the file: inside a tensor, so the file still parses."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + count] = bytes(255 - b for b in data[middle : middle + count])
    path.write_bytes(bytes(data))


@pytest.fixture(autouse=True)
def fresh_registry():
    registry._load_entity_model.cache_clear()
    yield
    registry._load_entity_model.cache_clear()


def test_the_shipped_weights_match_their_pins():
    for name, pinned in SHIPPED_WEIGHTS.items():
        assert file_sha256(ARTIFACTS / name / "weights.safetensors") == pinned


def test_a_changed_shipped_artifact_is_refused_by_its_pin(tmp_path, monkeypatch):
    # The artifacts folder moved to tmp_path: the real shipped files are never touched.
    shipped = tmp_path / "artifacts" / "entities-minilm-cased"
    shutil.copytree(SHIPPED_ENTITIES, shipped)
    monkeypatch.setattr(artifacts, "ARTIFACTS", tmp_path / "artifacts")
    load_artifact(shipped)  # the copy is intact: it loads
    flip_bytes(shipped / "weights.safetensors")
    with pytest.raises(NewslakeError) as error:
        load_artifact(shipped)
    assert error.value.code == "E033"
    assert str(shipped / "weights.safetensors") in error.value.message and "\n" not in str(error.value)


def test_a_tampered_copy_of_the_shipped_model_is_refused(tmp_path):
    copy = tmp_path / "my-entities"
    shutil.copytree(SHIPPED_ENTITIES, copy)
    intact = load_entity_model(EntitiesConfig(path=str(copy)))  # an intact copy is the shipped model, card and all
    assert intact.identity()["sha256"] == SHIPPED_WEIGHTS["entities-minilm-cased"]
    assert intact.identity()["value"] == 0.9284  # the default onnx-int8 path's recorded dev F1 (fp32: 0.9324, int8: 0.9241)
    registry._load_entity_model.cache_clear()
    flip_bytes(copy / "weights.safetensors")
    with pytest.raises(NewslakeError) as error:
        load_entity_model(EntitiesConfig(path=str(copy)))
    assert error.value.code == "E033" and str(copy / "weights.safetensors") in error.value.message


@pytest.fixture(scope="module")
def trained_folder(tmp_path_factory):
    """An untrained network saved as training saves it, with a training record that quotes a dev F1."""
    torch.manual_seed(0)
    model = CasedTokenClassifier(load_base_encoder(), LABELS)
    record = {"dev": {"f1": 0.5}, "data": {"dev": {"file": "valid.txt"}}}
    return save_artifact(model, BASE_PACKAGE, tmp_path_factory.mktemp("trained") / "model", record)


def test_training_records_the_weights_hash_and_a_run_quotes_the_verified_one(trained_folder):
    config = json.loads((trained_folder / "config.json").read_text())
    assert config["weights_sha256"] == file_sha256(trained_folder / "weights.safetensors")
    identity = load_entity_model(EntitiesConfig(path=str(trained_folder), quantize="int8")).identity()
    assert (identity["sha256"], identity["value"]) == (config["weights_sha256"], 0.5)
    # An int8 run of an artifact with no int8 record quotes its fp32 figure, and says so.
    assert identity["name"].endswith("+int8") and identity["metric"].endswith("fp32)")


def test_weights_that_differ_from_the_recorded_hash_are_refused(trained_folder, tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(trained_folder, folder)
    flip_bytes(folder / "weights.safetensors")
    with pytest.raises(NewslakeError) as error:
        load_entity_model(EntitiesConfig(path=str(folder)))
    assert error.value.code == "E033" and str(folder / "weights.safetensors") in error.value.message


def test_a_folder_whose_config_records_no_hash_is_refused(trained_folder, tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(trained_folder, folder)
    config = json.loads((folder / "config.json").read_text())
    del config["weights_sha256"]
    (folder / "config.json").write_text(json.dumps(config))
    with pytest.raises(NewslakeError) as error:
        load_entity_model(EntitiesConfig(path=str(folder)))
    assert error.value.code == "E033" and "records no weights_sha256" in error.value.message


def test_each_weights_file_is_hashed_once_per_load(trained_folder, monkeypatch):
    hashed = []
    monkeypatch.setattr(artifacts, "file_sha256", lambda path: hashed.append(path) or file_sha256(path))
    load_entity_model(EntitiesConfig(path=str(trained_folder)))
    assert hashed == [trained_folder / "weights.safetensors"]


# --- local Hugging Face token-classification folders ---------------------------------------


def hf_folder(path, *, pickled=False):
    """A tiny BERT token classifier (random weights) with the base tokenizer, as `save_pretrained` writes it."""
    from transformers import BertConfig, BertForTokenClassification

    torch.manual_seed(0)
    labels = ["O", "B-PER", "I-PER"]
    config = BertConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=64, id2label=dict(enumerate(labels)),
                        label2id={label: i for i, label in enumerate(labels)})
    BertForTokenClassification(config).save_pretrained(path)
    load_base_tokenizer().save_pretrained(path)
    if pickled:  # as older checkpoints ship: a pickled state dict, no safetensors
        torch.save(load_file(path / "model.safetensors"), path / "pytorch_model.bin")
        (path / "model.safetensors").unlink()
    return path


def hf_config(path):
    return EntitiesConfig(model="hf-token-classification.v1", path=str(path))


def test_a_complete_hf_folder_loads_and_records_its_hash(tmp_path):
    folder = hf_folder(tmp_path / "hf")
    loaded = load_entity_model(hf_config(folder))
    assert loaded.sha256 == file_sha256(folder / "model.safetensors")
    assert loaded.identity()["value"] is None  # no training record: no figure to quote
    assert isinstance(loaded.runner(["Joe Biden spoke."]), list)


def test_an_hf_folder_without_its_classifier_head_is_refused(tmp_path):
    folder = hf_folder(tmp_path / "hf")
    weights = folder / "model.safetensors"
    tensors = {name: t for name, t in load_file(weights).items() if not name.startswith("classifier.")}
    save_file(tensors, weights, metadata={"format": "pt"})
    with pytest.raises(NewslakeError) as error:
        load_entity_model(hf_config(folder))
    assert error.value.code == "E034" and "classifier." in error.value.message


def test_a_pickle_only_hf_folder_is_refused_with_a_code(tmp_path):
    folder = hf_folder(tmp_path / "hf", pickled=True)
    assert not list(folder.glob("*.safetensors"))
    with pytest.raises(NewslakeError) as error:
        load_entity_model(hf_config(folder))
    assert error.value.code == "E034" and "pytorch_model.bin" in error.value.message
