"""Scoring the events stage against gold (`newslake eval events`): exact figures on small cases."""

import json
from datetime import date

import pytest

from newslake.errors import NewslakeError
from newslake.tasks.events.scoring import SLOTS, read_gold, score_events

TEXT = ("On the night of November 19, the Armed Forces of Ukraine struck a facility in Russia's Bryansk region "
        "with ATACMS missiles. The AFU launched six missiles; five missiles were intercepted. "
        "Later, thousands rallied in Kyiv.")
STRUCK, LAUNCHED, RALLIED = TEXT.index("struck"), TEXT.index("launched"), TEXT.index("rallied")


def gold_attack(**changes):
    event = {
        "event_type": "attack",
        "triggers": [{"start": STRUCK, "end": STRUCK + 6, "text": "struck"},
                     {"start": LAUNCHED, "end": LAUNCHED + 8, "text": "launched"}],
        "event_date": "2024-11-19", "date_precision": "day",
        "location": "Russia's Bryansk region",
        "actors": [{"role": "agent", "text": "Armed Forces of Ukraine"}],
        "weapon": "ATACMS",
        "quantities": [{"what": "missiles", "action": "launched", "value": 6},
                       {"what": "missiles", "action": "intercepted", "value": 5}],
    }
    return {**event, **changes}


def predicted_attack(**changes):
    row = {
        "event_type": "attack", "trigger_start": STRUCK, "trigger_end": STRUCK + 6,
        "mentions": [{"start": STRUCK, "end": STRUCK + 6}, {"start": LAUNCHED, "end": LAUNCHED + 8}],
        "event_date": date(2024, 11, 19), "date_precision": "day",
        "location": "Russia's Bryansk region",
        "actors": [{"role": "agent", "entity_key": "org:armed_forces_of_ukraine", "text": "Armed Forces of Ukraine"}],
        "weapon": "ATACMS",
        "quantities": [{"what": "missiles", "action": "launched", "value": 6},
                       {"what": "missiles", "action": "intercepted", "value": 5}],
    }
    return {**row, **changes}


def predicted_protest():
    return {"event_type": "protest", "trigger_start": RALLIED, "trigger_end": RALLIED + 7,
            "mentions": [{"start": RALLIED, "end": RALLIED + 7}], "event_date": None, "date_precision": "unknown",
            "location": "Kyiv", "actors": [], "weapon": None, "quantities": []}


def article(*events, doc_id="a1"):
    return {"doc_id": doc_id, "source": "example.com", "published_at": "2024-11-19", "title": "t", "text": TEXT,
            "events": list(events)}


def slot(result, name):
    return {key: result["slots"][name][key] for key in ("precision", "recall", "f1", "predicted", "gold", "correct")}


def test_a_perfect_prediction_scores_one_everywhere():
    result = score_events([article(gold_attack())], {"a1": [predicted_attack()]})
    assert list(result["slots"]) == list(SLOTS)
    assert all(scores["precision"] == scores["recall"] == scores["f1"] == 1.0 for scores in result["slots"].values())
    assert slot(result, "quantities") == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "predicted": 2, "gold": 2,
                                          "correct": 2}
    assert (result["n_docs"], result["n_gold_events"], result["n_predicted_events"]) == (1, 1, 1)


def test_a_wrong_type_matches_the_span_but_earns_nothing_else():
    result = score_events([article(gold_attack())], {"a1": [predicted_attack(event_type="armed_clash")]})
    assert slot(result, "trigger") == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "predicted": 1, "gold": 1,
                                       "correct": 1}
    assert slot(result, "event_type") == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "predicted": 1, "gold": 1,
                                          "correct": 0}
    # The values are all right, but on a wrongly typed pair they count as wrong and as missed.
    assert slot(result, "weapon") == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "predicted": 1, "gold": 1,
                                      "correct": 0}
    assert slot(result, "quantities")["predicted"] == slot(result, "quantities")["gold"] == 2
    assert slot(result, "quantities")["correct"] == 0


def test_an_extra_predicted_event_halves_trigger_precision():
    result = score_events([article(gold_attack())], {"a1": [predicted_attack(), predicted_protest()]})
    assert slot(result, "trigger") == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "predicted": 2, "gold": 1,
                                       "correct": 1}
    assert slot(result, "event_type")["precision"] == 0.5
    # The extra event's location is a wrong value; its unknown date and empty slots are no values.
    assert slot(result, "location") == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "predicted": 2, "gold": 1,
                                        "correct": 1}
    assert slot(result, "event_date") == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "predicted": 1, "gold": 1,
                                          "correct": 1}
    assert result["n_predicted_events"] == 2


def test_a_secondary_mention_is_enough_to_match_and_matching_is_one_to_one():
    # Both rows overlap the one gold event; the earlier one takes it, the other is unmatched.
    second = predicted_attack(trigger_start=LAUNCHED, trigger_end=LAUNCHED + 8,
                              mentions=[{"start": LAUNCHED, "end": LAUNCHED + 8}])
    result = score_events([article(gold_attack())], {"a1": [second, predicted_attack()]})
    assert slot(result, "trigger") == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "predicted": 2, "gold": 1,
                                       "correct": 1}


