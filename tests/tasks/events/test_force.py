"""An act of force is CAMEO 19 (conventional military force) or 18 (unconventional violence) by who took part and
with what, not by its verb (docs/event-annotation.md)."""

import pytest

from newslake.tasks.events.actor_codes import actor_code
from newslake.tasks.events.arguments import Actor
from newslake.tasks.events.force import force_root
from newslake.tasks.events.weapons import WeaponMention


def _actor(words: str, role: str = "agent") -> Actor:
    code = actor_code(words)
    return Actor(role, None, 0, len(words), words, code.country if code else None, code.sector if code else None,
                 code.code if code else None)


def _weapon(weapon_class: str) -> WeaponMention:
    return WeaponMention(0, 1, weapon_class, weapon_class, named=False)


@pytest.mark.parametrize(("cameo", "code", "actors", "weapons", "expected"), [
    # "clashes between protesters and riot police": no armed force, so unconventional violence
    ("19", "190", [_actor("protesters"), _actor("police")], [], ("18", "180")),
    ("19", None, [_actor("a gunman"), _actor("students", "target")], [], ("18", None)),
    # "Russian troops attacked the village"; "Ukraine struck ..." (a country acting as a whole)
    ("19", "190", [_actor("Russian troops")], [], ("19", "190")),
    ("18", "180", [_actor("Russia")], [], ("19", "190")),
    # an armed group's violence is fighting against a military party only ("the Taliban fought U.S. forces")
    ("18", "180", [_actor("rebels"), _actor("Russian troops", "target")], [], ("19", "190")),
    ("18", "180", [_actor("rebels")], [], ("18", "180")),
    ("19", "190", [_actor("rebels"), _actor("villagers", "target")], [], ("18", "180")),
    # whom force was used against does not decide: "a gunman shot a soldier" (the Ottawa shooting)
    ("19", "190", [_actor("a gunman"), _actor("a soldier", "target")], [], ("18", "180")),
    ("19", None, [_actor("Canadian soldiers", "target")], [], ("18", None)),
    # a military weapon in the sentence: "people were killed in a missile strike"
    ("18", "180", [_actor("people", "target")], [_weapon("missile")], ("19", "190")),
    # a country as the target only does not make the attacker an armed force
    ("19", "190", [_actor("a gunman"), _actor("Russia", "target")], [_weapon("small arms")], ("18", "180")),
])
def test_a_generic_code_follows_who_took_part_and_with_what(cameo, code, actors, weapons, expected):
    assert force_root(cameo, code, actors, weapons) == expected


@pytest.mark.parametrize(("cameo", "code"), [
    ("18", "181"),  # abducted
    ("18", "183"),  # bombing
    ("19", "194"),  # shelled
    ("19", "195"),  # air strikes
    ("20", None),  # mass killing
])
def test_a_specific_code_keeps_its_root(cameo, code):
    assert force_root(cameo, code, [_actor("protesters")], []) == (cameo, code)
    assert force_root(cameo, code, [_actor("Russian troops")], [_weapon("missile")]) == (cameo, code)


def test_with_neither_actors_nor_weapons_the_verb_decides():
    assert force_root("19", "190", [], []) == ("19", "190")  # "the invasion"
    assert force_root("18", "180", [], []) == ("18", "180")  # "the violence"
