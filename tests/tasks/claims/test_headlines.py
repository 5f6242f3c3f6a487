"""Headline attributions: the patterns of headline grammar, who counts as a speaker, and title mentions."""

import pytest

from newslake.config import ClaimsConfig
from newslake.tasks.claims.headlines import headline_attribution, headline_via, title_mentions

KINDS = ClaimsConfig().speaker_kinds


def mention(title, name, label, key):
    start = title.index(name)
    return {"start": start, "end": start + len(name), "label": label, "entity_key": key}


def parts(title, mentions=()):
    found = headline_attribution(title, list(mentions), KINDS)
    if found is None:
        return None
    attribution, speaker = found
    cut = lambda span: title[span.start : span.end]  # noqa: E731
    return cut(attribution.source), speaker.key, speaker.kind, cut(attribution.cue), cut(attribution.content)


@pytest.mark.parametrize(("title", "names", "expected"), [
    ("Pentagon confirms strike on Iranian-backed militia in Syria", [("Pentagon", "ORG", "pentagon")],
     ("Pentagon", "pentagon", "military", "confirms", "strike on Iranian-backed militia in Syria")),
    ("Russia denies involvement in Navalny poisoning", [("Russia", "LOC", "russia")],
     ("Russia", "russia", "government", "denies", "involvement in Navalny poisoning")),
    ("Clinton Hid Past Health Problems From Public, Former White House Doctor Says", [("White House", "ORG", "white house")],
     ("Former White House Doctor", "former white house doctor", "health", "Says",
      "Clinton Hid Past Health Problems From Public")),
    ("Kramatorsk station hit by missile, Ukrainian officials say", [],
     ("Ukrainian officials", "anonymous", "anonymous", "say", "Kramatorsk station hit by missile")),
    ("Trump says he will sign the bill", [("Trump", "PER", "donald trump")],
     ("Trump", "donald trump", "person", "says", "he will sign the bill")),
    ("Kremlin: U.S. decision would escalate war", [("Kremlin", "ORG", "kremlin")],
     ("Kremlin", "kremlin", "government", ":", "U.S. decision would escalate war")),
    ("UN chief calls for ceasefire", [("UN", "ORG", "united nations")],
     ("UN chief", "un chief", "unknown", "calls for", "ceasefire")),
    ("Brexit vote will delay decision on EU-Ukraine deal, says Rutte", [("Rutte", "PER", "mark rutte")],
     ("Rutte", "mark rutte", "person", "says", "Brexit vote will delay decision on EU-Ukraine deal")),
    ("Guatemala ready to join special tribunal for Russia - Zelensky", [("Zelensky", "PER", "volodymyr zelensky")],
     ("Zelensky", "volodymyr zelensky", "person", "-", "Guatemala ready to join special tribunal for Russia")),
    ("Russian forces interfering at Ukraine nuclear plant: IAEA", [("IAEA", "ORG", "iaea")],
     ("IAEA", "iaea", "organization", ":", "Russian forces interfering at Ukraine nuclear plant")),
    ("The Latest: Trump urges supporters to monitor polling places", [("Trump", "PER", "donald trump")],
     ("Trump", "donald trump", "person", "urges", "supporters to monitor polling places")),
    ("US rules out Ukraine no-fly zone after Zelenskyy appeal", [("US", "LOC", "united states")],
     ("US", "united states", "government", "rules out", "Ukraine no-fly zone after Zelenskyy appeal")),
    ("China rebuts American criticism on overcapacity; Investment, official says, helped", [("China", "LOC", "china")],
     ("China", "china", "government", "rebuts", "American criticism on overcapacity")),
    ("Ihor Kolykhaev: People were abducted (05.04.22 18:20) « War in Ukraine | Censor.NET",
     [("Ihor Kolykhaev", "PER", "ihor kolykhaev")],
     ("Ihor Kolykhaev", "ihor kolykhaev", "person", ":", "People were abducted")),
])
def test_headline_patterns(title, names, expected):
    assert parts(title, [mention(title, n, label, key) for n, label, key in names]) == expected


