"""Loaders (FNC-1 CSVs, Emergent CSV, JSONL) on tiny inline files, and the headline-grouped dev split."""

import json

import pytest

from newslake.errors import NewslakeError
from newslake.models.stance.data import (
    StancePair,
    fnc_files,
    headline_key,
    headline_split,
    read_emergent,
    read_fnc,
    read_jsonl,
    read_pairs,
)

BODIES = 'Body ID,articleBody\n7,"Officials said, on Monday, that the ""crater"" was real.\n\nNobody was hurt."\n9,A cat.\n'
STANCES = "Headline,Body ID,Stance\nMeteorite hits Managua,7,agree\nMeteorite hits Managua,9,unrelated\nCat saves city,9,discuss\n"


def _fnc(folder, prefix="train_"):
    folder.mkdir(exist_ok=True)
    (folder / f"{prefix}bodies.csv").write_text(BODIES, encoding="utf-8")
    (folder / f"{prefix}stances.csv").write_text(STANCES, encoding="utf-8")
    return folder


def test_read_fnc_maps_labels_and_keeps_quoted_multiline_bodies(tmp_path):
    pairs = read_fnc(_fnc(tmp_path / "fnc"))
    assert [(p.target, p.label) for p in pairs] == [
        ("Meteorite hits Managua", "supports"), ("Meteorite hits Managua", "unrelated"), ("Cat saves city", "neutral")]
    assert pairs[0].text == 'Officials said, on Monday, that the "crater" was real.\n\nNobody was hurt.'
    assert pairs[0].source == "fnc1:train_stances.csv:2"


def test_fnc_files_takes_any_prefix_and_prefers_the_split_not_named_train(tmp_path):
    folder = _fnc(tmp_path / "fnc", prefix="competition_test_")
    assert [p.name for p in fnc_files(folder)] == ["competition_test_bodies.csv", "competition_test_stances.csv"]
    _fnc(folder, prefix="train_")
    assert fnc_files(folder)[1].name == "competition_test_stances.csv"
    assert fnc_files(folder / "train_stances.csv")[0].name == "train_bodies.csv"
    _fnc(folder, prefix="other_")
    with pytest.raises(NewslakeError) as error:
        fnc_files(folder)
    assert error.value.code == "E036"


def test_read_fnc_refuses_unknown_labels_and_bodies(tmp_path):
    folder = _fnc(tmp_path / "fnc")
    (folder / "train_stances.csv").write_text("Headline,Body ID,Stance\nA,7,maybe\n", encoding="utf-8")
    with pytest.raises(NewslakeError) as error:
        read_fnc(folder)
    assert error.value.code == "E035" and "train_stances.csv:2" in error.value.message
    (folder / "train_stances.csv").write_text("Headline,Body ID,Stance\nA,8,agree\n", encoding="utf-8")
    with pytest.raises(NewslakeError) as error:
        read_fnc(folder)
    assert error.value.code == "E036"


def test_read_emergent_maps_for_against_observing(tmp_path):
    path = tmp_path / "emergent.csv"
    path.write_text(",claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId\n"
                    "0,Claim A,Headline one,for,a1,c1\n1,Claim A,Headline two,against,a2,c1\n"
                    "2,Claim B,Headline three,observing,a3,c2\n", encoding="utf-8")
    assert [(p.target, p.text, p.label) for p in read_emergent(path)] == [
        ("Claim A", "Headline one", "supports"), ("Claim A", "Headline two", "refutes"),
        ("Claim B", "Headline three", "neutral")]
    assert read_pairs(path) == read_emergent(path)


def test_read_jsonl_accepts_every_vocabulary_and_skips_blank_lines(tmp_path):
    path = tmp_path / "pairs.jsonl"
    records = [{"target": "t1", "text": "x", "label": "agree"}, {"target": "t2", "text": "y", "label": "Against"},
               {"target": "t3", "text": "z", "label": "unrelated"}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    assert [p.label for p in read_jsonl(path)] == ["supports", "refutes", "unrelated"]
    assert read_pairs(path)[1] == StancePair("t2", "y", "refutes", "jsonl:pairs.jsonl:2")


def test_read_jsonl_refuses_records_without_fields(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text('{"target": "t", "text": "x"}\n', encoding="utf-8")
    with pytest.raises(NewslakeError) as error:
        read_jsonl(path)
    assert error.value.code == "E036" and "pairs.jsonl:1" in error.value.message


def test_headline_split_keeps_every_pair_of_a_headline_on_one_side():
    headlines = [f"Headline number {i}" for i in range(20)]
    pairs = [StancePair(h, f"body {b}", "unrelated") for h in headlines for b in range(3)]
    # The same headline with other case and punctuation is the same headline.
    pairs += [StancePair("HEADLINE number 4!", "body 9", "supports")]
    train, dev = headline_split(pairs, dev_fraction=0.15, seed=13)
    train_keys, dev_keys = {headline_key(p.target) for p in train}, {headline_key(p.target) for p in dev}
    assert train_keys.isdisjoint(dev_keys)
    assert len(dev_keys) == 3 and len(train) + len(dev) == len(pairs)
    assert sorted(train + dev, key=pairs.index) == pairs
    assert headline_split(pairs, dev_fraction=0.15, seed=13) == (train, dev)
