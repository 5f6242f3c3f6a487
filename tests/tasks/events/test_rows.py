"""The events stage's rules over hand-written model outputs: which trigger spans become events,
how mentions join, and how argument spans become actors, places and dates (no model runs here)."""

import re
from datetime import UTC, date, datetime

from newslake.tasks.events.ontology import load_ontology
from newslake.tasks.events.reader import EventReader
from newslake.tasks.events.rows import event_rows
from newslake.tasks.events.weapons import load_weapons
from newslake.text.spans import Span


def entity(text, surface, label, key, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return {"article_id": "a", "start": start, "end": start + len(surface), "text": surface, "label": label,
            "entity_key": key}


def reader(triggers, arguments=None, min_score=0.5):
    """A reader whose trigger model finds `triggers` (word -> (category, probability)) wherever the
    words occur, and whose argument model gives, for a trigger word, `arguments[word]`
    (role -> the words of its span, found in the trigger's sentence)."""
    arguments = arguments or {}

    def find_triggers(texts):
        return [[Span(m.start(), m.end(), category, score) for word, (category, score) in triggers.items()
                 for m in re.finditer(rf"\b{re.escape(word)}\b", text)] for text in texts]

    def find_arguments(items):
        found = []
        for query in items:
            text, sentence, (start, end) = query.text, query.sentence, query.trigger
            roles = arguments.get(text[start:end], {})
            found.append([Span(text.index(words, sentence[0]), text.index(words, sentence[0]) + len(words), role, 0.9)
                          for role, words in roles.items()])
        return found

    return EventReader(find_triggers, find_arguments, load_ontology(), load_weapons(), min_score)


def events_of(text, events_reader, entities=(), published="2024-11-19"):
    published_at = datetime.fromisoformat(published).replace(tzinfo=UTC) if published else None
    article = {"article_id": "a", "text": text, "published_at": published_at, "date": published or "unknown"}
    return event_rows([article], list(entities), events_reader)


STRIKE = ("Russia's Ministry of Defense claimed that on the night of November 19, the AFU launched six ATACMS "
          "missiles at a facility in the Bryansk region. According to the ministry, five missiles were "
          "intercepted, while one was damaged.")
STRIKE_ENTITIES = [entity(STRIKE, "Russia", "LOC", "russia"), entity(STRIKE, "Ministry of Defense", "ORG", "ministry of defense"),
                   entity(STRIKE, "AFU", "ORG", "armed forces of ukraine"), entity(STRIKE, "ATACMS", "MISC", "atacms"),
                   entity(STRIKE, "Bryansk region", "LOC", "bryansk region")]


def test_mentions_of_one_strike_are_one_event_with_every_slot():
    strike = reader({"launched": ("ASSAULT", 0.93), "intercepted": ("ASSAULT", 0.71)},
                    {"launched": {"AGENT": "the AFU", "TARGET": "a facility", "PLACE": "in the Bryansk region",
                                  "TIME": "on the night of November 19"}})
    [event] = events_of(STRIKE, strike, STRIKE_ENTITIES)
    assert (event["category"], event["cameo"], event["modality"], event["trigger"]) == ("ASSAULT", "19", "asserted", "launched")
    assert event["event_type"] == "attack"
    assert [STRIKE[m["start"] : m["end"]] for m in event["mentions"]] == ["launched", "intercepted"]
    assert (event["event_date"], event["date_precision"], event["date_text"]) == (date(2024, 11, 19), "day", "November 19")
    assert (event["location"], event["location_key"]) == ("Bryansk region", "bryansk region")
    # "a facility" is no political actor, but what an attack struck is its target (DESIGN.md's worked example)
    assert [(a["role"], a["entity_key"], a["text"]) for a in event["actors"]] == [
        ("agent", "armed forces of ukraine", "AFU"), ("target", None, "facility")]
    assert (event["weapon"], event["weapon_class"]) == ("ATACMS", "missile")
    assert event["quantities"] == [{"what": "missiles", "action": "launched", "value": 6},
                                   {"what": "missiles", "action": "intercepted", "value": 5},
                                   {"what": "missiles", "action": "damaged", "value": 1}]
    assert event["score"] == 0.93  # the most probable of its mentions
    assert event["description"] == "AFU launched facility in Bryansk region with ATACMS"


def test_spans_below_the_threshold_or_inside_a_name_are_no_events():
    text = "Assistant Secretary Strike Smith said the talks in Geneva were productive."
    entities = [entity(text, "Strike Smith", "PER", "strike smith"), entity(text, "Geneva", "LOC", "geneva")]
    assert events_of(text, reader({"Strike": ("ASSAULT", 0.9), "talks": ("CONSULT", 0.4)}), entities) == []
    [talks] = events_of(text, reader({"Strike": ("ASSAULT", 0.9), "talks": ("CONSULT", 0.6)}), entities)
    assert (talks["category"], talks["cameo"], talks["location"]) == ("CONSULT", "04", "Geneva")


def test_a_denied_attack_is_a_row_of_its_own_modality_and_not_joined_to_the_asserted_one():
    text = ("Rebels attacked the base on Monday. The army denied attacking the village on Tuesday. "
            "Officials said the army will attack again.")
    found = events_of(text, reader({"attacked": ("ASSAULT", 0.9), "attacking": ("ASSAULT", 0.8), "attack": ("ASSAULT", 0.7)}),
                      published="2024-03-07")
    assert [(e["trigger"], e["modality"]) for e in found] == [("attacked", "asserted"), ("attacking", "denied"),
                                                              ("attack", "future")]
    assert [e["event_date"] for e in found] == [date(2024, 3, 4), date(2024, 3, 5), None]


def test_two_dates_are_two_events_of_one_category():
    text = "Police arrested him in 1993. Police arrested him again in 2000."
    found = events_of(text, reader({"arrested": ("COERCE", 0.9)}))
    assert [(e["category"], e["mode"], e["cameo"], e["event_date"]) for e in found] == [
        ("COERCE", "arrest", "17", date(1993, 1, 1)), ("COERCE", "arrest", "17", date(2000, 1, 1))]
    assert [e["event_type"] for e in found] == ["arrest_legal", "arrest_legal"]


def test_actor_codes_and_entity_keys_of_argument_spans():
    text = "Ukrainian police detained 12 activists near Lviv on Friday."
    entities = [entity(text, "Ukrainian", "MISC", "ukrainian"), entity(text, "Lviv", "LOC", "lviv")]
    [event] = events_of(text, reader({"detained": ("COERCE", 0.8)},
                                     {"detained": {"AGENT": "Ukrainian police", "TARGET": "12 activists", "PLACE": "near Lviv",
                                                   "TIME": "on Friday"}}), entities, published="2024-05-06")
    # The nationality modifies the noun: the actor is the police, not "Ukrainian"; the count is no part of a name.
    assert [(a["role"], a["entity_key"], a["text"], a["country"], a["sector"]) for a in event["actors"]] == [
        ("agent", None, "Ukrainian police", "UKR", "COP"), ("target", None, "activists", None, "OPP")]
    assert (event["location"], event["location_key"], event["event_date"]) == ("Lviv", "lviv", date(2024, 5, 3))


def test_an_event_without_a_place_happened_where_the_dateline_says():
    text = "KIEV (Reuters) - Protesters rallied outside parliament on Sunday, demanding new elections."
    entities = [entity(text, "KIEV", "LOC", "kyiv")]
    [rally] = events_of(text, reader({"rallied": ("PROTEST", 0.9)}), entities)
    assert (rally["category"], rally["location"], rally["location_key"]) == ("PROTEST", "KIEV", "kyiv")


def test_who_talks_about_an_event_noun_is_not_its_agent():
    said = "Russian Foreign Minister Sergey Lavrov described the strikes as escalation."
    [strikes] = events_of(said, reader({"strikes": ("ASSAULT", 0.8)}, {"strikes": {"AGENT": "Russian Foreign Minister Sergey Lavrov"}}),
                          [entity(said, "Sergey Lavrov", "PER", "sergey lavrov")])
    assert strikes["actors"] == []
    owned = "Russia's attack on Kharkiv continued."
    [attack] = events_of(owned, reader({"attack": ("ASSAULT", 0.8)}, {"attack": {"AGENT": "Russia", "TARGET": "on Kharkiv"}}),
                         [entity(owned, "Russia", "LOC", "russia"), entity(owned, "Kharkiv", "LOC", "kharkiv")])
    assert [(a["role"], a["entity_key"], a["text"]) for a in attack["actors"]] == [
        ("agent", "russia", "Russia"), ("target", "kharkiv", "Kharkiv")]


def test_a_weapon_is_no_actor_and_an_adjective_keeps_its_letters():
    text = "Biden authorized Ukraine to use ATACMS missiles. American-made drones struck the depot."
    entities = [entity(text, "Biden", "PER", "joe biden"), entity(text, "Ukraine", "LOC", "ukraine"),
                entity(text, "ATACMS", "MISC", "atacms")]
    found = events_of(text, reader({"authorized": ("SUPPORT", 0.6), "struck": ("ASSAULT", 0.9)},
                                   {"authorized": {"AGENT": "Biden", "TARGET": "ATACMS missiles"},
                                    "struck": {"AGENT": "American-made drones", "TARGET": "the depot"}}), entities)
    # The drones are what struck, not who; the depot is what an attack struck: its target
    assert [[(a["role"], a["text"]) for a in e["actors"]] for e in found] == [[("agent", "Biden")], [("target", "depot")]]
    assert [(e["category"], e["weapon"]) for e in found] == [("SUPPORT", None), ("ASSAULT", "drone")]


def test_who_wields_a_weapon_is_an_actor_and_a_coalition_no_weapon_name():
    text = "Two gunmen attacked a checkpoint. US-led air strikes hit the town with bombs."
    entities = [entity(text, "US-led", "MISC", "us-led")]
    found = events_of(text, reader({"attacked": ("ASSAULT", 0.9), "hit": ("ASSAULT", 0.9)},
                                   {"attacked": {"AGENT": "Two gunmen", "TARGET": "a checkpoint"},
                                    "hit": {"AGENT": "US-led air strikes", "TARGET": "the town"}}), entities)
    # "gunmen" says with what and who; "US-led" names who led the strikes, not a weapon system
    assert [[(a["role"], a["text"]) for a in e["actors"]] for e in found] == [
        [("agent", "gunmen"), ("target", "checkpoint")], [("target", "town")]]
    assert [e["weapon"] for e in found] == ["small arms", "airstrike"]


def test_an_infinitive_clause_is_what_was_authorized_not_whom():
    text = "Biden authorized Ukraine to conduct strikes. Kyiv sent aid to the rebels."
    entities = [entity(text, "Biden", "PER", "joe biden"), entity(text, "Ukraine", "LOC", "ukraine"),
                entity(text, "Kyiv", "LOC", "kyiv")]
    found = events_of(text, reader({"authorized": ("SUPPORT", 0.6), "sent": ("AID", 0.7)},
                                   {"authorized": {"AGENT": "Biden", "TARGET": "conduct strikes"},
                                    "sent": {"AGENT": "Kyiv", "TARGET": "the rebels"}}), entities)
    assert [[(a["role"], a["text"]) for a in e["actors"]] for e in found] == [
        [("agent", "Biden")], [("agent", "Kyiv"), ("target", "rebels")]]


def test_a_date_that_names_another_noun_does_not_date_the_event():
    text = "Obama condemned Friday's test on Saturday. Officials praised Thursday's protests."
    found = events_of(text, reader({"condemned": ("ACCUSE", 0.9), "protests": ("PROTEST", 0.8)}), published="2016-09-10")
    # "Friday's test" dates the test; "on Saturday" (the publish day) dates the condemnation; the protests are Thursday's
    assert [(e["trigger"], e["event_date"], e["date_text"]) for e in found] == [
        ("condemned", date(2016, 9, 10), "on Saturday"), ("protests", date(2016, 9, 8), "Thursday")]


def test_a_date_of_another_verb_does_not_date_the_event():
    text = "The senate on Friday rejected the governor's offer of talks."
    found = events_of(text, reader({"rejected": ("REJECT", 0.9), "offer": ("AGREE", 0.8)}), published="2021-03-12")
    # "on Friday" dates the rejection; when the offer was made, the sentence does not say
    assert [(e["trigger"], e["event_date"], e["date_text"]) for e in found] == [
        ("rejected", date(2021, 3, 12), "on Friday"), ("offer", None, None)]


def test_an_undated_act_takes_the_date_of_the_report_that_tells_it():
    text = ("The governor on Friday said that militants shelled the port. "
            "The mayor on Friday said that police had arrested two men. "
            "The mayor on Friday said that militants would shell the port. "
            "Outlets reported on Friday the envoy had more than one conversation with the rebels.")
    triggers = {"shelled": ("ASSAULT", 0.9), "arrested": ("COERCE", 0.9), "shell": ("ASSAULT", 0.9),
                "conversation": ("CONSULT", 0.9)}
    found = events_of(text, reader(triggers), published="2021-03-12")
    # the report is the latest day the shelling can have happened; "had arrested" and "had ... conversation" place the
    # act before the report, and what is still to come has no day yet
    assert [(e["trigger"], e["modality"], e["event_date"]) for e in found] == [
        ("shelled", "asserted", date(2021, 3, 12)), ("arrested", "asserted", None), ("shell", "future", None),
        ("conversation", "asserted", None)]


def test_a_future_event_takes_the_next_weekday():
    text = "Suu Kyi met Obama on Wednesday. She will visit Capitol Hill on Thursday."
    found = events_of(text, reader({"met": ("CONSULT", 0.9), "visit": ("CONSULT", 0.8)}), published="2016-09-16")
    assert [(e["trigger"], e["modality"], e["event_date"]) for e in found] == [
        ("met", "asserted", date(2016, 9, 14)), ("visit", "future", date(2016, 9, 22))]


def test_the_subject_of_a_light_verb_is_the_agent_of_its_event_noun():
    imposed = "The EU imposed new sanctions on Russia."
    [event] = events_of(imposed, reader({"sanctions": ("SANCTION", 0.9)}, {"sanctions": {"AGENT": "The EU", "TARGET": "Russia"}}),
                        [entity(imposed, "EU", "ORG", "european union"), entity(imposed, "Russia", "LOC", "russia")])
    assert [(a["role"], a["text"]) for a in event["actors"]] == [("agent", "EU"), ("target", "Russia")]
    described = "Lavrov described the sanctions as theft."
    [event] = events_of(described, reader({"sanctions": ("SANCTION", 0.9)}, {"sanctions": {"AGENT": "Lavrov"}}),
                        [entity(described, "Lavrov", "PER", "sergey lavrov")])
    assert event["actors"] == []  # who talks about the sanctions did not impose them


def test_a_country_an_act_is_aimed_at_is_its_target_not_its_place():
    text = "Norway imposed sanctions on Chile. Peru sent troops to Chile."
    entities = [entity(text, "Norway", "LOC", "norway"), entity(text, "Chile", "LOC", "chile"),
                entity(text, "Peru", "LOC", "peru"), entity(text, "Chile", "LOC", "chile", occurrence=1)]
    found = events_of(text, reader({"sanctions": ("SANCTION", 0.9), "sent": ("MOBILIZE", 0.9)},
                                   {"sanctions": {"AGENT": "Norway", "PLACE": "on Chile"},
                                    "sent": {"AGENT": "Peru", "PLACE": "to Chile"}}), entities)
    assert [(e["category"], e["location"], [(a["role"], a["text"]) for a in e["actors"]]) for e in found] == [
        ("SANCTION", None, [("agent", "Norway"), ("target", "Chile")]),
        ("MOBILIZE", "Chile", [("agent", "Peru")])]  # where troops were deployed


def test_an_entity_is_named_as_the_event_sentence_names_it():
    text = "The European Union met in Brussels. Later the EU condemned the vote."
    entities = [entity(text, "European Union", "ORG", "european union"), entity(text, "Brussels", "LOC", "brussels"),
                entity(text, "EU", "ORG", "european union")]
    [event] = events_of(text, reader({"condemned": ("ACCUSE", 0.9)}, {"condemned": {"AGENT": "the EU"}}), entities)
    assert [(a["entity_key"], a["text"]) for a in event["actors"]] == [("european union", "EU")]


def test_who_meets_whom_are_both_agents_but_a_visit_has_a_host():
    text = "Kerry met Klitschko in Munich. Suu Kyi visited Obama."
    entities = [entity(text, "Kerry", "PER", "john kerry"), entity(text, "Klitschko", "PER", "vitaly klitschko"),
                entity(text, "Munich", "LOC", "munich"), entity(text, "Suu Kyi", "PER", "aung san suu kyi"),
                entity(text, "Obama", "PER", "barack obama")]
    found = events_of(text, reader({"met": ("CONSULT", 0.9), "visited": ("CONSULT", 0.9)},
                                   {"met": {"AGENT": "Kerry", "TARGET": "Klitschko"},
                                    "visited": {"AGENT": "Suu Kyi", "TARGET": "Obama"}}), entities)
    assert [[(a["role"], a["text"]) for a in e["actors"]] for e in found] == [
        [("agent", "Kerry"), ("agent", "Klitschko")], [("agent", "Suu Kyi"), ("target", "Obama")]]


def test_whose_event_noun_it_is_does_it():
    text = "A spokeswoman did not comment on Trump's criticism."
    [event] = events_of(text, reader({"criticism": ("ACCUSE", 0.9)}, {"criticism": {"TARGET": "Trump"}}),
                        [entity(text, "Trump", "PER", "donald trump")])
    assert [(a["role"], a["text"]) for a in event["actors"]] == [("agent", "Trump")]


def test_a_verbal_event_keeps_only_the_counts_something_happened_to():
    text = "The three leaders condemned the attack in which 14 people were killed."
    [event] = events_of(text, reader({"condemned": ("ACCUSE", 0.9)}))
    assert event["quantities"] == [{"what": "people", "action": "killed", "value": 14}]


def test_a_count_belongs_to_the_event_word_nearest_it():
    text = "At the summit the leaders condemned the air strike that killed 14 people, and 3 delegates walked out."
    found = events_of(text, reader({"summit": ("CONSULT", 0.9), "condemned": ("ACCUSE", 0.9),
                                    "air strike": ("ASSAULT", 0.9), "walked out": ("PROTEST", 0.8)}))
    counts = {e["trigger"]: [(q["action"], q["value"]) for q in e["quantities"]] for e in found}
    # The dead are the strike's alone; the delegates are the walkout's, though they walked out after the count.
    assert counts == {"summit": [], "condemned": [], "air strike": [("killed", 14)], "walked out": [(None, 3)]}


def test_rows_of_absurd_numbers_still_fit_the_events_table():
    import pyarrow as pa

    from newslake.schemas import spec

    text = "Rebels fired 1,000,000,000,000,000,000 rockets and 99999999999999999999999 people were killed; 12 men died."
    found = events_of(text, reader({"fired": ("ASSAULT", 0.9)}))
    table = pa.Table.from_pylist(found, schema=spec("events").write_schema)  # what staging writes
    assert table.column("quantities").to_pylist() == [[{"what": "men", "action": "died", "value": 12}]]


def test_mentions_whose_participants_differ_are_two_occurrences():
    text = "Lavrov accused the EU of meddling. Kerry blamed Moscow for the war. Lavrov also criticised Brussels."
    entities = [entity(text, "Lavrov", "PER", "sergey lavrov"), entity(text, "EU", "ORG", "european union"),
                entity(text, "Kerry", "PER", "john kerry"), entity(text, "Moscow", "LOC", "moscow"),
                entity(text, "Lavrov", "PER", "sergey lavrov", occurrence=1), entity(text, "Brussels", "LOC", "brussels")]
    found = events_of(text, reader({"accused": ("ACCUSE", 0.9), "blamed": ("ACCUSE", 0.8), "criticised": ("ACCUSE", 0.7)},
                                   {"accused": {"AGENT": "Lavrov", "TARGET": "the EU"},
                                    "blamed": {"AGENT": "Kerry", "TARGET": "Moscow"},
                                    "criticised": {"AGENT": "Lavrov", "TARGET": "Brussels"}}), entities)
    # Kerry's accusation shares no one with Lavrov's: another occurrence; Lavrov's criticism passes over Kerry's
    # event and joins his first.
    assert [[text[m["start"] : m["end"]] for m in e["mentions"]] for e in found] == [["accused", "criticised"], ["blamed"]]


def test_targets_named_otherwise_do_not_keep_two_mentions_apart():
    text = "Riot police clashed with protesters in the square. The killing of demonstrators drew condemnation."
    [event] = events_of(text, reader({"clashed": ("ASSAULT", 0.9), "killing": ("ASSAULT", 0.8)},
                                     {"clashed": {"AGENT": "Riot police", "TARGET": "protesters"},
                                      "killing": {"TARGET": "demonstrators"}}))
    # the demonstrators are the protesters under another name: who acted is what tells two occurrences apart
    assert [text[m["start"] : m["end"]] for m in event["mentions"]] == ["clashed", "killing"]


def test_a_missile_and_rockets_in_one_report_are_one_strike():
    text = "A Russian missile struck the station in Kramatorsk on Friday. Two rockets hit the station in the morning."
    entities = [entity(text, "Russian", "MISC", "russian"), entity(text, "Kramatorsk", "LOC", "kramatorsk")]
    [event] = events_of(text, reader({"struck": ("ASSAULT", 0.9), "hit": ("ASSAULT", 0.8)}), entities, published="2022-04-08")
    assert ([text[m["start"] : m["end"]] for m in event["mentions"]], event["weapon"], event["event_date"]) == (
        ["struck", "hit"], "missile", date(2022, 4, 8))


def test_the_maker_of_a_weapon_is_no_actor():
    text = "The AFU used American long-range missiles to target sites in Russia."
    entities = [entity(text, "AFU", "ORG", "armed forces of ukraine"), entity(text, "American", "MISC", "american"),
                entity(text, "Russia", "LOC", "russia")]
    [event] = events_of(text, reader({"target": ("ASSAULT", 0.8)},
                                     {"target": {"AGENT": "American long-range missiles", "TARGET": "sites"}}), entities)
    assert [(a["role"], a["entity_key"], a["text"]) for a in event["actors"]] == [("target", None, "sites")]
    assert event["weapon"] == "missile"


def test_two_occurrences_of_one_category_in_one_sentence_are_two_events():
    text = "Rebels shelled the airport overnight, and soldiers killed two villagers in another attack."
    found = events_of(text, reader({"shelled": ("ASSAULT", 0.9), "killed": ("ASSAULT", 0.8)},
                                   {"shelled": {"AGENT": "Rebels", "TARGET": "the airport"},
                                    "killed": {"AGENT": "soldiers", "TARGET": "two villagers"}}))
    assert [([text[m["start"] : m["end"]] for m in e["mentions"]], [a["text"] for a in e["actors"] if a["role"] == "agent"])
            for e in found] == [(["shelled"], ["Rebels"]), (["killed"], ["soldiers"])]


def test_two_words_for_one_occurrence_in_one_sentence_are_one_event():
    text = "Russian forces struck the city and attacked its power plant on Friday."
    entities = [entity(text, "Russian", "MISC", "russian")]
    [event] = events_of(text, reader({"struck": ("ASSAULT", 0.9), "attacked": ("ASSAULT", 0.7)},
                                     {"struck": {"AGENT": "Russian forces"}, "attacked": {"AGENT": "Russian forces"}}),
                        entities, published="2024-11-22")
    assert ([text[m["start"] : m["end"]] for m in event["mentions"]], event["score"], event["event_date"]) == (
        ["struck", "attacked"], 0.9, date(2024, 11, 22))


def test_a_statement_word_that_carries_another_event_is_no_event_of_its_own():
    text = ("The ministry said in a statement that it had imposed sanctions on the bank. "
            "The ministry said in a statement that talks would go on.")
    triggers = {"statement": ("STATEMENT", 0.9), "sanctions": ("SANCTION", 0.9)}
    rows = events_of(text, reader(triggers, {"statement": {"AGENT": "The ministry"}}),
                     [entity(text, "ministry", "ORG", "ministry"), entity(text, "ministry", "ORG", "ministry", 1)])
    # The first statement's content is the sanctions: one event. The second says what is of no other category.
    assert [(row["category"], row["trigger_start"]) for row in rows] == [
        ("SANCTION", text.index("sanctions")), ("STATEMENT", text.index("statement", text.index("talks") - 30))]
    # The statement word's speaker does not become the sanctions' agent: the argument model names none.
    assert rows[0]["actors"] == []


def test_who_used_force_decides_its_cameo_root():
    text = "Riot police clashed with protesters in the square. Russian troops attacked the village."
    triggers = {"clashed": ("ASSAULT", 0.9), "attacked": ("ASSAULT", 0.9)}
    arguments = {"clashed": {"AGENT": "Riot police", "TARGET": "protesters"},
                 "attacked": {"AGENT": "Russian troops", "TARGET": "the village"}}
    found = events_of(text, reader(triggers, arguments))
    # the CAMEO verb dictionary files both verbs under 190; police and protesters make unconventional violence (18)
    assert [(e["trigger"], e["cameo"], e["cameo_code"], e["event_type"]) for e in found] == [
        ("clashed", "18", "180", "armed_clash"), ("attacked", "19", "190", "attack")]


def test_a_refusal_to_answer_the_press_is_no_event():
    text = ("Russia refused to recognise the vote on Monday. The Kremlin declined to comment on the reports, and "
            "an official who declined to be named said the talks would resume.")
    found = events_of(text, reader({"refused": ("REJECT", 0.9), "declined": ("REJECT", 0.8), "talks": ("CONSULT", 0.9)}))
    assert [(e["trigger"], e["category"]) for e in found] == [("refused", "REJECT"), ("talks", "CONSULT")]


def test_a_statement_not_made_is_no_event_but_a_denied_attack_is():
    text = ("The White House has not issued a statement on the reports. The army denied attacking the village. "
            "The ministry said in a statement that talks would resume.")
    found = events_of(text, reader({"statement": ("STATEMENT", 0.9), "attacking": ("ASSAULT", 0.9)}))
    assert [(e["trigger"], e["category"], e["modality"]) for e in found] == [
        ("attacking", "ASSAULT", "denied"), ("statement", "STATEMENT", "asserted")]
    assert found[1]["trigger_start"] == text.index("statement that")


def test_an_act_the_subject_faced_is_aimed_at_it():
    text = "Nabisco is facing criticism from Hillary Clinton over the layoffs."
    entities = [entity(text, "Nabisco", "ORG", "nabisco"), entity(text, "Hillary Clinton", "PER", "hillary clinton")]
    # the argument model reads the sentence's subject as the doer, as it learnt from verbs
    arguments = {"criticism": {"AGENT": "Nabisco", "TARGET": "Hillary Clinton"}}
    found = events_of(text, reader({"criticism": ("ACCUSE", 0.9)}, arguments), entities)
    assert [(a["role"], a["entity_key"]) for a in found[0]["actors"]] == [("agent", "hillary clinton"), ("target", "nabisco")]


def test_the_cameo_code_lies_under_the_row_cameo_root():
    # "questioned" has no code of its own (ACCUSE's default root 11); the probe it joins is an investigation (090)
    text = "The FBI questioned the contractor on Monday. The probe is continuing."
    entities = [entity(text, "FBI", "ORG", "fbi")]
    arguments = {"questioned": {"AGENT": "The FBI", "TARGET": "the contractor"}}
    found = events_of(text, reader({"questioned": ("ACCUSE", 0.9), "probe": ("ACCUSE", 0.9)}, arguments), entities)
    assert [(e["trigger"], [m["start"] for m in e["mentions"]], e["cameo"], e["cameo_code"]) for e in found] == [
        ("questioned", [8, 49], "09", "090")]
