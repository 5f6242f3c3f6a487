"""The run flow on the worked example with the shipped models: entities and claims."""

import shutil
from pathlib import Path

import polars as pl
import pytest

from newslake.flows import run
from newslake.lake import scan

pytestmark = pytest.mark.usefixtures("prefect")
ROOT = Path(__file__).resolve().parents[2]
WORKED = ROOT / "data" / "samples" / "worked-example"
PROPOSITIONS = ROOT / "configs" / "examples" / "ukraine-propositions.yaml"


@pytest.fixture(scope="module")
def lake(tmp_path_factory, prefect):
    lake = tmp_path_factory.mktemp("run") / "lake"
    dumps = tmp_path_factory.mktemp("dumps")
    shutil.copytree(WORKED, dumps / "worked-example")
    summary = run([str(dumps)], lake=str(lake), config_path=str(PROPOSITIONS))
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
    models = runs["models"][0]
    assert [(m["stage"], m["name"]) for m in models] == [
        ("entities", "cased-minilm.v1"), ("claims", "attribution-minilm.v1"), ("claims", "stance-minilm.v1")]
    assert all(len(m["sha256"]) == 64 for m in models)
    assert {r["name"]: r["rows"] for r in runs["rows"][0]}["entities"] == entities.height


def claim_of(claims, speaker_key, cue_word):
    found = [c for c in claims.iter_rows(named=True) if c["speaker_key"] == speaker_key and cue_word in c["cue"]]
    assert len(found) == 1, (speaker_key, cue_word, claims.select("speaker_key", "cue").rows())
    return found[0]


def test_worked_example_claims(lake):
    text = scan("articles", lake).collect()["text"][0]
    claims = scan("claims", lake).collect()
    assert (claims["release"] == "base").all() and (claims["date"] == "2024-11-19").all()
    for part in ("speaker", "cue", "content", "via"):  # offsets are the truth: every copy matches the text
        for copy, start, end in zip(claims[part], claims[f"{part}_start"], claims[f"{part}_end"]):
            assert copy is None or text[start:end] == copy

    # Who said what, and their stance toward the article's subject (its title).
    expected = [
        ("volodymyr zelensky", "refrained from confirming", "person", "neutral"),
        ("rbc-ukraine", "reported", "media", "supports"),
        ("yuriy butusov", "mentioned", "person", "supports"),
        ("afu general staff", "did not confirm", "military", "neutral"),
        ("ministry of defense", "claimed", "government", "supports"),
        ("ministry of defense", "According to", "government", "supports"),
        ("new york times", "reported", "media", "supports"),
        ("matthew miller", "neither confirmed nor denied", "person", "neutral"),
        ("kremlin", "stated", "government", "neutral"),
    ]
    for speaker_key, cue, kind, stance in expected:
        claim = claim_of(claims, speaker_key, cue)
        assert (claim["speaker_kind"], claim["stance"]) == (kind, stance), claim

    rbc = claim_of(claims, "rbc-ukraine", "reported")
    assert (rbc["via"], rbc["via_key"]) == ("a defense source", "anonymous")
    assert rbc["content"] == "that the AFU used American long-range missiles to target sites in Russia"
    claimed = claim_of(claims, "ministry of defense", "claimed")
    assert claimed["speaker"] == "Russia's Ministry of Defense"
    assert claimed["content"] == (
        "that on the night of November 19, the AFU launched six ATACMS missiles at a facility in the Bryansk region")
    according = claim_of(claims, "ministry of defense", "According to")
    assert (according["speaker"], according["content"]) == ("the ministry", "five missiles were intercepted, while one was damaged")
    assert claim_of(claims, "new york times", "reported")["content"] == (
        "that U.S. President Joe Biden authorized Ukraine to conduct strikes on Russian territory using ATACMS missiles")
    assert claim_of(claims, "volodymyr zelensky", "refrained")["content"] == "the use of ATACMS"
    assert claim_of(claims, "matthew miller", "neither")["stance_rule"] == "cue:noncommittal"
    assert claim_of(claims, "kremlin", "stated")["stance_rule"] == "content:noncommittal"  # "if the U.S. indeed ..."
    lavrov = claims.filter(pl.col("speaker_key") == "sergey lavrov")
    assert "could not confirm" in lavrov["cue"].to_list()
    assert claim_of(claims, "sergey lavrov", "could not confirm")["stance"] == "neutral"


def test_worked_example_claims_against_propositions(lake):
    claims = scan("claims", lake).collect()
    stances = scan("claim_stances", lake).collect()
    assert stances.height == 2 * claims.height  # every claim x both propositions
    assert set(stances["claim_id"]) == set(claims["claim_id"])
    by_claim = {(row["claim_id"], row["proposition_id"]): row["stance"] for row in stances.iter_rows(named=True)}
    nyt = claim_of(claims, "new york times", "reported")["claim_id"]
    miller = claim_of(claims, "matthew miller", "neither")["claim_id"]
    ministry = claim_of(claims, "ministry of defense", "claimed")["claim_id"]
    assert by_claim[(nyt, "us-authorized-atacms")] == "supports"
    assert by_claim[(miller, "us-authorized-atacms")] == "neutral"
    assert by_claim[(ministry, "atacms-strike-on-russia")] == "supports"
