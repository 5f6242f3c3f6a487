"""`newslake train/eval stance|attribution`: options, JSON on stdout with the bundled models, one-line errors."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newslake.cli import app
from newslake.models.stance import LABELS

runner = CliRunner()
CLAIM = "A meteorite crashed into Managua, the capital of Nicaragua"
PAIRS = [
    {"target": CLAIM, "label": "agree",
     "text": "A small meteorite crashed into a wooded area in Nicaragua's capital of Managua overnight, the government "
             "said Sunday. Residents reported hearing a mysterious boom that left a crater."},
    {"target": CLAIM, "label": "refutes",
     "text": "Scientists have rejected the reports. There was no meteorite in Managua, they said; the crater was caused "
             "by an explosion, and the claims of a meteorite strike are false."},
    {"target": CLAIM, "label": "unrelated",
     "text": "Apple unveiled a new iPhone with a larger screen on Tuesday. Analysts expect strong sales in the holiday "
             "season, and the company's shares rose three percent."},
]  # fmt: skip
TEXT = (
    "Russia's Ministry of Defense claimed that on the night of November 19, the AFU launched six ATACMS missiles "
    "at a facility in the Bryansk region."
)


def _span(piece: str) -> dict:
    start = TEXT.index(piece)
    return {"start": start, "end": start + len(piece), "text": piece}


@pytest.mark.parametrize(("command", "options"), [
    (["train", "stance"], ["--fnc", "--emergent", "--out", "--epochs", "--stop-after-epochs", "--seed", "--max-pairs",
                           "--cache-dir"]),
    (["train", "attribution"], ["--polnear", "--out", "--epochs", "--seed", "--max-articles", "--time-limit-s",
                                 "--from-layer", "--head-layers"]),
    (["eval", "stance"], ["--data", "--model", "--split"]),
    (["eval", "attribution"], ["--data", "--articles", "--model"]),
    (["eval", "events"], ["--data", "--plover", "--config", "--json"]),
])  # fmt: skip
def test_the_commands_exist_with_their_options(command, options):
    result = runner.invoke(app, [*command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert all(option in result.stdout for option in options), result.stdout


def test_eval_stance_prints_the_metrics_of_the_bundled_model(tmp_path):
    data = tmp_path / "pairs.jsonl"
    data.write_text("".join(json.dumps(pair) + "\n" for pair in PAIRS), encoding="utf-8")
    result = runner.invoke(app, ["eval", "stance", "--data", str(data)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["n"] == 3
    assert scores["labels"] == list(LABELS) == ["supports", "refutes", "neutral", "unrelated"]
    assert set(scores["per_class"]) == set(LABELS)
    assert {"macro_f1", "confusion", "fnc_score", "fnc_score_relative", "pairs_per_second"} <= set(scores)


def test_eval_attribution_prints_span_scores_of_the_bundled_model(tmp_path):
    (tmp_path / "articles.jsonl").write_text(json.dumps({"doc_id": "d1", "text": TEXT}) + "\n", encoding="utf-8")
    record = {"doc_id": "d1", "type": "Attribution", "primary": True, "source": _span("Russia's Ministry of Defense"),
              "cue": _span("claimed"), "content": _span("on the night of November 19, the AFU launched six ATACMS "
                                                        "missiles at a facility in the Bryansk region")}
    data = tmp_path / "attributions_dev.jsonl"
    data.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "attribution", "--data", str(data)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["n_gold"] == 1
    for kind in ("source", "cue", "content"):
        assert {"exact_f1", "overlap_f1"} <= set(scores[kind])
    assert scores["cue"]["exact_f1"] == 1.0  # the bundled model finds this cue (tests/models/attribution)


@pytest.mark.parametrize("command", [
    ["eval", "stance", "--data"], ["eval", "stance", "--split", "dev", "--data"], ["eval", "attribution", "--data"],
    ["eval", "events", "--data"],
])  # fmt: skip
def test_a_missing_data_file_is_a_one_line_error(tmp_path, command):
    result = runner.invoke(app, [*command, str(tmp_path / "missing.jsonl")])
    assert result.exit_code != 0
    assert "E010" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.output


def test_bad_training_options_fail_before_training(tmp_path):
    result = runner.invoke(app, ["train", "stance", "--fnc", str(tmp_path), "--emergent", str(tmp_path), "--out",
                                 str(tmp_path / "out")])  # fmt: skip
    assert result.exit_code == 1 and "E036" in result.stderr  # no FNC-1 files in the folder
    for name in ("train_bodies.csv", "train_stances.csv", "url-versions-2015-06-14-clean-train.csv",
                 "url-versions-2015-06-14-clean-test.csv"):
        (tmp_path / name).write_text("header\n")
    result = runner.invoke(app, ["train", "stance", "--fnc", str(tmp_path), "--emergent", str(tmp_path), "--out",
                                 str(tmp_path / "out"), "--epochs", "2", "--stop-after-epochs", "3"])  # fmt: skip
    assert result.exit_code == 1 and "E003" in result.stderr
    result = runner.invoke(app, ["train", "attribution", "--polnear", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "E010" in result.stderr
    assert not (tmp_path / "out").exists()


def test_eval_events_scores_the_stage_on_the_bundled_dev_set(tmp_path):
    gold = Path(__file__).resolve().parents[1] / "data" / "gold" / "events-dev.jsonl"
    # The models whose rows the stage reads in fp32: int8 kernels round differently on different processors,
    # and under int8 two processors gave 177 and 175 predicted events here (the int8 paths' own figures are
    # tested on whole dev sets in tests/models/test_int8_figures.py).
    fp32 = tmp_path / "fp32.yaml"
    fp32.write_text("entities:\n  quantize: onnx-fp32\nevents:\n  argument_quantize: onnx-fp32\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "events", "--data", str(gold), "--config", str(fp32), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    # A v1 file: its one accident_disaster is no event any more.
    assert (scores["n_docs"], scores["n_gold_events"], scores["left_out"]["gold_events"]) == (32, 121, 1)
    assert list(scores["slots"]) == ["trigger", "category", "event_date", "location", "actors", "weapon", "quantities"]
    trigger = scores["slots"]["trigger"]
    # The figures docs/events.md reports: a change to the stage that moves them shows here.
    assert (trigger["gold"], trigger["predicted"], trigger["correct"]) == (121, 158, 84)
    assert scores["slots"]["category"]["correct"] == 83


def test_eval_events_prints_tables_and_pools_gold_files(tmp_path):
    sentence = "Police arrested two protesters in Kyiv on Monday."
    files = []
    for number in (1, 2):
        event = {"event_type": "arrest_legal", "triggers": [{"start": 7, "end": 15, "text": "arrested"}],
                 "event_date": None, "date_precision": "unknown", "location": "Kyiv", "actors": [], "weapon": None,
                 "quantities": []}
        article = {"doc_id": f"d{number}", "published_at": None, "title": "t", "text": sentence, "events": [event]}
        files += ["--data", str(tmp_path / f"gold{number}.jsonl")]
        (tmp_path / f"gold{number}.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "events", *files], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "gold1.jsonl, gold2.jsonl" in result.stdout and "2 articles, 2 gold" in result.stdout
    assert "per category" in result.stdout and "expected calibration error" in result.stdout


def test_eval_events_needs_a_gold_file():
    result = runner.invoke(app, ["eval", "events"])
    assert result.exit_code == 1 and "E005" in result.stderr
