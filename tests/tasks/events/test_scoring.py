"""Scoring the events stage against gold (`newslake eval events`): exact figures on small cases.

Most cases use a v1 gold event (only `event_type`) against v2 predicted rows: v1 gold is read
through the ontology's legacy mapping, so both formats meet in categories."""

import json
from datetime import date

import pytest

from newslake.errors import NewslakeError
from newslake.tasks.events.scoring import SLOTS, read_gold, reliability, score_events, score_gold_files

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
        "category": "ASSAULT", "cameo": "19", "cameo_code": "195", "mode": "aerial", "modality": "asserted",
        "trigger": "struck", "trigger_start": STRUCK, "trigger_end": STRUCK + 6,
        "mentions": [{"start": STRUCK, "end": STRUCK + 6}, {"start": LAUNCHED, "end": LAUNCHED + 8}],
        "event_date": date(2024, 11, 19), "date_precision": "day",
        "location": "Russia's Bryansk region",
        "actors": [{"role": "agent", "entity_key": "org:armed_forces_of_ukraine", "text": "Armed Forces of Ukraine"}],
        "weapon": "ATACMS", "weapon_class": "missile",
        "quantities": [{"what": "missiles", "action": "launched", "value": 6},
                       {"what": "missiles", "action": "intercepted", "value": 5}],
        "score": 0.9,
    }
    return {**row, **changes}


def predicted_protest():
    return {"category": "PROTEST", "cameo": "14", "modality": "asserted", "trigger_start": RALLIED, "trigger_end": RALLIED + 7,
            "mentions": [{"start": RALLIED, "end": RALLIED + 7}], "event_date": None, "date_precision": "unknown",
            "location": "Kyiv", "actors": [], "weapon": None, "quantities": [], "score": 0.3}


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


def test_a_wrong_category_matches_the_span_but_earns_nothing_else():
    result = score_events([article(gold_attack())], {"a1": [predicted_attack(category="COERCE", cameo="17", mode="arrest")]})
    assert slot(result, "trigger") == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "predicted": 1, "gold": 1,
                                       "correct": 1}
    assert slot(result, "category") == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "predicted": 1, "gold": 1,
                                        "correct": 0}
    assert result["cameo_root"] == {"accuracy": 0.0, "correct": 0, "n": 1}
    # The values are all right, but on a wrongly categorised pair they count as wrong and as missed.
    assert slot(result, "weapon") == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "predicted": 1, "gold": 1,
                                      "correct": 0}
    assert slot(result, "quantities")["predicted"] == slot(result, "quantities")["gold"] == 2
    assert slot(result, "quantities")["correct"] == 0


def test_an_extra_predicted_event_halves_trigger_precision():
    result = score_events([article(gold_attack())], {"a1": [predicted_attack(), predicted_protest()]})
    assert slot(result, "trigger") == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "predicted": 2, "gold": 1,
                                       "correct": 1}
    assert slot(result, "category")["precision"] == 0.5
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


def test_matching_pairs_as_many_events_as_overlap_allows():
    # The first row's mentions overlap both gold events; the second row overlaps only the strike. Taking the
    # strike for the first row, as document order would, leaves the second unmatched: two pairs exist.
    joined = predicted_attack(mentions=[{"start": STRUCK, "end": STRUCK + 6}, {"start": RALLIED, "end": RALLIED + 7}])
    launched = predicted_attack(trigger_start=LAUNCHED, trigger_end=LAUNCHED + 8,
                                mentions=[{"start": LAUNCHED, "end": LAUNCHED + 8}])
    rally = {"event_type": "protest", "triggers": [{"start": RALLIED, "end": RALLIED + 7, "text": "rallied"}],
             "event_date": None, "date_precision": "unknown", "location": "Kyiv", "actors": [], "weapon": None,
             "quantities": []}
    result = score_events([article(gold_attack(), rally)], {"a1": [joined, launched]})
    assert slot(result, "trigger") == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "predicted": 2, "gold": 2,
                                       "correct": 2}
    # Of one category, the strike is the only pair: whichever row takes it, one row and the rally stay unmatched.
    assert slot(result, "category")["correct"] == 1


