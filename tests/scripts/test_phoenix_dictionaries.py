"""scripts/phoenix_dictionaries.py: the TABARI actor and agent dictionaries both table scripts read."""

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "phoenix_dictionaries.py"
_spec = importlib.util.spec_from_file_location("phoenix_dictionaries", SCRIPT)
phoenix = importlib.util.module_from_spec(_spec)
sys.modules["phoenix_dictionaries"] = phoenix  # dataclasses look their module up there
_spec.loader.exec_module(phoenix)

ACTORS = """# a comment
UKRAINE_
+UKRAINIAN_ 
+KYIV_ 
	[USRUKR <910824]
	[UKR >911221]
VLADIMIR_PUTIN_  # CountryInfo.txt
+PRESIDENT_VLADIMIR_PUTIN_
+RUSSIAN_PRESIDENT_VLADIMIR_V._PUTIN
	[RUSELI 700101-990809]
	[RUSGOV >080508]
	[RUSELI]
YELTSIN
PRESIDENT_BORIS_YELTSIN
	[RUSELI 490101-910710]
	[RUSGOV 910710-991231]
	[RUSELI 991231-070423]
HAMAS_  #  kkl 21 Mar 13
+ISLAMIC_RESISTANCE_MOVEMENT
	[PSEREBHMS]
THE_UNITED_NATIONS_ [IGOUNO]
JEAN_MARIE_GUEHENNO_	[IGOUNO 000101-080801] [---] # NGO_Actors
""".splitlines()


def test_entries_group_names_with_the_codes_that_follow():
    entries = list(phoenix.actor_entries(ACTORS))
    assert [e.names for e in entries] == [
        ["ukraine", "ukrainian", "kyiv"],
        ["vladimir putin", "president vladimir putin", "russian president vladimir v. putin"],
        ["yeltsin", "president boris yeltsin"],  # head lines before any code share the codes
        ["hamas", "islamic resistance movement"],
        ["the united nations"],
        ["jean marie guehenno"],
    ]
    assert [e.commented for e in entries] == [False, True, False, True, False, True]


def test_the_latest_code_is_the_one_in_force_today():
    latest = [phoenix.latest_code(e.codes) for e in phoenix.actor_entries(ACTORS)]
    # open towards today > undated > the range that ends last; "---" is no code
    assert latest == ["UKR", "RUSGOV", "RUSELI", "PSEREBHMS", "IGOUNO", "IGOUNO"]


def test_dates_of_two_and_four_digit_years():
    (before, after) = phoenix.dated_codes("[USRUKR <910824] [IGOUNO  >20070101]")
    assert (before.bound, before.start, before.end) == ("<", None, 19910824)
    assert (after.bound, after.start, after.end) == (">", 20070101, None)
    (ranged,) = phoenix.dated_codes("[RUSGOV 991231-080507]")
    assert (ranged.start, ranged.end) == (19991231, 20080507)


def test_agent_phrases_expand_person_words_and_plurals():
    lines = ["!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON", "POLICE {} [~COP]", "POLICE!PERSON!  [~COP]",
             "CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]", "# FARMER [~AGR]", "BUDDHIST_STUDENT [~BUDEDU]"]
    assert list(phoenix.agent_phrases(lines)) == [
        ("police", "COP"),
        ("police man", "COP"), ("police men", "COP"), ("police woman", "COP"), ("police women", "COP"),
        ("police person", "COP"),
        ("policeman", "COP"), ("policemen", "COP"), ("policewoman", "COP"), ("policewomen", "COP"),
        ("policeperson", "COP"),
        ("chamber of commerce", "BUS"), ("chambers of commerce", "BUS"),
        ("buddhist student", "BUDEDU"),
    ]
