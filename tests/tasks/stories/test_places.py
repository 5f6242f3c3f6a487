"""Place agreement for story joins: equal, or one lies in the other, with the shipped tables."""

import pytest

from newslake.tasks.stories.places import load_gazetteer, normalise


@pytest.mark.parametrize(("a", "b", "agree"), [
    ("kramatorsk", "donetsk region", True),  # configs/places.yaml: Kramatorsk lies in the Donetsk region
    ("kramatorsk", "ukraine", True),  # ... which lies in Ukraine (configs/places.tsv)
    ("kiev", "ukraine", True),
    ("bryansk region", "russia", True),
    ("chelsea", "new york", True),
    ("america", "new york", True),  # "america" names the United States
    ("ukraine", "ukrainian", True),  # spellings of a country agree
    ("Kramatorsk", "kramatorsk", True),
    ("odessa", "north korea", False),
    ("kiev", "odessa", False),  # two places of one country, neither inside the other
    ("warsaw", "ukraine", False),
    ("springfield", "shelbyville", False),  # unknown to both tables: only equal names agree
])
def test_places_agree_when_equal_or_one_lies_in_the_other(a, b, agree):
    places = load_gazetteer()
    assert (places.agree(a, b), places.agree(b, a)) == (agree, agree)


def test_keys_are_normalised_before_lookup():
    assert [normalise(k) for k in ("Donetsk region", "the Bryansk Oblast", "Russia's", "city of Kyiv")] == [
        "donetsk", "bryansk", "russia", "kyiv"]
