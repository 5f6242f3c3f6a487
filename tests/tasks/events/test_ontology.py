"""The event ontology in configs/event_categories.yaml: categories, CAMEO codes, modes, legacy types."""

from importlib.resources import files
from pathlib import Path

import pytest
import yaml

from newslake.errors import NewslakeError
from newslake.tasks.events.ontology import load_ontology

ONTOLOGY = load_ontology()
PLOVER = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
          "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "CONCEDE"]


def test_the_sixteen_plover_categories_and_statement():
    assert sorted(ONTOLOGY.categories) == sorted(PLOVER + ["STATEMENT"])
    assert sorted(name for name, c in ONTOLOGY.categories.items() if c.plover) == sorted(PLOVER)
    statement = ONTOLOGY.categories["STATEMENT"]
    assert (statement.cameo_roots, statement.default_cameo, statement.modes) == (("01",), "01", {})
    assert ONTOLOGY.categories["ASSAULT"].cameo_roots == ("18", "19", "20")
    assert ONTOLOGY.categories["ASSAULT"].default_cameo == "19"
    assert ONTOLOGY.categories["REQUEST"].cameo_roots == ("02", "10")


def test_every_cameo_root_has_its_category():
    roots = {f"{root:02d}": ONTOLOGY.category_of_cameo(f"{root:02d}") for root in range(1, 21)}
    assert roots == {
        "01": "STATEMENT", "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE",
        "07": "AID", "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT",
        "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
        "19": "ASSAULT", "20": "ASSAULT",
    }
    # A category's default root is one of its own.
    assert all(ONTOLOGY.category_of_cameo(c.default_cameo) in (c.name, "CONCEDE") for c in ONTOLOGY.categories.values())


def test_finer_codes_that_move_to_another_category():
    codes = ["173", "1712", "1711", "163", "1623", "175", "191", "192", "193", "084", "0841", "0871", "0813", "081",
             "083", "201"]
    assert {code: ONTOLOGY.category_of_cameo(code) for code in codes} == {
        "173": "COERCE",  # arrest, detain
        "1712": "ASSAULT",  # destroy property
        "1711": "COERCE",  # confiscate property: its root's
        "163": "COERCE",  # embargo, sanctions
        "1623": "SANCTION",  # stop humanitarian assistance: its root's
        "175": "ASSAULT",  # violent repression
        "191": "COERCE",  # blockade
        "192": "COERCE",  # occupy territory
        "193": "ASSAULT",  # small arms
        "084": "RETREAT", "0841": "RETREAT", "0871": "RETREAT", "0813": "RETREAT",  # release, ceasefire, ease curfew
        "081": "CONCEDE", "083": "CONCEDE",
        "201": "ASSAULT",
    }


def test_what_is_no_cameo_code_has_no_category():
    assert [ONTOLOGY.category_of_cameo(code) for code in ["21", "00", "1", "19a", "", "12345"]] == [None] * 6


def test_every_legacy_type_maps_and_maps_back():
    mapped = {name: ONTOLOGY.legacy_category(name) for name in ONTOLOGY.legacy}
    assert mapped == {
        "attack": ("ASSAULT", "19", None),
        "armed_clash": ("ASSAULT", "19", "fight"),
        "authorization": ("SUPPORT", "05", "approve"),
        "diplomatic_meeting": ("CONSULT", "04", None),
        "sanction": ("SANCTION", "16", None),
        "arrest_legal": ("COERCE", "17", "arrest"),
        "protest": ("PROTEST", "14", None),
        "humanitarian_aid": ("AID", "07", None),
        "casualty_report": ("ASSAULT", "18", None),
        "accident_disaster": None,
    }
    # Every type but the casualty report reads back as itself: casualties are the attack's effects today.
    assert {name: ONTOLOGY.legacy_type(*target) for name, target in mapped.items() if target} == {
        name: "attack" if name == "casualty_report" else name for name, target in mapped.items() if target
    }


