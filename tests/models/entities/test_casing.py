"""Casing classes from raw text and wordpiece offsets (no model needed)."""

import pytest

from newslake.models.entities.casing import (
    ALL_CAPS,
    HAS_DIGIT,
    LOWER,
    MIXED,
    NO_LETTERS,
    SINGLE_UPPER,
    SPECIAL,
    TITLE,
    casing_class,
    casing_ids,
    word_span,
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("the", LOWER),
        ("straße", LOWER),
        ("London", TITLE),
        ("Émile", TITLE),
        ("NATO", ALL_CAPS),
        ("LEICESTERSHIRE", ALL_CAPS),
        ("A", SINGLE_UPPER),
        ("iPhone", MIXED),
        ("McDonald", MIXED),
        ("1996", HAS_DIGIT),
        ("F16", HAS_DIGIT),
        ("3rd", HAS_DIGIT),
        (".", NO_LETTERS),
        ("$", NO_LETTERS),
        ("", NO_LETTERS),
    ],
)
def test_casing_class(word, expected):
    assert casing_class(word) == expected


# What the base tokenizer returns for this text: [CLS] mcdonald ' s iphone , u . s . nato . [SEP] [PAD] [PAD]
TEXT = "McDonald's iPhone, U.S. NATO."
OFFSETS = [(0, 0), (0, 8), (8, 9), (9, 10), (11, 17), (17, 18), (19, 20), (20, 21), (21, 22), (22, 23), (24, 28),
           (28, 29), (0, 0), (0, 0), (0, 0)]
SPECIAL_MASK = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]


def test_casing_ids_one_per_wordpiece():
    assert casing_ids(TEXT, OFFSETS, SPECIAL_MASK) == [
        SPECIAL, MIXED, NO_LETTERS, LOWER, MIXED, NO_LETTERS, SINGLE_UPPER, NO_LETTERS, SINGLE_UPPER, NO_LETTERS,
        ALL_CAPS, NO_LETTERS, SPECIAL, SPECIAL, SPECIAL,
    ]


def test_a_piece_takes_the_class_of_its_whole_word():
    # "Leicestershire" as two pieces: "shire" alone would be lower case, "Leice" alone Title.
    text = "Leicestershire beat McCague"
    offsets = [(0, 5), (5, 14), (15, 19), (20, 23), (23, 25), (25, 27)]
    assert casing_ids(text, offsets, [0] * 6) == [TITLE, TITLE, LOWER, MIXED, MIXED, MIXED]


def test_punctuation_is_its_own_word():
    assert word_span("word, next", 4, 5) == (4, 5)
    assert word_span("word, next", 2, 4) == (0, 4)


def test_casing_ids_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="differ in length"):
        casing_ids(TEXT, OFFSETS, SPECIAL_MASK[:-1])
