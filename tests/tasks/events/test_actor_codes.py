"""Actor phrases -> CAMEO actor codes (configs/actor_codes.tsv + configs/places.tsv)."""

import pytest

from newslake.tasks.events.actor_codes import ACTOR_TABLE, ActorCode, actor_code, split_code


@pytest.mark.parametrize(("text", "country", "sector", "code"), [
    # agents take the country of the name beside them
    ("Ukrainian police", "UKR", "COP", "UKRCOP"),
    ("the Russian military", "RUS", "MIL", "RUSMIL"),
    ("U.S. troops", "USA", "MIL", "USAMIL"),
    ("Nigerian soldiers", "NGA", "MIL", "NGAMIL"),
    ("Moscow police", "RUS", "COP", "RUSCOP"),  # a capital gives its country
    ("French riot police", "FRA", "COP", "FRACOP"),  # the longest agent: "riot police"
    ("Iraqi security forces", "IRQ", None, "IRQ"),  # CAMEO lists "security force" as MIL and COP: no sector
    ("Mexican drug cartel", "MEX", "CRM", "MEXCRM"),
    ("Indonesian fishermen", "IDN", "AGR", "IDNAGR"),  # !PERSON! plural of the agents file
    ("the Italian Senate", "ITA", "LEG", "ITALEG"),  # the dictionary's US Senate gives way to the named country
    ("Israeli Defense Department", "ISR", "GOV", "ISRGOVMIL"),
    # people and organisations carry their own code
    ("Hamas", "PSE", "REB", "PSEREBHMS"),
    ("Hamas fighters", "PSE", "REB", "PSEREBHMS"),
    ("President Vladimir Putin", "RUS", "GOV", "RUSGOV"),  # [RUSGOV >080508] over the undated [RUSELI]
    ("Russian President Vladimir Putin's spokesman Dmitry Peskov", "RUS", "GOV", "RUSGOV"),
    ("Putin.", "RUS", "GOV", "RUSGOV"),
    ("Leonid Kravchuk", "UKR", "ELI", "UKRELI"),  # dated GOV years over: the undated ELI
    ("President Boris Yeltsin", "RUS", "ELI", "RUSELI"),  # no undated code: the range that ends last
    ("Egyptian President Abdel Fattah al-Sisi", "EGY", "GOV", "EGYGOV"),
    ("the Kremlin", "RUS", "GOV", "RUSGOV"),
    ("the Pentagon", "USA", "MIL", "USAMIL"),
    ("Boko Haram", "NGA", "REB", "NGAREB"),
    ("Taliban fighters", "AFG", "REB", "AFGREB"),
    # international and non-state
    ("the United Nations", None, "IGO", "IGOUNO"),
    ("the U.N.", None, "IGO", "IGOUNO"),
    ("the UN Security Council", None, "IGO", "IGOUNO"),
    ("NATO", None, "IGO", "IGOWSTNAT"),
    ("the World Health Organization", None, "IGO", "IGOUNOHLHWHO"),
    ("Doctors Without Borders", None, "NGO", "NGOHLHMSF"),
    ("al-Qaeda", None, "IMG", "IMGMUSALQ"),
    # an agent alone has no country; a country alone no sector
    ("protesters", None, "OPP", "OPP"),
    ("policemen", None, "COP", "COP"),
    ("the army", None, "MIL", "MIL"),
    ("Washington", "USA", None, "USA"),
    ("UKRAINIAN POLICE", "UKR", "COP", "UKRCOP"),  # case-blind
    # a country whose code is also a sector's (MAR) stays a country
    ("Moroccan", "MAR", None, "MAR"),
    ("Moroccan police", "MAR", "COP", "MARCOP"),
])
def test_actor_codes(text, country, sector, code):
    assert actor_code(text) == ActorCode(country, sector, code)


@pytest.mark.parametrize("text", ["", "   ", "...", "the", "Hamasville", "Apple", "May", "\"\"", None])
def test_no_known_name_is_none(text):
    assert actor_code(text) is None  # "Hamasville": names match whole words only


def test_a_long_text_takes_the_first_country_and_the_longest_agent():
    text = ("Two Israeli soldiers and a Palestinian policeman were wounded on Tuesday when gunmen opened fire "
            "near a checkpoint outside the West Bank city of Nablus, the army said in a statement. " * 20)
    assert actor_code(text) == ActorCode("ISR", "MIL", "ISRMIL")


def test_codes_split_like_gdelt_columns():
    sectors = frozenset({"GOV", "MIL", "REB", "IGO", "MNC", "COP"})
    assert split_code("PSEREBHMS", sectors) == ActorCode("PSE", "REB", "PSEREBHMS")
    assert split_code("IGOUNO", sectors) == ActorCode(None, "IGO", "IGOUNO")
    assert split_code("MNCUSA", sectors) == ActorCode("USA", "MNC", "MNCUSA")
    assert split_code("COP", sectors) == ActorCode(None, "COP", "COP")
    assert split_code("INTREB", sectors) == ActorCode(None, "REB", "INTREB")


def test_the_table_is_small_and_well_formed():
    rows = [line.split("\t") for line in ACTOR_TABLE.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")]
    assert all(len(row) == 2 and row[0] == row[0].lower() and row[1].lstrip("~").isupper() for row in rows)
    assert all(len(name.split()) <= 5 for name, code in rows if not code.startswith("~"))
    assert len(rows) == 31754
    assert sum(code.startswith("~") for _, code in rows) == 3407
