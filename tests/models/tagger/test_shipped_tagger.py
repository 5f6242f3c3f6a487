"""The shipped news tagger as configs/examples/one-pass.yaml runs it: one network, one pass, both stages."""

from pathlib import Path

from newslake.config import load_config
from newslake.models import registry

EXAMPLE = Path(__file__).resolve().parents[3] / "configs" / "examples" / "one-pass.yaml"
TEXTS = ["Russian forces shelled Kharkiv on Monday, killing three civilians, the regional governor said.",
         "The two leaders met in Geneva."]


def test_the_example_configuration_gives_both_stages_one_tagger_pass():
    config = load_config(EXAMPLE)
    assert config.entities.path == config.events.path == "models/artifacts/tagger-minilm"
    assert config.entities.quantize == config.events.quantize == "onnx-int8"
    # In torch here (no ONNX export in this test); the stages share the network for any one `quantize`.
    entities = registry.load_entity_model(config.entities.model_copy(update={"quantize": "none"}))
    events = registry.load_event_model(config.events.model_copy(update={"quantize": "none"}))
    assert entities.runner.shared is events.runner.shared
    spelled_otherwise = config.events.model_copy(update={"quantize": "none", "path": str(Path(config.events.path).resolve())})
    assert registry.load_event_model(spelled_otherwise).runner.shared is entities.runner.shared
    assert entities.sha256 == registry.SHIPPED_WEIGHTS["tagger-minilm"]

    found = entities.runner(TEXTS)
    words = events.runner(TEXTS)  # the entity pass's, kept
    assert [(TEXTS[1][s.start : s.end], s.label) for s in found[1]] == [("Geneva", "LOC")]
    assert [(TEXTS[0][s.start : s.end], s.label) for s in words[0]] == [("shelled", "ASSAULT"), ("killing", "ASSAULT")]
    assert [(TEXTS[1][s.start : s.end], s.label) for s in words[1]] == [("met", "CONSULT")]
    assert all(0.5 < s.score < 1 for spans in words for s in spans)
