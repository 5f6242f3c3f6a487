"""The news tagger: its artifact, and one network and one pass serving the entity and the events stages."""

import json

import pytest
import torch

from newslake.config import EntitiesConfig, EventsConfig
from newslake.errors import NewslakeError
from newslake.models import registry
from newslake.models.entities.network import CasedTokenClassifier
from newslake.models.events.network import temperature_of
from newslake.models.runtime.encoder import BASE_PACKAGE, load_base_encoder
from newslake.models.tagger.network import is_tagger, load_verified_artifact, save_artifact
from newslake.models.tagger.train import heads

TEXTS = ["Russian forces shelled Kharkiv on Monday, the governor said.", "Talks resumed in Geneva."]


@pytest.fixture(autouse=True)
def fresh_registry():
    for cached in (registry._load_entity_model, registry._load_event_model, registry.load_tagger):
        cached.cache_clear()
    yield
    for cached in (registry._load_entity_model, registry._load_event_model, registry.load_tagger):
        cached.cache_clear()


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """An untrained tagger saved as training saves it, with an event temperature and both heads' dev figures."""
    torch.manual_seed(0)
    columns = heads(temperature=1.5)
    model = CasedTokenClassifier(load_base_encoder(), [label for head in columns for label in head.labels])
    with torch.no_grad():
        model.casing.weight.normal_(0, 0.5)
    record = {"dev": {"entities": {"f1": 0.93}, "events_dev": {"trigger_and_category": {"f1": 0.55}}}}
    return save_artifact(model.eval(), columns, BASE_PACKAGE, tmp_path_factory.mktemp("tagger") / "tagger", record)


def test_the_artifact_records_both_heads_and_loads_back(saved):
    config = json.loads((saved / "config.json").read_text())
    assert [(h["name"], h["start"], len(h["labels"]), h["temperature"]) for h in config["heads"]] == [
        ("entities", 0, 9, 1.0), ("events", 9, 35, 1.5)]
    assert config["labels"][:3] == ["O", "B-PER", "I-PER"] and config["labels"][9:11] == ["O", "B-STATEMENT"]
    model, _, loaded, _ = load_verified_artifact(saved)
    assert model.classifier.out_features == 44 and loaded["heads"] == config["heads"]
    assert is_tagger(saved) and temperature_of(saved) == 1.5


def test_a_tagger_without_its_heads_is_refused(saved, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "weights.safetensors").write_bytes((saved / "weights.safetensors").read_bytes())
    config = json.loads((saved / "config.json").read_text())
    (broken / "config.json").write_text(json.dumps({**config, "heads": config["heads"][:1]}))
    with pytest.raises(NewslakeError, match="E030: .*needs the heads 'entities' and 'events'"):
        load_verified_artifact(broken)


def test_the_entity_and_events_stages_share_one_network_and_its_passes(saved):
    entities = registry.load_entity_model(EntitiesConfig(path=str(saved), quantize="none"))
    events = registry.load_event_model(EventsConfig(path=str(saved), quantize="none"))
    assert entities.module is events.module and entities.sha256 == events.sha256
    assert (entities.name, events.name) == ("tagger-minilm.v1", "tagger-minilm.v1")
    assert entities.quality == ("dev entity F1 (CoNLL valid.txt, fp32)", 0.93)
    assert events.quality == ("dev trigger+category F1 (events gold v2, fp32)", 0.55)
    shared = entities.runner.shared
    entities.runner(TEXTS)
    assert len(shared._kept) == len(TEXTS)  # the event words of both texts, kept for the events stage
    kept = events.runner(TEXTS)
    fresh = events.runner.postprocess(prepared := events.runner.preprocess(TEXTS),
                                      [events.runner._forward(x) for x in prepared.model_inputs])
    assert kept == fresh and any(kept)  # the untrained head still tags some words
    assert {f"B-{s.label}" for spans in kept for s in spans} <= set(events.runner.labels)


def test_other_windows_for_the_entities_mean_a_pass_of_their_own(saved):
    entities = registry.load_entity_model(EntitiesConfig(path=str(saved), quantize="none", max_tokens=64))
    events = registry.load_event_model(EventsConfig(path=str(saved), quantize="none"))
    assert entities.runner.settings.max_tokens == 64 and events.runner.settings.max_tokens == 126
    entities.runner(TEXTS)
    assert events.runner.shared._kept == {} and entities.runner.shared is not events.runner.shared
