from newslake.text.words import conll_word_spans


def test_conll_words_keep_initials_abbreviations_and_joined_names():
    text = "( H. Morris 69 ) U.S. President Mr. Smith said RBC-Ukraine's 1,000 shells hit Censor.net."
    words = [text[s:e] for s, e in conll_word_spans(text)]
    assert words == ["(", "H.", "Morris", "69", ")", "U.S.", "President", "Mr.", "Smith", "said", "RBC-Ukraine", "'s",
                     "1,000", "shells", "hit", "Censor.net", "."]  # fmt: skip
