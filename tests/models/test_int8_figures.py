"""The default release's models reproduce their recorded dev figures, as the pipeline loads them.

The default release runs the entity, attribution and stance models under ONNX Runtime with int8 weights, the
event-argument model so after its first encoder layer, which keeps fp32 (int8 whole cost it 1.4 points, more than
the release's bar of 1 point; with the first layer in fp32, 0.80), and the event-trigger model's fp32 weights under
ONNX Runtime (its int8 path, first layer fp32, costs 0.21 points but changes words of the worked example:
newslake/config.py). The model cards give each path's dev figures on the whole dev set.

Each figure below is the one its model card records (`training.dev_onnx_int8` in its config.json), or, for the
entity model's sample, this module's own computation, and must be reproduced within TOLERANCE. Dynamic int8 sets
its activation scales per batch, and its kernels round differently on different processors: between two
processors of this project's machines the whole-dev figures moved by 0.10 points (attribution), 0.19 (stance)
and 0.57 (arguments), and small samples by up to 1.5 points (8 PolNeAR articles 0.8, 100 QA-SRL verbs 0.9,
162 FNC-1 pairs 1.5). So each model is scored on its whole dev set where that takes 90 s or less, and the
tolerance is the release's bar of 1 point: a change of weights, runtime or recipe moves a figure more.
"""

from pathlib import Path

import pytest

from newslake.config import ClaimsConfig, EntitiesConfig, EventsConfig
from newslake.models.registry import load_argument_model, load_claim_models, load_entity_model, load_event_model

REPO = Path(__file__).resolve().parents[2]
DATASETS = REPO.parent / "shared" / "datasets"
CONLL_DEV = DATASETS / "conll2003" / "valid.txt"
POLNEAR_DEV = DATASETS / "polnear" / "attributions_dev.jsonl"
FNC1 = DATASETS / "fnc1"
QASRL = DATASETS / "qasrl"
# The trigger model's whole v2 dev set, as `newslake eval event-triggers` reads it.
EVENTS_DEV = [REPO / "data" / "gold" / "events-dev-v2b.jsonl", REPO / "data" / "gold" / "events-dev-v2a.jsonl"]

TOLERANCE = 0.01  # one point: int8 kernels of different processors moved whole-dev figures by up to 0.57

# The samples. Entities and triggers were grown until their int8-fp32 gap came near the whole dev set's:
# the first 300 CoNLL sentences (a few all-caps sports documents) put int8 2.2 points lower, the first 600 0.7,
# the whole file 0.88 (the entity model card). The trigger model gets its whole v2 dev set:
# on the 26 articles of v2a alone int8 was 1.7 points lower, on all 73 it is 0.1 (its model card).
CONLL_SENTENCES = 600


def skip_without(path: Path):
    return pytest.mark.skipif(not path.exists(), reason=f"needs {path.relative_to(REPO.parent)}")


# --- entities: entity F1 (seqeval, strict spans), newslake.models.evaluation.evaluate_entities -----------------

@pytest.fixture(scope="module")
def conll_sample(tmp_path_factory) -> Path:
    """The first CONLL_SENTENCES sentences of CoNLL-2003 dev, as a CoNLL file."""
    kept, sentences, open_sentence = [], 0, False
    for line in CONLL_DEV.read_text(encoding="utf-8").splitlines():
        starts_document = line.startswith("-DOCSTART-")
        if (not line.strip() or starts_document) and open_sentence:
            sentences += 1
            open_sentence = False
            if sentences == CONLL_SENTENCES:
                break
        open_sentence = open_sentence or bool(line.strip() and not starts_document)
        kept.append(line)
    path = tmp_path_factory.mktemp("conll") / "valid-head.txt"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


@skip_without(CONLL_DEV)
def test_entity_model_reproduces_its_f1_on_the_sample(conll_sample):
    from newslake.models.evaluation import evaluate_entities

    model = load_entity_model(EntitiesConfig())
    assert model.name == "cased-minilm.v1+onnx-int8"
    figures = evaluate_entities(model, conll_sample)
    assert figures["n_sentences"] == CONLL_SENTENCES
    assert figures["f1"] == pytest.approx(0.9574, abs=TOLERANCE)  # fp32: 0.9620; torch int8: 0.9549


