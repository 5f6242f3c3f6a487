"""Event triggers from the taxonomy in configs/event_types.yaml."""

import pytest

from newslake.errors import NewslakeError
from newslake.tasks.events.triggers import find_triggers, load_taxonomy

TAXONOMY = load_taxonomy()
WORKED = ("On the night of November 19, the AFU reportedly struck a military facility in Russia's Bryansk region. "
          "On November 17, The New York Times reported that U.S. President Joe Biden authorized Ukraine to conduct "
          "strikes on Russian territory. No casualties or significant damage were reported.")


def test_every_type_has_a_cameo_root_or_says_it_has_none():
    assert {name: spec.cameo for name, spec in TAXONOMY.items()}["attack"] == "19"
    assert TAXONOMY["authorization"].cameo == "05" and TAXONOMY["accident_disaster"].cameo is None
    assert len(TAXONOMY) == 10


def test_the_worked_example_triggers():
    found = [(t.text, t.event_type, t.cameo, t.negated) for t in find_triggers(WORKED, TAXONOMY)]
    assert found == [
        ("struck", "attack", "19", False),
        ("authorized", "authorization", "05", False),
        ("strikes", "attack", "19", False),
        ("casualties", "casualty_report", "18", True),  # "No casualties": mentioned, not asserted
    ]
    assert all(WORKED[t.start : t.end] == t.text for t in find_triggers(WORKED, TAXONOMY))


def test_longest_phrase_wins():
    (trigger,) = find_triggers("Washington lifted restrictions on the use of the missiles.", TAXONOMY)
    assert (trigger.text, trigger.event_type) == ("lifted restrictions", "authorization")


def test_a_bad_taxonomy_is_a_clear_error(tmp_path):
    bad = tmp_path / "types.yaml"
    bad.write_text("attack:\n  cameo: '19'\n  description: strikes\n  triggers: [struck]\n  colour: red\n")
    with pytest.raises(NewslakeError) as error:
        load_taxonomy(bad)
    assert error.value.code == "E003" and "colour" in str(error.value)
