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


def test_a_run_on_text_is_cut_into_pieces_at_clause_marks():
    clause = "rebels shelled the town, police arrested protesters; "  # 53 characters and no full stop: 3,180 in all
    text = clause * 60
    pieces = sentence_spans(text)
    assert [e - s for s, e in pieces] == [953, 953, 953, 317]  # 18 clauses and the semicolon ending them
    # Each piece ends at the last semicolon of the limit's second half, and the pieces cover every word.
    assert all(text[e - 1] == ";" for _, e in pieces[:-1])
    assert " ".join(text[s:e] for s, e in pieces).split() == text.split()


def test_a_piece_without_marks_ends_at_a_blank_and_one_word_at_the_limit():
    words = "word " * 300  # 1,500 characters, blanks only
    assert [e - s for s, e in sentence_spans(words)] == [999, 499]
    assert [e - s for s, e in sentence_spans("x" * 2500)] == [1000, 1000, 500]


def test_sentences_of_news_are_not_cut():
    sentence = ("The ministry said that " + "the strike, which hit a depot near the border, " * 20)[:990] + "."
    assert sentence_spans(sentence) == [(0, len(sentence))]