@pytest.mark.parametrize(("title", "names"), [
    ("Mariupol: Residents receive five liters of drinking water per week", [("Mariupol", "LOC", "mariupol")]),
    ("Ukraine crisis: EU signs association deal", [("Ukraine", "LOC", "ukraine"), ("EU", "ORG", "european union")]),
    ("Ukraine and Russia: What you need to know right now", [("Ukraine", "LOC", "ukraine")]),
    ("Flight attendants' union endorses Clinton", [("Clinton", "PER", "hillary clinton")]),
    ("Transnistria wants to merge with Russia", [("Transnistria", "LOC", "transnistria")]),
    ("2016 Nerdcast: Was firing Lewandowski the start of Trump's reset?", [("Nerdcast", "ORG", "nerdcast")]),
    ("Steinmeier about Ukraine: Steinmeier wants to talk to Zelensky", [("Steinmeier", "PER", "steinmeier")]),
    ("IAEA head ignores gunfire to visit Ukraine nuclear plant, says experts to stay", [("IAEA", "ORG", "iaea")]),
    ("Third Wave of Sanctions Slams Russian Stocks", []),
    ("NATO Recon Missed Everything: Details of Crimea Operation", [("NATO", "ORG", "nato")]),
    ("Small Steps Toward College Savings", []),
    ("", []),
])
def test_headlines_without_a_speaker_give_no_claim(title, names):
    assert parts(title, [mention(title, n, label, key) for n, label, key in names]) is None


def test_title_mentions_find_the_body_names_and_a_persons_surname():
    body = "Ukrainian President Volodymyr Zelensky spoke in Kyiv."
    mentions = [mention(body, "Volodymyr Zelensky", "PER", "volodymyr zelensky"), mention(body, "Kyiv", "LOC", "kyiv")]
    title = "Zelensky: Kyiv will not give up"
    assert title_mentions(title, mentions, body) == [
        {"start": 0, "end": 8, "label": "PER", "entity_key": "volodymyr zelensky"},
        {"start": 10, "end": 14, "label": "LOC", "entity_key": "kyiv"},
    ]


@pytest.mark.parametrize(("title", "names", "content", "via"), [
    ("Kremlin denies plans to annex Donbas, RIA says", [("Kremlin", "ORG", "kremlin")], "plans to annex Donbas", "RIA"),
    ("Ukraine says Russia shelled Kharkiv overnight - Interfax", [("Ukraine", "LOC", "ukraine")],
     "Russia shelled Kharkiv overnight", "Interfax"),
    ("Zelensky tells CNN Ukraine will not give up territory", [("Zelensky", "PER", "volodymyr zelensky"), ("CNN", "ORG", "cnn")],
     "Ukraine will not give up territory", "CNN"),
    ("Zelensky tells Biden Ukraine needs jets", [("Zelensky", "PER", "volodymyr zelensky"), ("Biden", "PER", "joe biden")],
     "Biden Ukraine needs jets", None),  # a person told is no outlet
    ("Trump says he will sign the bill", [("Trump", "PER", "donald trump")], "he will sign the bill", None),
])
def test_the_source_a_headline_statement_passed_through(title, names, content, via):
    mentions = [mention(title, *name) for name in names]
    attribution, _ = headline_attribution(title, mentions, KINDS)
    attribution, found = headline_via(title, attribution, mentions, KINDS)
    cut = lambda span: title[span.start : span.end] if span is not None else None  # noqa: E731
    assert (cut(attribution.content), cut(found)) == (content, via)