def test_legacy_type_of_events_of_today():
    assert ONTOLOGY.legacy_type("ASSAULT", "19", "drone") == "attack"  # a mode no v1 type names: the one without
    assert ONTOLOGY.legacy_type("ASSAULT", None, "fight") == "armed_clash"  # no root: the category's default, 19
    assert ONTOLOGY.legacy_type("ASSAULT", "193", None) == "attack"  # a finer code counts by its root
    assert ONTOLOGY.legacy_type("COERCE", "17", "curfew") is None  # v1 had arrests, not curfews
    assert ONTOLOGY.legacy_type("SUPPORT", "05", None) is None  # praise is no authorization
    assert ONTOLOGY.legacy_type("STATEMENT", "01", None) is None
    assert ONTOLOGY.legacy_type("ASSAULT", "20", "massacre") == "attack"  # no v1 type at 20: the default root's
    assert ONTOLOGY.legacy_type("ASSAULT", "18", "explosives") == "attack"  # a bombing, not a casualty report


def test_an_unknown_legacy_type_is_not_taken_for_a_dropped_one():
    with pytest.raises(KeyError, match="bombing"):
        ONTOLOGY.legacy_category("bombing")


@pytest.mark.parametrize(("category", "sentence", "mode"), [
    ("ASSAULT", "a drone struck the depot", "drone"),
    ("ASSAULT", "A Shahed DRONE hit an apartment block in Odesa overnight.", "drone"),
    ("ASSAULT", "Russian warplanes bombed the market in Idlib.", "aerial"),
    ("ASSAULT", "The AFU struck a military facility in the Bryansk region with ATACMS missiles.", "heavy-weapons"),
    ("ASSAULT", "A suicide bomber blew himself up at a checkpoint in Kabul.", "suicide-attack"),
    ("ASSAULT", "Police fired rubber bullets and tear\ngas at the crowd.", "crowd-control"),
    ("ASSAULT", "Gunmen kidnapped 20 students from a school in Kaduna.", "abduct"),
    ("ASSAULT", "Troops clashed with rebels near the border town on Sunday.", "fight"),
    ("ASSAULT", "The shelling destroyed three homes.", "heavy-weapons"),
    ("ASSAULT", "Settlers' homes were bulldozed overnight.", "destroy"),
    ("PROTEST", "workers went on strike", "strike"),
    ("PROTEST", "Two prisoners have been on hunger strike since May.", "hunger"),
    ("PROTEST", "In March, farmers blocked the highway with tractors.", "obstruct"),
    ("PROTEST", "Thousands of protesters took to the streets of Tbilisi.", "demonstrate"),
    ("PROTEST", "Strikebreakers crossed the picket line.", None),
    ("COERCE", "On Tuesday, police arrested 12 protesters in Minsk.", "arrest"),
    ("COERCE", "The government imposed a curfew and declared martial law.", "martial-law"),
    ("COERCE", "Authorities deported two foreign journalists.", "deport"),
    ("RETREAT", "The minister resigned on Friday after the report.", "resign"),
    ("RETREAT", "Both sides agreed to a ceasefire and withdrew their troops.", "ceasefire"),
    ("CONSULT", "Macron spoke by phone with Zelensky on Monday.", "phone"),
    ("CONSULT", "Blinken visited Kyiv for talks with the foreign minister.", "visit"),
    ("SUPPORT", "Joe Biden authorized Ukraine to conduct strikes on Russian territory.", "approve"),
    ("ACCUSE", "Kyiv accused Moscow of war crimes in Bucha.", "allege"),
    ("MOBILIZE", "Russia moved 10,000 troops and tanks to the border.", "troops"),
    ("SANCTION", "The EU imposed new sanctions on Russian banks.", "discontinue"),
    ("STATEMENT", "The ministry announced new rules.", None),
])
def test_the_mode_a_sentence_names(category, sentence, mode):
    assert ONTOLOGY.mode_of(category, sentence) == mode


def test_a_mode_of_an_unknown_category_is_an_error():
    with pytest.raises(KeyError, match="FIGHT"):
        ONTOLOGY.mode_of("FIGHT", "troops clashed")


