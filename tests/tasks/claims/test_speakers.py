"""Speaker linking: entity keys, kinds, anonymous sources and pronouns."""

from newslake.config import ClaimsConfig
from newslake.tasks.claims.speakers import ANONYMOUS, Speaker, link_speaker

KINDS = ClaimsConfig().speaker_kinds


def mention(text, surface, label, key, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return {"start": start, "end": start + len(surface), "label": label, "entity_key": key}


def speaker_of(text, surface, mentions, earlier=()):
    start = text.index(surface)
    return link_speaker(text, start, start + len(surface), mentions, list(earlier), KINDS)


def test_the_first_person_in_a_titled_speaker_is_the_speaker():
    text = "U.S. State Department spokesperson Matthew Miller neither confirmed nor denied the report."
    mentions = [mention(text, "State Department", "ORG", "u.s. state department"),
                mention(text, "Matthew Miller", "PER", "matthew miller")]
    assert speaker_of(text, "U.S. State Department spokesperson Matthew Miller", mentions) == Speaker("matthew miller", "person")


def test_organisations_get_their_kind_from_their_words():
    text = "Russia's Ministry of Defense claimed it. The publication RBC-Ukraine reported it. The AFU General Staff did not."
    mentions = [mention(text, "Russia", "LOC", "russia"),
                mention(text, "Russia's Ministry of Defense", "ORG", "russia's ministry of defense"),
                mention(text, "RBC-Ukraine", "ORG", "rbc-ukraine"),
                mention(text, "AFU General Staff", "ORG", "afu general staff")]
    assert speaker_of(text, "Russia's Ministry of Defense", mentions) == Speaker("russia's ministry of defense", "government")
    assert speaker_of(text, "The publication RBC-Ukraine", mentions) == Speaker("rbc-ukraine", "media")
    assert speaker_of(text, "The AFU General Staff", mentions) == Speaker("afu general staff", "military")


def test_a_partial_speaker_span_still_finds_the_whole_name():
    text = "Ukrainian President Volodymyr Zelensky refrained from confirming it."
    mentions = [mention(text, "Volodymyr Zelensky", "PER", "volodymyr zelensky")]
    assert speaker_of(text, "Zelensky", mentions) == Speaker("volodymyr zelensky", "person")


def test_anonymous_sources():
    text = "A defense source said so, and senior officials familiar with the matter agreed."
    assert speaker_of(text, "A defense source", []) == Speaker(ANONYMOUS, ANONYMOUS)
    assert speaker_of(text, "senior officials familiar with the matter", []) == Speaker(ANONYMOUS, ANONYMOUS)


def test_pronouns_take_the_nearest_fitting_earlier_speaker():
    text = "Zelensky met Mette Frederiksen. The Kremlin said no. He highlighted drones. It added more."
    mentions = [mention(text, "Zelensky", "PER", "volodymyr zelensky"),
                mention(text, "Mette Frederiksen", "PER", "mette frederiksen"),
                mention(text, "Kremlin", "ORG", "kremlin")]
    earlier = [(0, Speaker("volodymyr zelensky", "person")), (text.index("The Kremlin"), Speaker("kremlin", "government"))]
    # The nearest earlier *speaker* that is a person wins over a nearer person who said nothing.
    assert speaker_of(text, "He", mentions, earlier) == Speaker("volodymyr zelensky", "person")
    assert speaker_of(text, "It", mentions, earlier) == Speaker("kremlin", "government")
    # Without earlier speakers, the nearest earlier mention of the right type.
    assert speaker_of(text, "He", mentions) == Speaker("mette frederiksen", "person")


def test_unnamed_speakers_keep_their_folded_text():
    text = "The spokesman said nothing."
    assert speaker_of(text, "The spokesman", []) == Speaker("spokesman", "government")
    assert link_speaker(text, None, None, [], [], KINDS) == Speaker(None, "unknown")
