"""The PLOVER gold sentences: reading the markup with exact offsets, and scoring rows against it."""

import pytest

from newslake.errors import NewslakeError
from newslake.tasks.events.ontology import load_ontology, plover_category
from newslake.tasks.events.plover import PloverGold, parse_markup, read_plover, score_plover

ZAMBIA = ("(SRC: Zambia) (EVT: extradited) suspected (TAR: British militant Haroon Rashid Aswad) "
          "(LOC: (EVT: to) Britain) on Sunday, a senior Zambian government official said.")


def pieces(sentence, spans):
    return [sentence.text[start:end] for start, end in spans]


def test_markup_gives_the_sentence_and_exact_spans():
    sentence = parse_markup("z1", "COERCE", ZAMBIA)
    assert sentence.text == ("Zambia extradited suspected British militant Haroon Rashid Aswad to Britain on Sunday, "
                             "a senior Zambian government official said.")
    assert (sentence.triggers, sentence.sources, sentence.targets) == (((7, 17), (65, 67)), ((0, 6),), ((28, 64),))
    assert pieces(sentence, sentence.targets) == ["British militant Haroon Rashid Aswad"]


def test_src_tar_is_both_and_a_names_own_parentheses_stay_text():
    sentence = parse_markup("a1", "AGREE", "{Leaders of the (SRC: Azadliq (Freedom) opposition coalition) (EVT: agreed) "
                                           "with (SRC/TAR: Baku) (EVT: return ) home.}")
    assert sentence.text == "Leaders of the Azadliq (Freedom) opposition coalition agreed with Baku return  home."
    assert sentence.sources == ((15, 53), (66, 70)) and sentence.targets == ((66, 70),)
    assert pieces(sentence, sentence.sources) == ["Azadliq (Freedom) opposition coalition", "Baku"]
    assert pieces(sentence, sentence.triggers) == ["agreed", "return"]  # the blank inside the bracket is dropped


def test_a_stray_bracket_is_text_and_an_unclosed_tag_is_dropped():
    sentence = parse_markup("s1", "ASSAULT", "(SRC: Afghan rebels) have kidnapped 16 advisers) and (EVT: exploded bombs")
    assert sentence.text == "Afghan rebels have kidnapped 16 advisers) and exploded bombs"
    assert (sentence.sources, sentence.triggers) == (((0, 13),), ())


PLOVER_FILE = """[
{
    "id": "PLOVER-GSR01-DOCUMENT-0001",
    "event": "DOCUMENT",
    "eventText": "documents the file",
},
{
    "id": "PLOVER-GSR01-DEMAND-0001",
    "event": "DEMAND",
    "text": "Egypt urged Israel to withdraw.",
    "textInfo": {"markup": "(SRC: Egypt) (EVT: urged) (TAR: Israel) to withdraw."},
},
{
    "id": "PLOVER-GSR01-FIGHT-0001",
    "event": "FIGHT",
    "text": "Rebels shelled the town of Gorazde.",
    "textInfo": {"markup": "(SRC: Rebels) (EVT: shelled) the (TAR: town of Gorazde)."},
},
{
    "id": "PLOVER-GSR01-AGREE-0001",
    "event": "AGREE",
    "text": "No markup here."
},
]
"""


def write(tmp_path, content):
    path = tmp_path / "PLOVER_GSR_CAMEO.txt"
    path.write_text(content, encoding="utf-8")
    return path


def test_read_plover_maps_old_names_and_skips_the_document_record(tmp_path):
    gold = read_plover(write(tmp_path, PLOVER_FILE), load_ontology())
    assert [(s.id, s.category, s.text) for s in gold.sentences] == [
        ("PLOVER-GSR01-DEMAND-0001", "REQUEST", "Egypt urged Israel to withdraw."),
        ("PLOVER-GSR01-FIGHT-0001", "ASSAULT", "Rebels shelled the town of Gorazde."),
    ]
    assert gold.skipped == {"category DOCUMENT": 1, "no markup": 1}


@pytest.mark.parametrize(("content", "code"), [
    ("[{\"id\": \"x\"", "E050"),
    ("{\"id\": \"x\", \"event\": \"AGREE\"}", "E050"),
    ("[{\"id\": \"x\"}]", "E050"),
])  # fmt: skip
def test_read_plover_rejects_what_is_not_a_plover_file(tmp_path, content, code):
    with pytest.raises(NewslakeError) as error:
        read_plover(write(tmp_path, content), load_ontology())
    assert error.value.code == code
    with pytest.raises(NewslakeError) as error:
        read_plover(tmp_path / "missing.txt", load_ontology())
    assert error.value.code == "E010"


def row(category, start, end, score, actors=()):
    return {"category": category, "cameo": None, "trigger_start": start, "trigger_end": end,
            "mentions": [{"start": start, "end": end}], "score": score, "actors": list(actors)}