def test_older_plover_names():
    assert [ONTOLOGY.canonical(name) for name in ["DEMAND", "FIGHT", "DISAPPROVE", "INVESTIGATE", "DOCUMENT"]] == [
        "REQUEST", "ASSAULT", "ACCUSE", "ACCUSE", None]
    assert ONTOLOGY.canonical("ASSAULT") == "ASSAULT" and ONTOLOGY.canonical("protest") == "PROTEST"
    with pytest.raises(KeyError, match="ATTACK"):
        ONTOLOGY.canonical("ATTACK")


def test_loaded_once_per_path(tmp_path):
    assert load_ontology() is ONTOLOGY
    path = tmp_path / "categories.yaml"
    path.write_text(_packaged_text())
    assert load_ontology(path) is load_ontology(str(path))
    assert load_ontology(path).categories == ONTOLOGY.categories


def _packaged_text() -> str:
    return (files("newslake.configs") / "event_categories.yaml").read_text(encoding="utf-8")


def _bad(tmp_path, change) -> str:
    raw = yaml.safe_load(_packaged_text())
    change(raw)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    with pytest.raises(NewslakeError) as error:
        load_ontology(path)
    assert error.value.code == "E003"
    return str(error.value)


def test_a_legacy_type_of_an_unknown_category(tmp_path):
    message = _bad(tmp_path, lambda raw: raw["legacy"]["attack"].update(category="ATTACK"))
    assert "legacy.attack: unknown category 'ATTACK'" in message


def test_a_legacy_mode_the_category_lacks(tmp_path):
    message = _bad(tmp_path, lambda raw: raw["legacy"]["armed_clash"].update(mode="clash"))
    assert "legacy.armed_clash: ASSAULT has no mode 'clash'" in message


def test_a_cameo_root_beyond_20(tmp_path):
    message = _bad(tmp_path, lambda raw: raw["categories"]["ASSAULT"]["cameo_roots"].append("21"))
    assert "categories.ASSAULT.cameo_roots" in message and "'21' is not a two-digit code 01-20" in message


def test_a_one_digit_default_root(tmp_path):
    message = _bad(tmp_path, lambda raw: raw["categories"]["AID"].update(default_cameo="7"))
    assert "categories.AID.default_cameo" in message


def test_a_mode_listed_twice(tmp_path):
    def twice(raw):
        modes = raw["categories"]["ASSAULT"]["modes"]
        modes.append({"mode": "drone", "cues": ["quadcopter"]})
    assert "mode 'drone' is listed twice" in _bad(tmp_path, twice)


def test_a_cue_under_two_modes(tmp_path):
    def both(raw):
        raw["categories"]["PROTEST"]["modes"][0]["cues"].append("rally")  # also a `demonstrate` cue
    assert "cue 'rally' is under both 'hunger' and 'demonstrate'" in _bad(tmp_path, both)


def test_a_cue_with_capitals(tmp_path):
    message = _bad(tmp_path, lambda raw: raw["categories"]["ASSAULT"]["modes"][0]["cues"].append("Sarin"))
    assert "cue 'Sarin' must be lower-case words" in message


def test_a_cameo_root_without_a_category(tmp_path):
    message = _bad(tmp_path, lambda raw: raw["categories"].pop("STATEMENT"))
    assert "CAMEO root 01 needs exactly one category" in message


def test_a_sub_code_that_moves_nothing(tmp_path):
    message = _bad(tmp_path, lambda raw: raw["cameo_subcodes"].update({"201": "ASSAULT"}))
    assert "cameo_subcodes.201: ASSAULT is already the category of root 20" in message


def test_an_unknown_key(tmp_path):
    message = _bad(tmp_path, lambda raw: raw["categories"]["AID"].update(colour="green"))
    assert "categories.AID.colour" in message


def test_the_docs_list_every_category_and_legacy_type():
    doc = (Path(__file__).parents[3] / "docs" / "event-categories.md").read_text(encoding="utf-8")
    rows = [line.split(" | ")[0].strip("| ") for line in doc.splitlines() if line.startswith("| ")]
    assert set(ONTOLOGY.categories) <= set(rows) and set(ONTOLOGY.legacy) <= set(rows)