@pytest.mark.parametrize(("title", "names", "expected"), [
    ("Zaporizhzhia NPP: Radiation leak at ZNPP will be violation of Article 5, - British MP Ellwood (20.08.22 13:35) « War in Ukraine | Censor.NET",
     [("Zaporizhzhia NPP", "ORG", "zaporizhzhia npp"), ("Ellwood", "PER", "tobias ellwood")],
     ("British MP Ellwood", "tobias ellwood", "person", "-", "Radiation leak at ZNPP will be violation of Article 5")),
    ("Yermak: Yermak says over 90% of Ukrainians will defend their country", [("Yermak", "PER", "andriy yermak")],
     ("Yermak", "andriy yermak", "person", "says", "over 90% of Ukrainians will defend their country")),
    ("shell Chernihiv: Russian military shell Chernihiv overnight – authorities. VIDEO (30.03.22 10:19) « War in Ukraine | Censor.NET",
     [], ("authorities", "authorities", "government", "–", "Russian military shell Chernihiv overnight")),
])
def test_site_headline_conventions(title, names, expected):
    body = " ".join(name for name, *_ in names)  # each name once in the body: title_mentions finds every occurrence
    found = [{"start": body.index(name), "end": body.index(name) + len(name), "label": label, "entity_key": key}
             for name, label, key in names]
    assert parts(title, title_mentions(title, found, body)) == expected


def test_a_lowercase_source_after_a_dash_is_a_via_and_other_dashes_are_not():
    title = "Moroccan mercenary’s lawyer says defendant a victim of Ukrainian propaganda — agency"
    attribution, _ = headline_attribution(title, [], KINDS)
    attribution, via = headline_via(title, attribution, [], KINDS)
    assert title[via.start : via.end] == "agency"
    title = "Putin says the talks have stalled - for now"
    attribution, _ = headline_attribution(title, [mention(title, "Putin", "PER", "vladimir putin")], KINDS)
    assert headline_via(title, attribution, [], KINDS)[1] is None


def test_a_blank_label_before_a_colon_is_no_headline_claim():
    assert headline_attribution("   : nothing before the colon", [], KINDS) is None


def test_a_name_the_body_never_spells_is_found_by_the_cameo_dictionaries():
    body = "The UN nuclear watchdog says a blackout compromises safe operation."
    title = "IAEA warns blackout threatens safety at Ukraine nuclear plant"
    found = title_mentions(title, [], body)
    assert [(title[m["start"] : m["end"]], m["label"], m["entity_key"], m["sector"]) for m in found] == [
        ("IAEA", "ORG", "iaea", "IGO"), ("Ukraine", "LOC", "ukraine", None)]
    assert parts(title, found) == ("IAEA", "iaea", "international", "warns", "blackout threatens safety at Ukraine nuclear plant")
    title = "Russia says Azovstal siege is over"
    assert parts(title, title_mentions(title, [], "")) == ("Russia", "russia", "government", "says", "Azovstal siege is over")


@pytest.mark.parametrize(("title", "expected"), [
    ("Russia ruined about 80,000 objects in Ukraine – Zelensky",
     ("Zelensky", "zelensky", "person", "–", "Russia ruined about 80,000 objects in Ukraine")),
    ("Invaders continuing to accumulate equipment in Zaporizhia region - ISW",
     ("ISW", "isw", "organization", "-", "Invaders continuing to accumulate equipment in Zaporizhia region")),
    # the dash's speaker said the whole headline, verb and all
    ("Ukraine expects long-range weapons from partners - Commander-in-Chief",
     ("Commander-in-Chief", "commander-in-chief", "person", "-", "Ukraine expects long-range weapons from partners")),
])
def test_a_name_after_a_headline_dash_is_its_speaker(title, expected):
    assert parts(title, title_mentions(title, [], "")) == expected


def test_a_dash_that_names_the_outlet_keeps_the_verbs_speaker():
    title = "Ukraine says Russia shelled Kharkiv overnight - Interfax"
    assert parts(title, title_mentions(title, [], ""))[:2] == ("Ukraine", "ukraine")
