"""Which word of its sentence a date expression dates: the event word, or a reporting verb or another verb."""

from datetime import date

from newslake.tasks.events.attachment import dates_another_act
from newslake.tasks.events.dates import date_mentions


def another_act(text, trigger, verbs=(), published=date(2021, 3, 12)):
    (mention,) = date_mentions(text, published)
    start = text.index(trigger)
    spans = [(text.index(word), text.index(word) + len(word)) for word in verbs]
    return dates_another_act(text, (0, len(text)), mention, (start, start + len(trigger)), spans)


def test_a_date_beside_a_reporting_verb_dates_the_report_not_what_it_reports():
    assert another_act("The governor said on Thursday that troops shelled the port.", "shelled")
    assert another_act("Local media reported on Thursday the envoys had talks with the rebels.", "talks")
    assert another_act("The minister on Thursday said that the blockade is illegal.", "blockade")


def test_a_verb_between_the_date_and_an_event_noun_takes_the_date():
    text = "The senate on Thursday rejected the governor's offer of a truce."
    assert another_act(text, "offer", verbs=["rejected"])
    assert not another_act(text, "rejected")


def test_a_date_next_to_its_event_word_stays_its_own():
    assert not another_act("Police detained 40 protesters on Thursday, the ministry said.", "detained")
    assert not another_act("The two leaders met on Thursday in Vienna.", "met")
    # an event noun blocks nothing: the light verb's object keeps the date
    assert not another_act("The union imposed sanctions on Thursday after the vote.", "sanctions")
    assert not another_act("The ministry announced new sanctions on Thursday.", "announced")
    assert not another_act("The ministry announced new sanctions on Thursday.", "sanctions")
