"""Reading PolNeAR records and flattening nested spans into one label per wordpiece."""

import json

import pytest

from newslake.errors import NewslakeError
from newslake.models.attribution.data import (
    LABELS,
    GoldAttribution,
    GoldSpan,
    gold_spans,
    paint_characters,
    piece_labels,
    read_attributions,
)
from newslake.models.attribution.evaluate import load_split

TEXT = "Trump said that Clinton claimed it was rigged, he added."


def span(piece, after=0):
    start = TEXT.index(piece, after)
    return GoldSpan(start, start + len(piece), ((start, start + len(piece)),))


def words_of(text):
    offsets, position = [], 0
    for word in text.split(" "):
        offsets.append((position, position + len(word)))
        position += len(word) + 1
    return offsets


def test_nested_attribution_keeps_its_source_and_cue_and_the_outer_content_wins_over_the_inner():
    outer = GoldAttribution(span("Trump"), span("said"), span("that Clinton claimed it was rigged"))
    inner = GoldAttribution(span("Clinton"), span("claimed"), span("it was rigged"))
    kinds, owners = paint_characters(len(TEXT), [outer, inner])
    labels = [LABELS[i] for i in piece_labels(words_of(TEXT), kinds, owners)]
    # words: Trump said that Clinton claimed it was rigged, he added.
    assert labels == ["B-SOURCE", "B-CUE", "B-CONTENT", "B-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT", "I-CONTENT",
                      "O", "O"]


def test_fragments_are_painted_piece_by_piece_and_adjacent_spans_get_b():
    start = TEXT.index("it was")
    content = GoldSpan(0, TEXT.index("rigged") + 6, ((0, 10), (start, start + 13)))
    attribution = GoldAttribution(span("he", after=40), span("added"), content)
    kinds, owners = paint_characters(len(TEXT), [attribution])
    labels = [LABELS[i] for i in piece_labels(words_of(TEXT), kinds, owners)]
    assert labels == ["B-CONTENT", "I-CONTENT", "O", "O", "O", "B-CONTENT", "I-CONTENT", "I-CONTENT", "B-SOURCE",
                      "B-CUE"]
    assert gold_spans([attribution])["CONTENT"] == {(0, content.end)}  # metrics count the covering span


def test_only_primary_annotations_are_read(tmp_path):
    path = tmp_path / "attributions_dev.jsonl"
    record = {"doc_id": "d1", "type": "Attribution-no-source", "source": None,
              "cue": {"start": 0, "end": 4, "text": "Said"}, "content": {"start": 5, "end": 7, "text": "no"}}
    rows = [{**record, "primary": True}, {**record, "primary": False, "cue": {"start": 1, "end": 4}}]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    (only,) = read_attributions(path)["d1"]
    assert (only.cue.start, only.cue.end, only.source, only.kind) == (0, 4, None, "Attribution-no-source")
    assert len(read_attributions(path, primary_only=False)["d1"]) == 2


def test_bad_inputs_have_error_codes(tmp_path):
    with pytest.raises(NewslakeError) as missing:
        read_attributions(tmp_path / "nope.jsonl")
    assert missing.value.code == "E010"
    broken = tmp_path / "attributions_dev.jsonl"
    broken.write_text('{"doc_id": "d1"\n', encoding="utf-8")
    with pytest.raises(NewslakeError) as not_json:
        read_attributions(broken)
    assert not_json.value.code == "E037"
    broken.write_text('{"doc_id": "d1", "cue": {"start": 0, "end": 1}}\n', encoding="utf-8")
    (tmp_path / "articles.jsonl").write_text('{"doc_id": "other", "text": "x"}\n', encoding="utf-8")
    with pytest.raises(NewslakeError) as unknown_article:
        load_split(broken)
    assert unknown_article.value.code == "E037"
