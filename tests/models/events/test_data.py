"""Weak trigger labels from story-labelled sentences, the training sample, and the dev gold readers."""

import json
import random

from newslake.models.events.data import (
    IGNORED,
    LabelledSentence,
    label_sentence,
    read_gold,
    training_sample,
)


def tagged(text, label):
    sentence = label_sentence(text, label)
    return [(w, t) for w, t in zip(sentence.words, sentence.tags) if t != "O"]


def test_a_lexicon_trigger_of_the_story_category_is_a_trigger():
    assert tagged("Russian forces struck Kharkiv with missiles on Tuesday.", "ASSAULT") == [("struck", "B-ASSAULT")]
    assert tagged("Teachers went on strike on Monday.", "PROTEST") == [
        ("went", "B-PROTEST"), ("on", "I-PROTEST"), ("strike", "I-PROTEST")]


def test_a_word_with_two_senses_takes_the_story_sense():
    assert tagged("The strike lasted a week.", "PROTEST") == [("strike", "B-PROTEST")]
    assert tagged("The strike lasted a week.", "ASSAULT") == [("strike", "B-ASSAULT")]


def test_triggers_of_other_categories_are_ignored_and_statements_kept():
    sentence = label_sentence("Police arrested two protesters after the rally, the ministry said in a statement.", "COERCE")
    assert sentence.tags == ["O", "B-COERCE", "O", IGNORED, "O", "O", IGNORED, "O", "O", "O", "O", "O", "O",
                             "B-STATEMENT", "O"]
    assert sentence.words[1] == "arrested" and sentence.words[13] == "statement"


def test_statement_words_can_be_left_out_of_the_loss():
    # The statement carries the arrest: by the guidelines it is no STATEMENT, and a story label cannot tell.
    sentence = label_sentence("Police arrested two protesters after the rally, the ministry said in a statement.", "COERCE",
                              ignore_statement_words=True)
    assert (sentence.tags[1], sentence.tags[13]) == ("B-COERCE", IGNORED)
    announced = label_sentence("The ministry announced new sanctions on Friday.", "SANCTION", ignore_statement_words=True)
    assert [(w, t) for w, t in zip(announced.words, announced.tags) if t != "O"] == [
        ("announced", IGNORED), ("sanctions", "B-SANCTION")]


def test_a_sentence_without_lexicon_words_is_all_outside():
    sentence = label_sentence("The weather in Kyiv was mild.", "ASSAULT")
    assert set(sentence.tags) == {"O"} and not sentence.has_trigger


def test_training_sample_keeps_the_negative_share():
    positive = [LabelledSentence(["hit"], ["B-ASSAULT"]) for _ in range(10)]
    negative = [LabelledSentence(["calm"], ["O"]) for _ in range(10)]
    sample = training_sample(positive + negative, 8, 0.25, random.Random(1))
    assert len(sample) == 8
    assert sum(s.has_trigger for s in sample) == 6


def test_read_gold_scores_v2_on_every_category_and_v1_on_its_mapped_ones(tmp_path):
    v2 = tmp_path / "v2.jsonl"
    v2.write_text(json.dumps({"doc_id": "a", "text": "Police arrested him.", "events": [
        {"category": "COERCE", "cameo": "17", "triggers": [{"start": 7, "end": 15, "text": "arrested"}]}]}) + "\n")
    v1 = tmp_path / "v1.jsonl"
    v1.write_text("".join(json.dumps(doc) + "\n" for doc in [
        {"doc_id": "a", "text": "ignored: the v2 file has it", "events": []},
        {"doc_id": "b", "text": "A fire broke out. Jets bombed the town.", "events": [
            {"event_type": "accident_disaster", "triggers": [{"start": 2, "end": 6, "text": "fire"}]},
            {"event_type": "attack", "triggers": [{"start": 23, "end": 29, "text": "bombed"}]}]}]))
    first, second = read_gold([v2, v1])
    assert (first.doc_id, [(t.start, t.end, t.category) for t in first.triggers]) == ("a", [(7, 15, "COERCE")])
    assert len(first.scored) == 17
    assert (second.doc_id, [(t.start, t.end, t.category) for t in second.triggers]) == ("b", [(23, 29, "ASSAULT")])
    assert second.scored == {"ASSAULT", "SUPPORT", "CONSULT", "SANCTION", "COERCE", "PROTEST", "AID"}


def test_an_ngec_file_without_its_columns_or_with_unknown_labels_is_e053(tmp_path):
    import pytest

    from newslake.errors import NewslakeError
    from newslake.models.events.data import read_ngec

    no_label = tmp_path / "a.csv"
    no_label.write_text("text,title\nA story.,T\n")
    unknown = tmp_path / "b.csv"
    unknown.write_text('text,label\n"Jets bombed the town.",ASSAULT\n"A storm hit.",DISASTER\n')
    for path, words in ((no_label, "lacks the column(s) ['label']"), (unknown, "story labels ['DISASTER']")):
        with pytest.raises(NewslakeError) as error:
            read_ngec(path)
        assert error.value.code == "E053" and words in error.value.message


def test_annotated_articles_become_sentences_with_gold_tags():
    from newslake.models.events.data import DevText, Trigger, gold_sentences

    text = "Jets bombed the town on Monday. The two sides held peace talks."
    article = DevText(text, [Trigger(5, 11, "ASSAULT"), Trigger(50, 61, "CONSULT")], frozenset({"ASSAULT", "CONSULT"}))
    first, second = gold_sentences([article])
    assert list(zip(first.words, first.tags)) == [("Jets", "O"), ("bombed", "B-ASSAULT"), ("the", "O"), ("town", "O"),
                                                  ("on", "O"), ("Monday", "O"), (".", "O")]
    assert [(w, t) for w, t in zip(second.words, second.tags) if t != "O"] == [("peace", "B-CONSULT"),
                                                                              ("talks", "I-CONSULT")]
