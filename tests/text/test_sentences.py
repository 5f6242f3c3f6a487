from newslake.text.sentences import sentence_spans


def test_sentence_spans_skip_abbreviations_and_initials():
    text = 'U.S. President Joe Biden spoke. J. Smith said "yes." Then Gen. Lee left!\n\nNew paragraph'
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == ["U.S. President Joe Biden spoke.", 'J. Smith said "yes."', "Then Gen. Lee left!", "New paragraph"]
