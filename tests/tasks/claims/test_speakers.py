"""Speaker linking: entity keys, kinds, anonymous sources and pronouns."""

from newslake.config import ClaimsConfig
from newslake.tasks.claims.speakers import ANONYMOUS, Speaker, link_speaker

KINDS = ClaimsConfig().speaker_kinds


def mention(text, surface, label, key, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return {"start": start, "end": start + len(surface), "label": label, "entity_key": key}


def speaker_of(text, surface, mentions, earlier=(), cue=None):
    """(key, kind) of the speaker `surface`; `cue`: the cue's first word, after it."""
    found = link_of(text, surface, mentions, earlier, cue)
    return Speaker(found.key, found.kind)


def link_of(text, surface, mentions, earlier=(), cue=None):
    start = text.index(surface)
    cue_start = text.index(cue, start) if cue else None
    return link_speaker(text, start, start + len(surface), mentions, list(earlier), KINDS, cue_start)


def resolved(text, surface, mentions, cue, earlier=()):
    """(speaker text after repair, key, kind, resolution, affiliation)."""
    found = link_of(text, surface, mentions, earlier, cue)
    phrase = text[found.start : found.end] if found.start is not None else None
    return phrase, found.key, found.kind, found.resolution, found.affiliation


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
    assert link_speaker(text, None, None, [], [], KINDS) == Speaker(None, "unknown", "none")


def test_a_role_attached_to_an_entity_stays_that_role():
    text = "Stein spokeswoman Melezia Figueroa said so."
    mentions = [mention(text, "Stein", "PER", "jill stein"), mention(text, "Melezia Figueroa", "PER", "melezia figueroa")]
    assert resolved(text, "Stein spokeswoman Melezia Figueroa", mentions, "said") == (
        "Stein spokeswoman Melezia Figueroa", "melezia figueroa", "person", "entity", None)
    text = "Ukraine's attorney general said it. The US Embassy in Ukraine warned. A New York judge ruled."
    mentions = [mention(text, "Ukraine", "LOC", "ukraine"), mention(text, "US", "LOC", "united states"),
                mention(text, "Ukraine", "LOC", "ukraine", 1), mention(text, "New York", "LOC", "new york")]
    assert resolved(text, "Ukraine's attorney general", mentions, "said") == (
        "Ukraine's attorney general", "ukraine's attorney general", "government", "role", "ukraine")
    assert resolved(text, "The US Embassy in Ukraine", mentions, "warned") == (
        "The US Embassy in Ukraine", "us embassy in ukraine", "government", "role", "united states")
    assert resolved(text, "A New York judge", mentions, "ruled") == (
        "A New York judge", "new york judge", "judiciary", "role", "new york")


def test_a_person_in_apposition_to_a_role_is_the_speaker():
    text = "Interfax quoted Ukraine's interior minister, Arsen Avakov, as saying so."
    mentions = [mention(text, "Ukraine", "LOC", "ukraine"), mention(text, "Arsen Avakov", "PER", "arsen avakov")]
    assert resolved(text, "Ukraine's interior minister, Arsen Avakov", mentions, "as")[1:4] == (
        "arsen avakov", "person", "entity")


def test_fragments_relative_pronouns_and_dates_give_way_to_the_noun_phrase():
    text = "WARSAW (AFP) - Ukraine's President Viktor Yanukovych told EU envoys he was willing."
    mentions = [mention(text, "Ukraine", "LOC", "ukraine"), mention(text, "Viktor Yanukovych", "PER", "viktor yanukovych")]
    assert resolved(text, "'s President Viktor Yanukovych", mentions, "told") == (
        "President Viktor Yanukovych", "viktor yanukovych", "person", "entity", None)
    text = "Members of the Saudi government, which has strongly denied any involvement."
    assert resolved(text, "which", [], "has")[:3] == ("the Saudi government", "saudi government", "government")
    text = "The decision is risky for Cruz, who pointedly refused to endorse Trump."
    assert resolved(text, "who", [mention(text, "Cruz", "PER", "ted cruz")], "pointedly")[:4] == (
        "Cruz", "ted cruz", "person", "entity")
    text = "Along with the dispute, the Supreme Court this month rejected a request from Democrats in Ohio."
    mentions = [mention(text, "Supreme Court", "ORG", "supreme court")]
    assert resolved(text, "month", mentions, "rejected")[:4] == ("the Supreme Court", "supreme court", "judiciary", "entity")
    text = "but a Reuters reporter outside the town's police headquarters said he had not heard shooting"
    mentions = [mention(text, "Reuters", "ORG", "reuters")]
    assert resolved(text, "'s", mentions, "said")[:4] == ("a Reuters reporter", "reuters reporter", "media", "role")
    text = "However, Ivana Trump's brief said that was not her view."
    assert resolved(text, "Ivana Trump's", [mention(text, "Ivana Trump", "PER", "ivana trump")], "said") == (
        "Ivana Trump's brief", "ivana trump's brief", "document", "role", "ivana trump")
    text = "Politifact seized on Trump’s claim that there have been thousands."
    assert resolved(text, "’s", [mention(text, "Trump", "PER", "donald trump")], "claim")[:2] == ("Trump", "donald trump")
    text = "Younger black voters, in particular, have expressed misgivings."
    assert resolved(text, "particular,", [], "have") == (
        "Younger black voters", "younger black voters", "civilian", "unlinked", None)
    text = "The program, called EB-5, allows foreign investors in."
    assert resolved(text, "called", [], "allows")[0] == "The program"
    text = "A group of doctors in 2015 wrote a letter."
    assert resolved(text, "A group of doctors in 2015", [], "wrote")[0] == "A group of doctors"


def test_unnamed_sources_with_an_affiliation_stay_anonymous():
    text = "A Democratic source said it. Foreign policy analysts agreed. The Charlotte Observer reported it."
    mentions = [mention(text, "Democratic", "MISC", "democratic")]
    assert resolved(text, "A Democratic source", mentions, "said") == (
        "A Democratic source", ANONYMOUS, ANONYMOUS, ANONYMOUS, "democratic")
    assert resolved(text, "Foreign policy analysts", mentions, "agreed")[1] == ANONYMOUS
    assert resolved(text, "The Charlotte Observer", mentions, "reported")[1] == "charlotte observer"


def test_partitive_phrases_take_the_kind_of_what_they_count():
    text = "One of the two major candidates is propounding views. Nearly eight of 10 voters say so."
    assert speaker_of(text, "One of the two major candidates", [], cue="is").kind == "party"
    assert speaker_of(text, "Nearly eight of 10 voters", [], cue="say").kind == "civilian"


def test_pronouns_and_descriptions_resolve_to_the_entity_they_refer_to():
    text = "Sergey Lavrov met reporters in Moscow. He noted that he could not confirm the reports."
    mentions = [mention(text, "Sergey Lavrov", "PER", "sergey lavrov"), mention(text, "Moscow", "LOC", "moscow")]
    assert resolved(text, "He", mentions, "noted") == ("He", "sergey lavrov", "person", "pronoun", None)
    text = "The Ministry of Defense of Russia issued a note. The ministry said five were downed."
    mentions = [mention(text, "Ministry of Defense", "ORG", "ministry of defense"), mention(text, "Russia", "LOC", "russia")]
    assert resolved(text, "The ministry", mentions, "said") == (
        "The ministry", "ministry of defense", "government", "description", None)
    text = "Kremlin spokeswoman Maria Zakharova spoke. The spokeswoman said no."
    mentions = [mention(text, "Kremlin", "ORG", "kremlin"), mention(text, "Maria Zakharova", "PER", "maria zakharova")]
    assert resolved(text, "The spokeswoman", mentions, "said")[1:4] == ("maria zakharova", "person", "description")
    text = "I cannot fathom it. Some believe it."
    assert resolved(text, "I", [], "cannot") == ("I", None, "media", "author", None)
    assert resolved(text, "Some", [], "believe") == ("Some", None, "civilian", "pronoun", None)


def test_unnamed_speakers_take_the_cameo_sector_of_their_head_noun():
    text = "Police said it. Several judges handling the cases agreed. The poll found it. Protesters said no."
    assert speaker_of(text, "Police", [], cue="said") == Speaker("police", "police")
    assert speaker_of(text, "Several judges handling the cases", [], cue="agreed") == Speaker(
        "several judges handling the cases", "judiciary")
    assert speaker_of(text, "The poll", [], cue="found") == Speaker("poll", "document")
    assert speaker_of(text, "Protesters", [], cue="said") == Speaker("protesters", "opposition")


def test_a_noun_of_a_relative_clause_ending_at_the_cue_gives_way_to_the_antecedent():
    text = "Dick Dever, who was listed on the Cruz slate, told POLITICO he liked Kasich best."
    mentions = [mention(text, "Dick Dever", "PER", "dick dever"), mention(text, "Cruz", "PER", "ted cruz")]
    assert resolved(text, "Cruz slate", mentions, "told")[:4] == ("Dick Dever", "dick dever", "person", "entity")
    text = "The spokesman for the Cruz campaign told reporters it was over."  # no relative clause: kept
    assert resolved(text, "The spokesman for the Cruz campaign", [mention(text, "Cruz", "PER", "ted cruz")], "told")[0] \
        == "The spokesman for the Cruz campaign"
    text = "He gave a television interview, which the station said was recorded in Kharkiv."  # the clause goes on
    assert resolved(text, "the station", [], "said")[0] == "the station"
