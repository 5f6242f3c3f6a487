"""scripts/event_agreement.py: two annotators' events gold files compared on the articles both hold."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "event_agreement.py"
_spec = importlib.util.spec_from_file_location("event_agreement", SCRIPT)
event_agreement = importlib.util.module_from_spec(_spec)
sys.modules["event_agreement"] = event_agreement  # dataclasses look their module up there
_spec.loader.exec_module(event_agreement)

TEXT = ("Police detained two activists in Kyiv on Monday. The EU condemned the arrests and threatened "
        "sanctions. Protesters rallied in Lviv.")


def event(category, triggers, actors=(), location=None, modality="asserted"):
    spans = []
    for word in triggers:
        start = TEXT.index(word)
        spans.append({"start": start, "end": start + len(word), "text": word})
    return {"category": category, "cameo": None, "mode": None, "modality": modality, "event_type": None,
            "triggers": spans, "event_date": None, "date_precision": "unknown", "location": location,
            "actors": [{"role": role, "text": name} for role, name in actors], "weapon": None, "quantities": []}


def article(doc_id, events):
    return {"doc_id": doc_id, "source": None, "published_at": "2014-03-03", "title": "t", "text": TEXT, "events": events}


REFERENCE = [
    article("kyiv", [
        event("COERCE", ["detained", "arrests"], [("agent", "Police"), ("target", "activists")], "Kyiv"),
        event("ACCUSE", ["condemned"], [("agent", "EU")]),
        event("THREATEN", ["threatened"], [("agent", "EU")]),
        event("PROTEST", ["rallied"], [("agent", "Protesters")], "Lviv"),
    ]),
    article("only-in-reference", [event("PROTEST", ["rallied"])]),
]
OTHER = [
    article("only-in-other", [event("PROTEST", ["rallied"])]),
    article("kyiv", [
        # one trigger of two, names that contain the reference's, the modality wrong
        event("COERCE", ["detained"], [("agent", "police"), ("target", "two activists")], "the Kyiv", modality="denied"),
        # same trigger, another category, the agent given as target, a location the reference lacks
        event("REJECT", ["condemned"], [("target", "The EU")], "Brussels"),
        # a trigger the reference has not annotated
        event("SANCTION", ["sanctions"], [("agent", "EU")]),
    ]),
]


def test_agreement_on_shared_articles():
    result = event_agreement.agreement(REFERENCE, OTHER)
    assert (result.articles, result.reference_events, result.other_events, result.matched_events) == (1, 4, 3, 2)
    assert result.event_precision == pytest.approx(2 / 3)
    assert result.event_recall == pytest.approx(0.5)
    assert result.event_f1 == pytest.approx(4 / 7)
    assert result.trigger_f1 == pytest.approx(0.5)  # 2 of 3 spans found, 2 of 5 recalled
    assert result.category_agreement == 0.5
    assert result.category_kappa == pytest.approx(1 / 3)  # p_o 0.5, p_e 0.25
    assert result.modality_agreement == 0.5
    assert result.modality_kappa == pytest.approx(0.0)  # the reference says asserted throughout
    assert result.actor_f1 == pytest.approx(2 / 3)
    assert result.location_agreement == 0.5


def test_identical_files_agree_fully():
    result = event_agreement.agreement(REFERENCE, REFERENCE)
    assert (result.event_f1, result.trigger_f1, result.category_kappa, result.actor_f1, result.location_agreement) == (1, 1, 1, 1, 1)
    assert result.modality_kappa == 1.0  # a single label on both sides


def test_matching_is_one_to_one_in_document_order():
    reference = [event("ACCUSE", ["condemned"]), event("COERCE", ["arrests"])]
    other = [event("ACCUSE", ["condemned the arrests"])]  # overlaps both; takes the earlier
    assert [(a["category"], b["category"]) for a, b in event_agreement.match_events(reference, other)] == [("ACCUSE", "ACCUSE")]


def test_files_without_a_shared_article_are_refused():
    with pytest.raises(ValueError, match="share no doc_id"):
        event_agreement.agreement(REFERENCE[1:], OTHER[:1])


def test_command_line_prints_json(tmp_path, capsys):
    paths = []
    for name, documents in (("a.jsonl", REFERENCE), ("b.jsonl", OTHER)):
        path = tmp_path / name
        path.write_text("".join(json.dumps(document) + "\n" for document in documents))
        paths.append(str(path))
    assert event_agreement.main([*paths, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["matched_events"] == 2 and figures["location_agreement"] == 0.5
