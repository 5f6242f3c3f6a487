"""A quotation before its speaker and verb, left out of the content by the tagger."""

from newslake.models.attribution.pairing import Attribution
from newslake.tasks.claims.quotations import quotation_content
from newslake.text.spans import Span


def claim(text, source, cue, content=None):
    at = lambda surface, label: Span(text.index(surface), text.index(surface) + len(surface), label, 0.9) if surface else None
    return Attribution(at(source, "SOURCE"), at(cue, "CUE"), at(content, "CONTENT"), 0.9)


def content_of(text, a):
    found = quotation_content(text, a).content
    return text[found.start : found.end] if found is not None else None


def test_the_quotation_before_the_speaker_and_verb_is_the_content():
    text = 'The talks ended. "We will not sign this," Strother said. "Not now."'
    assert content_of(text, claim(text, "Strother", "said")) == '"We will not sign this,"'
    text = "Aides disagreed.\n\n''I think he has worked very hard,'' said Mr. Morris, a former adviser."
    assert content_of(text, claim(text, "Mr. Morris", "said")) == "''I think he has worked very hard,''"
    text = "“Who do they think they are?” Trump told the crowd."
    assert content_of(text, claim(text, None, "told")) == "“Who do they think they are?”"  # the name left untagged


def test_no_quotation_or_other_words_before_the_verb_leave_the_claim_as_it_was():
    text = 'Mr. Trump, who said last week that the judge was "biased," left.'
    assert content_of(text, claim(text, "Mr. Trump", "said")) is None
    text = "The minister said on Monday that talks would resume."
    assert content_of(text, claim(text, "The minister", "said")) is None
    text = 'He called it "a disaster" and Smith agreed.'
    assert content_of(text, claim(text, "Smith", "agreed")) is None  # no verb of saying
    text = 'The plan was "dead" long ago, officials said.'  # a quoted word inside, no quotation before the speaker
    assert content_of(text, claim(text, "officials", "said")) is None
    text = "“It was fine,” Ms. Lee said."
    assert content_of(text, claim(text, "Ms. Lee", "said", "It was fine")) == "It was fine"  # a content stays