def test_unmatched_gold_events_and_missing_documents_lower_recall():
    gold = [article(gold_attack()), article(gold_attack(), doc_id="a2")]
    result = score_events(gold, {"a1": [predicted_attack()], "elsewhere": [predicted_protest()]})
    assert slot(result, "trigger") == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "predicted": 1, "gold": 2,
                                       "correct": 1}
    assert slot(result, "actors") == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "predicted": 1, "gold": 2,
                                      "correct": 1}
    assert result["n_predicted_events"] == 1  # "elsewhere" is not in the gold file


@pytest.mark.parametrize(
    ("predicted", "correct"),
    [
        ("Bryansk region", 1),
        ("the Bryansk Region", 1),
        ("Russia’s Bryansk region", 1),
        ("RUSSIA", 1),
        ("Kursk region", 0),
    ],
)
def test_locations_match_by_containment(predicted, correct):
    result = score_events([article(gold_attack())], {"a1": [predicted_attack(location=predicted)]})
    assert slot(result, "location")["correct"] == correct


def test_actors_match_by_role_and_containment_one_to_one():
    gold = gold_attack(actors=[{"role": "agent", "text": "Armed Forces of Ukraine"},
                               {"role": "target", "text": "Ukraine"}])
    row = predicted_attack(actors=[{"role": "target", "entity_key": "gpe:ukraine", "text": "ukraine"},
                                   {"role": "agent", "entity_key": "org:afu", "text": "Armed Forces"}])
    assert slot(score_events([article(gold)], {"a1": [row]}), "actors")["correct"] == 2
    # A greedy pairing would give "Ukraine" the first gold name and leave "Armed Forces" unpaired.
    gold = gold_attack(actors=[{"role": "agent", "text": "Armed Forces of Ukraine"},
                               {"role": "agent", "text": "Ukraine"}])
    row = predicted_attack(actors=[{"role": "agent", "entity_key": "gpe:ukraine", "text": "Ukraine"},
                                   {"role": "agent", "entity_key": "org:afu", "text": "Armed Forces"}])
    assert slot(score_events([article(gold)], {"a1": [row]}), "actors")["correct"] == 2
    wrong_role = predicted_attack(actors=[{"role": "target", "entity_key": "org:afu", "text": "Armed Forces of Ukraine"}])
    assert slot(score_events([article(gold_attack())], {"a1": [wrong_role]}), "actors")["correct"] == 0


def test_two_identical_predicted_quantities_earn_one_gold_value():
    gold = gold_attack(quantities=[{"what": "missiles", "action": "launched", "value": 6}])
    row = predicted_attack(quantities=[{"what": "missiles", "action": "launched", "value": 6},
                                       {"what": "ATACMS", "action": "launched", "value": 6}])
    assert slot(score_events([article(gold)], {"a1": [row]}), "quantities") == {
        "precision": 0.5, "recall": 1.0, "f1": 0.6667, "predicted": 2, "gold": 1, "correct": 1}


def test_dates_need_the_same_precision_and_unknown_is_no_value():
    month = predicted_attack(date_precision="month")
    assert slot(score_events([article(gold_attack())], {"a1": [month]}), "event_date")["correct"] == 0
    unknown = predicted_attack(event_date=None, date_precision="unknown")
    assert slot(score_events([article(gold_attack())], {"a1": [unknown]}), "event_date") == {
        "precision": 0.0, "recall": 0.0, "f1": 0.0, "predicted": 0, "gold": 1, "correct": 0}


def test_weapons_compare_case_blind():
    row = predicted_attack(weapon="atacms")
    assert slot(score_events([article(gold_attack())], {"a1": [row]}), "weapon")["correct"] == 1


def write(tmp_path, *records):
    path = tmp_path / "gold.jsonl"
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


def test_read_gold_reads_the_articles_in_order(tmp_path):
    gold = read_gold(write(tmp_path, article(gold_attack()), "", article(doc_id="a2")))
    assert [document["doc_id"] for document in gold] == ["a1", "a2"]
    assert score_events(gold, {"a1": [predicted_attack()]})["slots"]["event_date"]["correct"] == 1


def test_read_gold_rejects_offsets_that_miss_the_trigger_text(tmp_path):
    shifted = gold_attack(triggers=[{"start": STRUCK + 1, "end": STRUCK + 7, "text": "struck"}])
    with pytest.raises(NewslakeError) as error:
        read_gold(write(tmp_path, article(doc_id="a0"), article(shifted)))
    assert error.value.code == "E050"
    assert "gold.jsonl:2" in error.value.message and "'truck '" in error.value.message


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("{not json", "is not JSON"),
        (json.dumps({k: v for k, v in article().items() if k != "text"}), "lacks text"),
        (json.dumps(article({k: v for k, v in gold_attack().items() if k != "weapon"})), "lacks weapon"),
        (json.dumps(article(gold_attack(triggers=[{"start": 0, "end": 9999, "text": "x"}]))), "out of range"),
        (json.dumps(article(gold_attack(event_date="19 November 2024"))), "YYYY-MM-DD"),
    ],
)
def test_read_gold_rejects_malformed_lines(tmp_path, line, says):
    with pytest.raises(NewslakeError) as error:
        read_gold(write(tmp_path, line))
    assert error.value.code == "E050"
    assert "gold.jsonl:1" in error.value.message and says in error.value.message
