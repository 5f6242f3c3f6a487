from itertools import islice

from newslake.text.sentences import iter_sentence_spans, same_sentence, sentence_spans


def test_sentence_spans_skip_abbreviations_and_initials():
    text = 'U.S. President Joe Biden spoke. J. Smith said "yes." Then Gen. Lee left!\n\nNew paragraph'
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == ["U.S. President Joe Biden spoke.", 'J. Smith said "yes."', "Then Gen. Lee left!", "New paragraph"]


def test_abbreviation_is_read_back_to_the_sentence_start_only():
    # The word before each full stop is read back to the start of its sentence, never across an earlier stop.
    text = "He met Smith. Ms. Jones spoke. The vote passed 5-4. Sen. Lee and Mr. X. Y left."
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == ["He met Smith.", "Ms. Jones spoke.", "The vote passed 5-4.", "Sen. Lee and Mr. X. Y left."]


def test_iter_sentence_spans_gives_the_same_spans_lazily():
    text = "First one. Second one.  Third one!\n\nFourth"
    lazy = iter_sentence_spans(text)
    assert list(islice(lazy, 2)) == [(0, 10), (11, 22)]
    assert list(lazy) == [(24, 34), (36, 42)]
    assert list(iter_sentence_spans(text)) == sentence_spans(text)
    assert list(iter_sentence_spans("   ")) == []


def test_same_sentence_tells_offsets_of_one_sentence_from_offsets_of_two():
    text = "Kyiv said the strike hit. Moscow denied it."
    sentences = sentence_spans(text)
    assert same_sentence(text.index("Kyiv"), text.index("hit"), sentences)
    assert not same_sentence(text.index("hit"), text.index("Moscow"), sentences)
