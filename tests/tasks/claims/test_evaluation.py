"""`newslake eval claims`: the gold reader, cue matching and every figure, on a hand-made gold/prediction pair."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newslake.cli import app
from newslake.errors import NewslakeError
from newslake.tasks.claims import evaluation
from newslake.tasks.claims.evaluation import read_claims_gold, score_claims

ROOT = Path(__file__).resolve().parents[3]
runner = CliRunner()

TITLE = "Kremlin denies talks with Kyiv"
TEXT = ('The ministry said on Monday that two drones were shot down, citing air defence data. '
        '"We will respond," Peskov told Interfax. Police declined to comment.')


def span(piece, text=TEXT):
    start = text.index(piece)
    return {"start": start, "end": start + len(piece), "text": piece}


def gold_claim(speaker, cue, content, via, quote_type, stance, in_title=False):
    text = TITLE if in_title else TEXT
    pick = lambda piece: span(piece, text) if piece is not None else None  # noqa: E731
    return {"speaker": pick(speaker), "cue": pick(cue), "content": pick(content), "via": pick(via),
            "quote_type": quote_type, "stance": stance, "in_title": in_title}


GOLD = [{
    "doc_id": "a1", "source": "wire", "published_at": "2024-03-04", "title": TITLE, "text": TEXT,
    "claims": [
        gold_claim("The ministry", "said", "two drones were shot down", "air defence data", "indirect", "supports"),
        gold_claim("Peskov", "told", "We will respond", "Interfax", "direct", "neutral"),
        gold_claim("Police", "declined to comment", None, None, None, "neutral"),
        gold_claim("Kremlin", "denies", "talks with Kyiv", None, "indirect", "refutes", in_title=True),
    ],
}]


def row(cue, speaker=None, content=None, via=None, quote_type=None, stance="neutral", in_title=False, article="a1",
        cue_at=None):
    text = TITLE if in_title else TEXT
    found = {"cue": cue_at or span(cue, text)}
    for role, piece in (("speaker", speaker), ("content", content), ("via", via)):
        found[role] = span(piece, text) if piece is not None else None
    columns = {"article_id": article, "quote_type": quote_type, "stance": stance, "in_title": in_title}
    for role, place in found.items():
        columns[f"{role}_start"] = place["start"] if place else None
        columns[f"{role}_end"] = place["end"] if place else None
    return columns


SAID = span("said")
PREDICTED = [
    # cue exact, speaker overlapping, content run long (through "citing ..."), via missed, quote type wrong
    row("said", speaker="ministry", content="two drones were shot down, citing air defence data",
        quote_type="mixed", stance="supports"),
    # the cue overlaps "told" only in part; no speaker; stance wrong
    row("Peskov told", content="We will respond", via="Interfax", quote_type="direct", stance="supports"),
    # a cue no gold cue overlaps, with a via of its own: a false claim and a false via
    row("on Monday", via="air defence data"),
    # overlaps the gold "said" by 3 characters against the first row's 4: one-to-one leaves it unmatched
    row("aid", cue_at={"start": SAID["start"] + 1, "end": SAID["end"]}, stance="unrelated"),
    row("denies", speaker="Kremlin", content="talks with Kyiv", quote_type="indirect", stance="refutes", in_title=True),
    row("said", article="not-in-gold"),  # an article the gold file does not hold: ignored
]


def test_every_figure_on_a_hand_made_pair():
    scores = score_claims(GOLD, PREDICTED)
    assert scores["n_docs"] == 1
    assert scores["claims"] == {"precision": 0.6, "recall": 0.75, "f1": 0.6667, "predicted": 5, "gold": 4, "matched": 3}
    assert scores["body_claims"] == {"precision": 0.5, "recall": 0.6667, "f1": 0.5714, "predicted": 4, "gold": 3,
                                     "matched": 2}
    assert scores["title_claims"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "predicted": 1, "gold": 1, "matched": 1}
    assert scores["speaker"] == {"accuracy": 0.6667, "correct": 2, "n": 3}  # Peskov's claim has no predicted speaker
    assert scores["cue_exact"] == {"accuracy": 0.6667, "correct": 2, "n": 3}  # "Peskov told" is not "told"
    # contents all overlap; the ministry's predicted 50 characters hold the gold 25: character F1 2*25/75
    assert scores["content"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "predicted": 3, "gold": 3,
                                 "overlapping_predicted": 3, "overlapping_gold": 3,
                                 "mean_span_f1": round((2 * 25 / 75 + 1 + 1) / 3, 4)}
    assert scores["content"]["mean_span_f1"] == 0.8889
    # gold vias: air defence data (missed), Interfax (found); predicted: Interfax, air defence data on a false claim
    assert scores["via"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "predicted": 2, "gold": 2, "correct": 1}
    assert scores["quote_type"] == {"accuracy": 0.6667, "correct": 2, "n": 3}  # the declined comment has no content
    assert scores["stance"]["accuracy"] == 0.6667 and scores["stance"]["n"] == 3
    assert scores["stance"]["confusion"]["neutral"] == {"supports": 1, "refutes": 0, "neutral": 0, "unrelated": 0}
    assert scores["stance"]["confusion"]["refutes"]["refutes"] == 1


def test_nothing_predicted_scores_zero_recall_and_no_precision():
    scores = score_claims(GOLD, [])
    assert scores["claims"] == {"precision": None, "recall": 0.0, "f1": None, "predicted": 0, "gold": 4, "matched": 0}
    assert scores["via"]["recall"] == 0.0 and scores["speaker"]["n"] == 0 and scores["stance"]["accuracy"] is None


def test_title_and_body_claims_never_match_each_other():
    # a body cue at the offsets of the title's "denies" (8-14) does not match it: it is "istry " of the body
    body_row = row("denies", cue_at={"start": 8, "end": 14}, in_title=False)
    scores = score_claims(GOLD, [body_row])
    assert scores["title_claims"]["matched"] == 0 and scores["title_claims"]["predicted"] == 0
    assert scores["body_claims"]["predicted"] == 1


def write(tmp_path, documents):
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in documents), encoding="utf-8")
    return path


def test_the_reader_returns_the_articles_as_written(tmp_path):
    assert read_claims_gold(write(tmp_path, GOLD)) == GOLD


def broken(change):
    document = json.loads(json.dumps(GOLD[0]))
    change(document)
    return document


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["claims"][0]["cue"].update(start=0), "the cue of claim 1 'said' is at 0-"),
    (lambda d: d["claims"][3]["cue"].update(start=40, end=46), "offsets out of range"),
    (lambda d: d["claims"][1].update(stance="agrees"), "stance 'agrees'"),
    (lambda d: d["claims"][1].update(quote_type="quoted"), "quote_type 'quoted'"),
    (lambda d: d["claims"][2].update(quote_type="direct"), "null without one"),
    (lambda d: d["claims"][0].pop("via"), "claim 1 lacks via"),
    (lambda d: d["claims"][0].update(cue=None), "has no cue"),
    (lambda d: d.update(title=None), "the article has no title"),
    (lambda d: d.update(published_at="4 March"), "is not a date"),
    (lambda d: d.pop("claims"), "the article lacks claims"),
])  # fmt: skip
def test_a_malformed_gold_file_is_e052_naming_the_line(tmp_path, change, message):
    third = broken(lambda d: (d.update(doc_id="a3"), change(d)))
    path = write(tmp_path, [GOLD[0], broken(lambda d: d.update(doc_id="a2")), third])
    with pytest.raises(NewslakeError, match=r"E052: .*gold.jsonl:3: ") as error:
        read_claims_gold(path)
    assert message in str(error.value)


def test_a_repeated_article_is_e052(tmp_path):
    with pytest.raises(NewslakeError, match=r"E052: .*gold.jsonl:2: doc_id 'a1' repeats"):
        read_claims_gold(write(tmp_path, [GOLD[0], GOLD[0]]))


def test_the_test_set_reads_and_has_its_counts():
    gold = read_claims_gold(ROOT / "data" / "gold" / "claims-test.jsonl")
    claims = [claim for document in gold for claim in document["claims"]]
    assert (len(gold), len(claims)) == (28, 238)
    assert sum(c["via"] is not None for c in claims) == 26 and sum(c["in_title"] for c in claims) == 20


@pytest.mark.parametrize(("content", "code"), [(None, "E010"), ("not json\n", "E052")])
def test_the_command_fails_in_one_line_on_a_bad_file(tmp_path, content, code):
    path = tmp_path / "gold.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["eval", "claims", "--data", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{code}: ") and len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_the_command_prints_tables_or_json(tmp_path, monkeypatch):
    path = write(tmp_path, GOLD)
    figures = {**score_claims(GOLD, PREDICTED), "data": str(path), "entity_model": "m", "claim_models": []}
    monkeypatch.setattr(evaluation, "evaluate_claims", lambda data, config: figures)  # the models are not the point here
    result = runner.invoke(app, ["eval", "claims", "--data", str(path)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "1 articles, 4 gold and 5 predicted claims" in result.stdout
    assert "via (over all claims)" in result.stdout and "speaker (spans overlap, or both absent)" in result.stdout
    result = runner.invoke(app, ["eval", "claims", "--data", str(path), "--json"])
    assert json.loads(result.stdout)["claims"]["f1"] == 0.6667