def test_scoring_ranks_events_on_a_gold_trigger_first_and_finds_actors_by_overlap():
    request = parse_markup("r1", "REQUEST", "(SRC: Egypt) (EVT: urged) (TAR: Israel) to withdraw.")
    shelling = parse_markup("f1", "ASSAULT", "(SRC: Rebels) (EVT: shelled) the (TAR: town of Gorazde).")
    agreement = parse_markup("a1", "AGREE", "(SRC/TAR: Israel) and (SRC/TAR: Jordan) (EVT: agreed).")
    gold = PloverGold([request, shelling, agreement], {"category DOCUMENT": 1})
    predicted = {
        # "urged" outranks the higher-scored "withdraw", which is on no gold trigger; the target has no
        # offsets (a row from before the argument model) and is placed by its name.
        "r1": [row("REQUEST", 6, 11, 0.4, [{"role": "agent", "text": "Egypt", "start": 0, "end": 5},
                                           {"role": "target", "entity_key": "gpe:israel", "text": "Israel"}]),
               row("ASSAULT", 22, 30, 0.9)],
        # The only event misses the trigger: it is the (wrong) answer, and its agent still finds the source.
        "f1": [row("PROTEST", 0, 6, 0.5, [{"role": "agent", "text": "Rebels", "start": 0, "end": 6}])],
    }
    result = score_plover(gold, predicted, load_ontology())
    assert result["category"] == {"accuracy": 0.3333, "correct": 1, "n": 3}
    assert result["sources"] == {"recall": 0.5, "found": 2, "gold": 4}
    assert result["targets"] == {"recall": 0.25, "found": 1, "gold": 4}
    assert (result["n_sentences"], result["no_event"], result["skipped"]) == (3, 1, {"category DOCUMENT": 1})
    assert result["per_category"] == {
        "AGREE": {"accuracy": 0.0, "correct": 0, "n": 1, "predicted": 0},
        "REQUEST": {"accuracy": 1.0, "correct": 1, "n": 1, "predicted": 1},
        "PROTEST": {"accuracy": None, "correct": 0, "n": 0, "predicted": 1},
        "ASSAULT": {"accuracy": 0.0, "correct": 0, "n": 1, "predicted": 0},
    }
    assert list(result["per_category"]) == ["AGREE", "REQUEST", "PROTEST", "ASSAULT"]


def test_a_v1_row_answers_through_the_legacy_mapping():
    shelling = parse_markup("f1", "ASSAULT", "(SRC: Rebels) (EVT: shelled) the (TAR: town of Gorazde).")
    old = {"event_type": "armed_clash", "trigger_start": 7, "trigger_end": 14, "mentions": [], "score": 0.2,
           "actors": [{"role": "agent", "entity_key": "org:rebels", "text": "rebels"},
                      {"role": "target", "entity_key": "loc:gorazde", "text": "Gorazde"}]}
    result = score_plover(PloverGold([shelling], {}), {"f1": [old]}, load_ontology())
    assert result["category"] == {"accuracy": 1.0, "correct": 1, "n": 1}
    assert (result["sources"]["found"], result["targets"]["found"]) == (1, 1)


def test_a_party_on_both_sides_is_found_by_an_actor_of_either_role():
    # SRC/TAR marks each party of a mutual act; the stage makes every party an agent (docs/event-annotation.md).
    talks = parse_markup("c1", "CONSULT", "(SRC/TAR: Chile) and (SRC/TAR: Peru) (EVT: met) (TAR: Bolivia).")
    predicted = {"c1": [row("CONSULT", 15, 18, 0.8, [{"role": "agent", "text": "Chile", "start": 0, "end": 5},
                                                     {"role": "target", "text": "Peru", "start": 10, "end": 14},
                                                     {"role": "agent", "text": "Bolivia", "start": 19, "end": 26}])]}
    result = score_plover(PloverGold([talks], {}), predicted, load_ontology())
    assert result["sources"] == {"recall": 1.0, "found": 2, "gold": 2}
    assert result["targets"] == {"recall": 0.6667, "found": 2, "gold": 3}


def test_a_future_act_answers_as_plover_codes_it():
    """PLOVER's manual codes a meeting told in the future tense as AGREE, an announced withdrawal as CONCEDE and an
    announced curfew as THREATEN; an asserted meeting stays CONSULT."""
    visit = parse_markup("v1", "AGREE", "(SRC: Fischer) (EVT: will visit) (TAR: Albania).")
    pullout = parse_markup("p1", "CONCEDE", "(SRC: Nigeria) (EVT: will withdraw) from (TAR: Chad).")
    curfew = parse_markup("c1", "THREATEN", "(SRC: Gbagbo) (EVT: will extend the curfew) in (TAR: Abidjan).")
    meeting = parse_markup("m1", "CONSULT", "(SRC: Kerry) (EVT: met) (TAR: Lavrov).")
    predicted = {"v1": [{**row("CONSULT", 8, 18, 0.8), "modality": "future"}],
                 "p1": [{**row("RETREAT", 8, 21, 0.8), "modality": "future"}],
                 "c1": [{**row("COERCE", 7, 30, 0.8), "modality": "future", "mode": "curfew"}],
                 "m1": [{**row("CONSULT", 6, 9, 0.8), "modality": "asserted"}]}
    result = score_plover(PloverGold([visit, pullout, curfew, meeting], {}), predicted, load_ontology())
    assert result["category"] == {"accuracy": 1.0, "correct": 4, "n": 4}
    assert {name: counts["predicted"] for name, counts in result["per_category"].items()} == {
        "AGREE": 1, "CONSULT": 1, "CONCEDE": 1, "THREATEN": 1}


def test_plover_category_follows_the_manual_for_future_acts_only():
    assert [plover_category(category, modality, mode) for category, modality, mode in [
        ("CONSULT", "future", None), ("AID", "future", None), ("SUPPORT", "future", None),
        ("COOPERATE", "future", None), ("CONCEDE", "future", None), ("RETREAT", "future", "withdraw"),
        ("COERCE", "future", "arrest"), ("ASSAULT", "future", None), ("PROTEST", "future", "boycott"),
        ("PROTEST", "future", "demonstrate"), ("SANCTION", "future", None),
        ("CONSULT", "hypothetical", None), ("COERCE", "hypothetical", "curfew"), ("RETREAT", "asserted", None),
        ("AID", "asserted", None)]] == [
        "AGREE", "AGREE", "AGREE", "AGREE", "CONCEDE", "CONCEDE",
        "THREATEN", "THREATEN", "THREATEN",
        "PROTEST", "SANCTION",
        "CONSULT", "COERCE", "RETREAT",
        "AID"]
