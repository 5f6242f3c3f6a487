"""The run flow with the entities stage, on the worked example, with the shipped model."""

import shutil
from pathlib import Path

import polars as pl
import pytest

from newslake.flows import run
from newslake.lake import scan

pytestmark = pytest.mark.usefixtures("prefect")
WORKED = Path(__file__).resolve().parents[2] / "data" / "samples" / "worked-example"


@pytest.fixture(scope="module")
def lake(tmp_path_factory, prefect):
    lake = tmp_path_factory.mktemp("run") / "lake"
    dumps = tmp_path_factory.mktemp("dumps")
    shutil.copytree(WORKED, dumps / "worked-example")
    summary = run([str(dumps)], lake=str(lake))
    assert summary["rows"]["articles"] == 1
    return lake


def test_worked_example_entities(lake):
    text = scan("articles", lake).collect()["text"][0]
    entities = scan("entities", lake).collect()
    assert (entities["release"] == "base").all() and (entities["date"] == "2024-11-19").all()
    # Offsets are the truth: every copy matches the article text.
    assert all(text[s:e] == t for s, e, t in zip(entities["start"], entities["end"], entities["text"]))

    labels = {(t, label) for t, label in zip(entities["text"], entities["label"])}
    expected = {
        "PER": ["Volodymyr Zelensky", "Mette Frederiksen", "Joe Biden", "Matthew Miller", "Sergey Lavrov", "Yuriy Butusov"],
        "ORG": ["AFU", "RBC-Ukraine", "Censor.net", "New York Times", "Kremlin", "State Department"],
        "LOC": ["Bryansk region", "Russia", "Ukraine"],
        "MISC": ["ATACMS", "Neptune"],
    }
    for label, names in expected.items():
        for name in names:
            assert any(name in t and lab == label for t, lab in labels), (name, label)

    keys = dict(zip(entities["text"], entities["entity_key"]))
    assert keys["AFU"] == keys["Armed Forces of Ukraine"] == "armed forces of ukraine"
    ministry = entities.filter(pl.col("text") == "the ministry")
    assert ministry["model"].to_list() == ["rules:description"]
    assert ministry["entity_key"][0] == keys["Ministry of Defense"]

    runs = scan("runs", lake).collect()
    (model,) = runs["models"][0]
    assert (model["stage"], model["name"]) == ("entities", "cased-minilm.v1")
    assert len(model["sha256"]) == 64
    assert {r["name"]: r["rows"] for r in runs["rows"][0]}["entities"] == entities.height
