"""Counted quantities and what happened to them (for the events stage's `quantities` slot)."""

import pytest

from newslake.tasks.events.quantities import in_object_of, quantities

WORKED = ("Russia's Ministry of Defense claimed that on the night of November 19, the AFU launched six ATACMS missiles "
          "at a facility in the Bryansk region. According to the ministry, five missiles were intercepted, while one "
          "was damaged.")


def summary(text):
    return [(q.value, q.what, q.action) for q in quantities(text)]


def test_the_worked_example_quantities():
    assert summary(WORKED) == [(6, "missiles", "launched"), (5, "missiles", "intercepted"), (1, "missiles", "damaged")]
    first = quantities(WORKED)[0]
    assert WORKED[first.start : first.end] == "six ATACMS missiles"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 12 civilians were killed and 1,200 homes were destroyed.",
         [(12, "civilians", "killed"), (1200, "homes", "destroyed")]),
        ("Russia fired 40 drones overnight.", [(40, "drones", "fired")]),
        ("The war began in 2022 and lasted three years; prices rose 5 percent.", []),
        ("Two soldiers were wounded.", [(2, "soldiers", "wounded")]),
        ("After two weeks of talks and 20 kilometres of marching, 3,000 dollars were raised.", []),
        # What befell them, named after the count, says more than the verb before it.
        ("The clashes left two protesters dead.", [(2, "protesters", "dead")]),
        ("Gunmen seized 276 schoolgirls kidnapped from Chibok.", [(276, "schoolgirls", "kidnapped")]),
        ("In the riot 16 people died.", [(16, "people", "died")]),
        # Only harm, capture and release: an adjective participle is no action, nor is a verb of saying.
        ("Police met 300 men armed with rifles.", [(300, "men", None)]),
        ("Three officials said the talks failed.", [(3, "officials", None)]),
        # No number longer than ten digits is a count, nor a piece of one.
        ("Officials said 99999999999999999999999 people were killed.", []),
        ("Rebels fired 1,000,000,000,000,000,000 rockets and 3.5 million shells.", []),
        ("The mill holds 8,000,000,000 tonnes and 9999999999 crates.", [(8000000000, "tonnes", None), (9999999999, "crates", None)]),
    ],
)
def test_counts_and_actions(text, expected):
    assert summary(text) == expected


@pytest.mark.parametrize(("text", "verb", "expected"), [
    # a count in the object of the event's verb undergoes it, as the guidelines define the action
    ("Couture-Rouleau rammed his car into two soldiers.", "rammed", ("soldiers", "rammed", 2)),
    ("The group kidnapped more than 200 girls in April.", "kidnapped", ("girls", "kidnapped", 200)),
    ("Police opened fire, killing five protesters.", "killing", ("protesters", "killed", 5)),
    ("Gunmen stormed the hall, shooting more than 30 guests.", "shooting", ("guests", "shot", 30)),
    # another clause or role stands between them: the count is not the verb's
    ("Three were killed and 12 injured after about 300 protesters stormed it.", "injured", ("protesters", None, 300)),
    ("The girls were kidnapped by 40 militants.", "kidnapped", ("militants", None, 40)),
    ("The town was shelled, 20 houses burned.", "shelled", ("houses", None, 20)),
    # a count before the verb, or one with an action of its own, keeps what it had
    ("Rebels said 30 fighters attacked the base.", "attacked", ("fighters", None, 30)),
])
def test_a_count_in_the_object_of_the_event_verb(text, verb, expected):
    [q] = [q for q in quantities(text) if q.value == expected[2]]
    start = text.index(verb)
    counted = in_object_of(text, q, (start, start + len(verb)))
    assert (counted.what, counted.action, counted.value) == expected