def test_a_row_of_another_category_on_the_same_words_does_not_take_the_gold_event():
    # The trigger model read "struck" as a protest and "launched" as the attack: two rows of one gold event.
    misread = predicted_attack(category="PROTEST", cameo="14", mode=None,
                               mentions=[{"start": STRUCK, "end": STRUCK + 6}])
    launched = predicted_attack(trigger_start=LAUNCHED, trigger_end=LAUNCHED + 8,
                                mentions=[{"start": LAUNCHED, "end": LAUNCHED + 8}])
    result = score_events([article(gold_attack())], {"a1": [misread, launched]})
    assert slot(result, "trigger") == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "predicted": 2, "gold": 1,
                                       "correct": 1}
    assert slot(result, "category") == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "predicted": 2, "gold": 1,
                                        "correct": 1}
    # The slots are credited on the attack's pair; the trigger pair (the earlier row) keeps the CAMEO judgement.
    assert slot(result, "weapon")["correct"] == 1
    assert result["cameo_root"] == {"accuracy": 0.0, "correct": 0, "n": 1}


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


# --- format v2, v1 scope, per-category figures, calibration --------------------------------


def v2(event, **changes):
    """A v1 gold event written in format v2."""
    return {**event, "category": "ASSAULT", "cameo": "19", "mode": "aerial", "modality": "asserted",
            "event_type": event["event_type"], **changes}


def predicted_statement():
    said = TEXT.index("Later")  # any span away from the gold triggers
    return {"category": "STATEMENT", "cameo": "01", "modality": "asserted", "trigger_start": said,
            "trigger_end": said + 5, "mentions": [], "event_date": None, "date_precision": "unknown",
            "location": None, "actors": [], "weapon": None, "quantities": [], "score": 0.8}


def test_a_v1_file_ignores_a_statement_prediction_and_a_v2_file_counts_it():
    predicted = {"a1": [predicted_attack(), predicted_statement()]}
    v1_result = score_events([article(gold_attack())], predicted)
    assert slot(v1_result, "trigger") == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "predicted": 1, "gold": 1,
                                          "correct": 1}
    assert v1_result["n_predicted_events"] == 1
    assert v1_result["left_out"] == {"gold_events": 0, "predicted_events": 1}
    assert "STATEMENT" not in v1_result["per_category"]
    v2_result = score_events([article(v2(gold_attack()))], predicted)
    assert slot(v2_result, "trigger") == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "predicted": 2, "gold": 1,
                                          "correct": 1}
    assert v2_result["per_category"]["STATEMENT"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "predicted": 1,
                                                      "gold": 0, "correct": 0}


def test_pooled_files_keep_each_files_scope():
    v1_file = [article(gold_attack())]
    v2_file = [article(v2(gold_attack()), doc_id="b1")]
    predicted = {"a1": [predicted_attack(), predicted_statement()], "b1": [predicted_attack(), predicted_statement()]}
    result = score_gold_files([v1_file, v2_file], predicted)
    assert slot(result, "trigger") == {"precision": 0.6667, "recall": 1.0, "f1": 0.8, "predicted": 3, "gold": 2,
                                       "correct": 2}
    assert (result["n_docs"], result["n_gold_events"], result["left_out"]["predicted_events"]) == (2, 2, 1)


def test_a_v1_accident_is_no_event_and_v1_types_map_to_categories():
    accident = gold_attack(event_type="accident_disaster", triggers=[{"start": RALLIED, "end": RALLIED + 7,
                                                                      "text": "rallied"}])
    clash = gold_attack(event_type="armed_clash")
    result = score_events([article(clash, accident)], {"a1": [predicted_attack()]})
    assert (result["n_gold_events"], result["left_out"]) == (1, {"gold_events": 1, "predicted_events": 0})
    assert slot(result, "category")["correct"] == 1  # armed_clash is ASSAULT (19, mode fight)
    assert result["cameo_root"] == {"accuracy": 1.0, "correct": 1, "n": 1}
    assert result["modality"] == {"accuracy": None, "correct": 0, "n": 0}  # v1 recorded no modality


def test_per_category_counts_cameo_roots_and_modality():
    protest = {**gold_attack(), "event_type": None, "category": "PROTEST", "cameo": "14", "mode": "demonstrate",
               "modality": "asserted", "triggers": [{"start": RALLIED, "end": RALLIED + 7, "text": "rallied"}],
               "location": "Kyiv", "actors": [], "weapon": None, "quantities": [], "event_date": None,
               "date_precision": "unknown"}
    gold = [article(v2(gold_attack()), protest)]
    # The strike is found with a finer CAMEO code of its root but the wrong modality; the rally is
    # found as an ASSAULT; a statement is extra.
    predicted = {"a1": [predicted_attack(cameo="195", modality="denied"),
                        {**predicted_protest(), "category": "ASSAULT", "cameo": "18"}, predicted_statement()]}
    result = score_events(gold, predicted)
    assert result["per_category"] == {
        "STATEMENT": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "predicted": 1, "gold": 0, "correct": 0},
        "PROTEST": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "predicted": 0, "gold": 1, "correct": 0},
        "ASSAULT": {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "predicted": 2, "gold": 1, "correct": 1},
    }
    assert slot(result, "trigger") == {"precision": 0.6667, "recall": 1.0, "f1": 0.8, "predicted": 3, "gold": 2,
                                       "correct": 2}
    assert slot(result, "category")["correct"] == 1
    assert result["cameo_root"] == {"accuracy": 0.5, "correct": 1, "n": 2}  # "195" is root 19; "18" is not 14
    assert result["modality"] == {"accuracy": 0.5, "correct": 1, "n": 2}


