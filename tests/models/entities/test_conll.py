"""The CoNLL reader: sentences, document breaks, IOB1 -> IOB2."""

import pytest

from newslake.errors import NewslakeError
from newslake.models.entities.conll import Sentence, iob1_to_iob2, parse_conll, read_conll

FOUR_COLUMNS = """-DOCSTART- -X- -X- O

EU NNP B-NP I-ORG
rejects VBZ B-VP O
German JJ B-NP I-MISC
call NN I-NP O
. . O O

Peter NNP B-NP I-PER
Blackburn NNP I-NP I-PER
Jan NNP I-NP B-PER
Smith NNP I-NP I-PER
-DOCSTART- -X- -X- O
New NNP B-NP I-LOC
York NNP I-NP I-LOC
Yankees NNPS I-NP I-ORG
"""


def test_four_columns_iob1_to_iob2():
    assert parse_conll(FOUR_COLUMNS) == [
        Sentence(["EU", "rejects", "German", "call", "."], ["B-ORG", "O", "B-MISC", "O", "O"]),
        Sentence(["Peter", "Blackburn", "Jan", "Smith"], ["B-PER", "I-PER", "B-PER", "I-PER"]),
        Sentence(["New", "York", "Yankees"], ["B-LOC", "I-LOC", "B-ORG"], document=1),  # after the second -DOCSTART-
    ]


def test_two_columns_and_iob2_input_unchanged():
    text = "Rome B-LOC\nand O\nParis B-LOC\n\n\nOK O\n"
    assert parse_conll(text) == [Sentence(["Rome", "and", "Paris"], ["B-LOC", "O", "B-LOC"]), Sentence(["OK"], ["O"])]


def test_iob1_to_iob2_type_change_starts_an_entity():
    assert iob1_to_iob2(["I-LOC", "I-MISC", "I-MISC", "O", "I-PER"]) == ["B-LOC", "B-MISC", "I-MISC", "O", "B-PER"]


def test_read_conll_file(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text(FOUR_COLUMNS, encoding="utf-8")
    assert len(read_conll(path)) == 3


def test_missing_file_is_e010(tmp_path):
    with pytest.raises(NewslakeError) as error:
        read_conll(tmp_path / "nope.txt")
    assert error.value.code == "E010"


@pytest.mark.parametrize("line", ["lonely", "word X-PER", "word B-"])
def test_malformed_line_is_e032_with_line_number(line):
    with pytest.raises(NewslakeError, match=r"<text>:2") as error:
        parse_conll(f"ok O\n{line}\n")
    assert error.value.code == "E032"
