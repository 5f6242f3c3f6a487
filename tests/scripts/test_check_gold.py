"""scripts/check_gold.py: a version-2 events gold file checked against the annotation guidelines."""

import importlib.util
import json
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_gold.py"
_spec = importlib.util.spec_from_file_location("check_gold", SCRIPT)
check_gold = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_gold)

TEXT = "Ukrainian police detained 12 activists on Monday after a rally outside parliament."


def event(**changes):
    base = {"category": "COERCE", "cameo": "17", "cameo_code": "173", "mode": "arrest", "modality": "asserted",
            "event_type": "arrest_legal", "triggers": [{"start": 17, "end": 25, "text": "detained"}],
            "event_date": "2014-03-03", "date_precision": "day", "location": None,
            "actors": [{"role": "agent", "text": "Ukrainian police"}, {"role": "target", "text": "activists"}],
            "weapon": None, "quantities": [{"what": "activists", "action": "detained", "value": 12}]}
    return base | changes


def test_a_well_formed_event_has_no_problems():
    assert check_gold.event_problems(event()) == []


def test_each_broken_rule_is_named():
    assert check_gold.event_problems(event(category="FIGHT")) == [
        "category 'FIGHT' is none of " + ", ".join(check_gold.CAMEO_ROOTS)]
    assert check_gold.event_problems(event(cameo="18", cameo_code=None)) == ["cameo '18' is not a root of COERCE (17)"]
    assert check_gold.event_problems(event(cameo_code="1831")) == ["cameo_code '1831' is not a 3- or 4-digit CAMEO code under root '17'"]
    assert check_gold.event_problems(event(mode="aerial")) == [
        "mode 'aerial' is not a mode of COERCE (modes: " + ", ".join(check_gold.MODES["COERCE"]) + "; or null)"]
    assert check_gold.event_problems(event(modality="negated")) == ["modality 'negated' is none of asserted, denied, hypothetical, future"]
    assert check_gold.event_problems(event(actors=[{"role": "authorizer", "text": "Rada"}])) == [
        "actor 'Rada' has role 'authorizer'; use agent or target"]
    assert check_gold.event_problems(event(category="STATEMENT", cameo="01", cameo_code=None, mode="arrest", event_type=None)) == [
        "mode 'arrest' is not a mode of STATEMENT (modes: none; or null)"]


def test_a_file_lists_problems_by_line(tmp_path):
    rally = event(category="PROTEST", cameo="14", cameo_code=None, mode="demonstrate", event_type="protest",
                  triggers=[{"start": 57, "end": 62, "text": "rally"}, {"start": 17, "end": 25, "text": "detained"}])
    documents = [{"doc_id": "a", "published_at": "2014-03-03", "title": "t", "text": TEXT, "events": [event(), rally]}]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in documents))
    assert check_gold.file_problems(path) == [f"{path}:1: event 2: trigger 'detained' at 17 is also a trigger of event 1"]
    assert check_gold.main([str(path)]) == 1


def test_offsets_that_miss_their_text_come_from_the_reader(tmp_path):
    documents = [{"doc_id": "a", "published_at": None, "text": TEXT, "events": [event(triggers=[{"start": 0, "end": 8, "text": "detained"}])]}]
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(documents[0]) + "\n")
    [problem] = check_gold.file_problems(path)
    assert problem.startswith("E050:") and "trigger 'detained'" in problem
