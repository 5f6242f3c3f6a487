"""Casing class of every wordpiece, from raw text and character offsets.

The base encoder is uncased, so capitalisation, the strongest entity cue, is
gone from its input ids. The network adds a learned embedding of these classes
back to the word embeddings. Classes are computed from the text itself (not from
a CoNLL token list) so that training and inference on whole articles use one
definition: a wordpiece gets the class of the word around it, where a word is a
run of characters that the BERT pre-tokenizer keeps together (no whitespace, no
punctuation).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

SPECIAL = 0  # [CLS], [SEP], padding
LOWER = 1  # "the", also letters without case (e.g. CJK)
TITLE = 2  # "London"
ALL_CAPS = 3  # "NATO", two or more letters, all upper
SINGLE_UPPER = 4  # "A", "U" (as in U.S.)
MIXED = 5  # "iPhone", "McDonald"
HAS_DIGIT = 6  # "1996", "F16", "3rd"
NO_LETTERS = 7  # ".", "-", "$"

NUM_CASING_CLASSES = 8
CASING_CLASS_NAMES = ("special", "lower", "title", "all_caps", "single_upper", "mixed", "has_digit", "no_letters")


def is_punctuation(char: str) -> bool:
    """The same test as BERT's pre-tokenizer: all ASCII non-alphanumeric symbols, and Unicode P* categories."""
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_word_char(char: str) -> bool:
    return not char.isspace() and not is_punctuation(char)


def casing_class(word: str) -> int:
    """The casing class of one word (see the constants above); "" is NO_LETTERS."""
    if any(char.isdigit() for char in word):
        return HAS_DIGIT
    letters = [char for char in word if char.isalpha()]
    if not letters:
        return NO_LETTERS
    uppers = sum(char.isupper() for char in letters)
    if uppers == 0:
        return LOWER
    if len(letters) == 1:
        return SINGLE_UPPER
    if uppers == len(letters):
        return ALL_CAPS
    if uppers == 1 and letters[0].isupper():
        return TITLE
    return MIXED


def word_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the whole word containing text[start:end]; a punctuation piece is its own word."""
    if start >= end:
        return start, end
    left, right = start, end
    # Only extend from word characters: "," after "word" must not take on the class of "word".
    if _is_word_char(text[start]):
        while left > 0 and _is_word_char(text[left - 1]):
            left -= 1
    if _is_word_char(text[end - 1]):
        while right < len(text) and _is_word_char(text[right]):
            right += 1
    return left, right


def casing_ids(text: str, offsets: Sequence[tuple[int, int]], special_mask: Sequence[int | bool]) -> list[int]:
    """One casing class per wordpiece: SPECIAL where `special_mask` is set, else the class of its word.

    `offsets` and `special_mask` are what a fast tokenizer returns for `text` with
    `return_offsets_mapping=True, return_special_tokens_mask=True` (padding counts as special).
    """
    if len(offsets) != len(special_mask):
        raise ValueError(f"offsets ({len(offsets)}) and special_mask ({len(special_mask)}) differ in length")
    classes: list[int] = []
    cache: dict[tuple[int, int], int] = {}  # pieces of one word share its span; articles are long
    for (start, end), special in zip(offsets, special_mask):
        if special or start >= end:
            classes.append(SPECIAL)
            continue
        span = word_span(text, start, end)
        if span not in cache:
            cache[span] = casing_class(text[span[0] : span[1]])
        classes.append(cache[span])
    return classes