def test_actor_roles_are_judged_on_actors_paired_by_name():
    gold = gold_attack(actors=[{"role": "agent", "text": "Armed Forces of Ukraine"},
                               {"role": "target", "text": "Russia"},
                               {"role": "authorizer", "text": "Joe Biden"}])
    row = predicted_attack(actors=[{"role": "agent", "entity_key": "org:afu", "text": "Armed Forces"},
                                   {"role": "agent", "entity_key": "gpe:russia", "text": "Russia"},
                                   {"role": "agent", "entity_key": "per:joe_biden", "text": "Biden"}])
    result = score_events([article(gold)], {"a1": [row]})
    # Biden pairs by name, but v1's authorizer is no agent/target decision.
    assert result["actor_roles"] == {"accuracy": 0.5, "correct": 1, "n": 2}
    assert slot(result, "actors")["correct"] == 1


def test_a_row_of_the_stage_before_categories_is_read_through_the_legacy_mapping():
    row = {key: value for key, value in predicted_attack().items() if key not in ("category", "cameo", "modality")}
    result = score_events([article(v2(gold_attack()))], {"a1": [{**row, "event_type": "armed_clash"}]})
    assert slot(result, "category")["correct"] == 1
    assert result["modality"] == {"accuracy": 1.0, "correct": 1, "n": 1}  # that stage kept asserted events only
    accident = score_events([article(v2(gold_attack()))], {"a1": [{**row, "event_type": "accident_disaster"}]})
    assert (accident["n_predicted_events"], accident["left_out"]["predicted_events"]) == (0, 1)


def test_reliability_bins_scores_against_the_share_right():
    table = reliability([(0.1, False), (0.15, True), (0.5, False), (0.9, True), (1.0, True)], bins=5)
    assert [(row["n"], row["correct"], row["precision"], row["mean_score"]) for row in table["bins"]] == [
        (2, 1, 0.5, 0.125), (0, 0, None, None), (1, 0, 0.0, 0.5), (0, 0, None, None), (2, 2, 1.0, 0.95)]
    # (2 * 0.375 + 1 * 0.5 + 2 * 0.05) / 5
    assert (table["n"], table["ece"]) == (5, 0.27)


def test_score_events_reports_the_reliability_of_its_predictions():
    result = score_events([article(gold_attack())], {"a1": [predicted_attack(), predicted_protest()]})
    bins = {(row["low"], row["high"]): (row["n"], row["correct"]) for row in result["reliability"]["bins"]}
    assert bins[(0.8, 1.0)] == (1, 1) and bins[(0.2, 0.4)] == (1, 0)


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"category": "ATTACK"}, "category 'ATTACK'"),
        ({"category": "ASSAULT", "modality": "maybe"}, "modality 'maybe'"),
        ({"event_type": "riot"}, "neither a category nor a v1 event_type"),
    ],
)
def test_read_gold_rejects_unknown_categories_and_types(tmp_path, changes, says):
    with pytest.raises(NewslakeError) as error:
        read_gold(write(tmp_path, article(gold_attack(**changes))))
    assert error.value.code == "E050" and says in error.value.message


def test_a_v1_file_leaves_out_a_prediction_no_v1_type_stood_for():
    endorsement = {**predicted_statement(), "category": "SUPPORT", "cameo": "05", "mode": None}
    authorization = {**predicted_statement(), "category": "SUPPORT", "cameo": "05", "mode": "approve"}
    result = score_events([article(gold_attack())], {"a1": [predicted_attack(), endorsement, authorization]})
    # The endorsement was no `authorization` in v1: left out; the authorization is judged (and wrong here).
    assert (result["n_predicted_events"], result["left_out"]["predicted_events"]) == (2, 1)
    assert result["per_category"]["SUPPORT"]["predicted"] == 1