# --- claims: both models come from one registry load per precision ---------------------------------------------

@pytest.fixture(scope="module")
def claim_models():
    return load_claim_models(ClaimsConfig())


@skip_without(POLNEAR_DEV)
def test_attribution_model_reproduces_its_onnx_int8_content_overlap_f1_on_its_dev_split(claim_models):
    from newslake.models.attribution.evaluate import attribution_metrics, load_split

    _, texts, gold = load_split(POLNEAR_DEV)
    assert len(texts) == 84
    assert claim_models.attribution.quantize == "onnx-int8"
    f1 = attribution_metrics(gold, claim_models.attribution.extract(texts))["content"]["overlap_f1"]
    assert f1 == pytest.approx(0.8846, abs=TOLERANCE)  # training.dev_onnx_int8 in its config.json; fp32: 0.8866


@skip_without(FNC1)
def test_stance_model_reproduces_its_onnx_int8_macro_f1_on_its_dev_split(claim_models):
    # About 90 s: a sample of a few hundred pairs holds a handful of refutes (1.6% of the pairs), and one flipped
    # refutes moves macro-F1 by points, more than int8 kernels of different processors do on the whole split.
    from newslake.cli import _stance_dev_split
    from newslake.models.stance.metrics import stance_metrics

    dev, _ = _stance_dev_split(FNC1, None)
    assert claim_models.stance.quantize == "onnx-int8"
    figures = stance_metrics([p.label for p in dev], claim_models.stance.predict([(p.target, p.text) for p in dev]))
    assert {label: row["support"] for label, row in figures["per_class"].items()} == {
        "supports": 546, "refutes": 118, "neutral": 1400, "unrelated": 5475}
    assert figures["macro_f1"] == pytest.approx(0.7292, abs=TOLERANCE)  # fp32: 0.7258; torch int8: 0.7262


# --- events: trigger+category F1 (models/events/evaluate.py), exact-span F1 (models/event_arguments/evaluate.py) --

@pytest.mark.slow  # about 100 s on 2 shared cores: a smaller sample is not stable (above)
def test_event_trigger_model_runs_in_fp32_and_its_int8_path_reproduces_its_record():
    from newslake.models.events.data import read_gold
    from newslake.models.events.evaluate import trigger_scores

    gold = read_gold(EVENTS_DEV)
    fp32, int8 = load_event_model(EventsConfig()), load_event_model(EventsConfig(quantize="onnx-int8"))
    assert fp32.name == "events-minilm.v1+onnx-fp32"
    assert int8.quality == ("dev trigger+category F1 (events gold v2, as shipped, onnx-int8)", 0.5515)
    f1 = {name: trigger_scores(gold, model.runner([t.text for t in gold]))["trigger_and_category"]["f1"]
          for name, model in (("fp32", fp32), ("int8", int8))}
    assert (len(gold), sum(len(t.triggers) for t in gold)) == (73, 1074)
    assert f1["fp32"] == 0.5536  # trigger_scores rounds to 4 decimals
    assert f1["int8"] == pytest.approx(0.5515, abs=TOLERANCE)  # torch int8: 0.5408


@skip_without(QASRL)
def test_event_argument_model_reproduces_its_onnx_int8_exact_span_f1_on_its_dev_split():
    from newslake.models.event_arguments.evaluate import evaluate_examples
    from newslake.models.event_arguments.qasrl import read_split

    examples = read_split(QASRL, "wikinews.test")  # the model's dev split, 1,281 verbs (about 10 s)
    model = load_argument_model(EventsConfig())
    assert model.name == "event-arguments-minilm.v1+onnx-int8"
    figures = evaluate_examples(model.runner, examples)["all"]
    assert (len(examples), figures["gold"]) == (1281, 3516)
    assert figures["exact"]["f1"] == pytest.approx(0.4899, abs=TOLERANCE)  # fp32: 0.4916
