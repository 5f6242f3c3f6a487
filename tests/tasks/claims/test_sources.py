"""Nested sources: citing / quoting / according-to chains and the `via` of each claim; quote types."""

from newslake.config import ClaimsConfig
from newslake.models.attribution.pairing import Attribution
from newslake.tasks.claims.rows import quote_type
from newslake.tasks.claims.outlets import outlet_of
from newslake.tasks.claims.sources import nest_sources
from newslake.text.sentences import sentence_spans
from newslake.text.spans import Span


def span(text, surface, label, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return Span(start, start + len(surface), label, 0.9)


def attribution(text, source, cue, content):
    return Attribution(source and span(text, source, "SOURCE"), span(text, cue, "CUE"),
                       content and span(text, content, "CONTENT"), 0.9)


def nested(text, attributions, mentions=()):
    out = nest_sources(text, attributions, sentence_spans(text), list(mentions), ClaimsConfig().speaker_kinds)
    show = lambda s: text[s.start : s.end] if s is not None else None
    return [(show(c.attribution.source), show(c.attribution.cue), show(c.attribution.content), show(c.via)) for c in out]


def mention(text, surface, label, key):
    start = text.index(surface)
    return {"start": start, "end": start + len(surface), "label": label, "entity_key": key}


def test_citing_a_source_before_or_after_the_cue():
    text = "RBC-Ukraine, citing a defense source, reported that the AFU used missiles."
    found = [attribution(text, "RBC-Ukraine", "citing", "a defense source"),
             attribution(text, "RBC-Ukraine", "reported", "that the AFU used missiles")]
    assert nested(text, found) == [("RBC-Ukraine", "reported", "that the AFU used missiles", "a defense source")]
    text = "The agency said the plant was hit, citing military sources."
    found = [attribution(text, "The agency", "said", "the plant was hit"),
             attribution(text, "The agency", "citing", "military sources")]
    assert nested(text, found) == [("The agency", "said", "the plant was hit", "military sources")]


def test_citing_a_reason_is_no_source():
    text = "McConnell said the country changed, citing the release of political prisoners."
    found = [attribution(text, "McConnell", "said", "the country changed"),
             attribution(text, "McConnell", "citing", "the release of political prisoners")]
    assert [via for *_, via in nested(text, found)] == [None, None]


def test_the_quoted_person_is_the_speaker_and_the_outlet_the_via():
    text = "Interfax quoted Interior Minister Arsen Avakov as saying that the police had left."
    found = [attribution(text, "Interfax", "quoted", "Interior Minister Arsen Avakov as saying that the police had left")]
    assert nested(text, found) == [("Interior Minister Arsen Avakov", "quoted", "the police had left", "Interfax")]
    text = "Avakov was quoted by Interfax as saying the police had left."
    found = [attribution(text, "Avakov", "was quoted", None)]
    assert nested(text, found) == [("Avakov", "was quoted", "the police had left", "Interfax")]


def test_according_to_an_outlet_that_reports_a_statement():
    text = "According to Interfax, Avakov said the police had left."
    found = [attribution(text, "Interfax", "According to", "Avakov said the police had left"),
             attribution(text, "Avakov", "said", "the police had left")]
    assert nested(text, found) == [("Avakov", "said", "the police had left", "Interfax")]
    text = "According to the ministry, five missiles were intercepted."  # one level: kept as it is
    found = [attribution(text, "the ministry", "According to", "five missiles were intercepted")]
    assert nested(text, found) == [("the ministry", "According to", "five missiles were intercepted", None)]


def test_told_a_news_outlet():
    text = "Putney later told CNN that the video was unclear."
    found = attribution(text, "Putney", "later told", "that the video was unclear")
    mentions = [mention(text, "Putney", "PER", "kerr putney"), mention(text, "CNN", "ORG", "cnn")]
    via = outlet_of(text, found, mentions, ClaimsConfig().speaker_kinds)
    assert text[via.start : via.end] == "CNN"
    text = "Putney later told the council that the video was unclear."
    found = attribution(text, "Putney", "later told", "that the video was unclear")
    assert outlet_of(text, found, [mention(text, "Putney", "PER", "kerr putney")], ClaimsConfig().speaker_kinds) is None


def test_quote_type_from_quotation_marks():
    assert quote_type('"We were there under legitimate pretenses,"') == "direct"
    assert quote_type("''We must not overreact to campaign rhetoric,''") == "direct"
    assert quote_type("that he was “troubled” by the situation in Tulsa") == "mixed"
    assert quote_type("that the AFU used American long-range missiles") == "indirect"
    assert quote_type('"A," "B."') == "direct"


def test_said_on_a_news_outlet():
    text = "Mook said on CNN that the campaign expects it."
    found = attribution(text, "Mook", "said", "that the campaign expects it")
    mentions = [mention(text, "Mook", "PER", "robby mook"), mention(text, "CNN", "ORG", "cnn")]
    via = outlet_of(text, found, mentions, ClaimsConfig().speaker_kinds)
    assert text[via.start : via.end] == "CNN"


def outlet(text, cue, mentions=()):
    found = outlet_of(text, attribution(text, None, cue, None), list(mentions), ClaimsConfig().speaker_kinds)
    return text[found.start : found.end] if found is not None else None


def test_outlets_the_words_pass_through():
    assert outlet("Peredruk said in a phone interview with The Moscow Times that it was over.", "said") == "The Moscow Times"
    assert outlet("Cheresko, a Ukrainian living in Slovakia, told the Sme daily, which addressed several.", "told") \
        == "the Sme daily"
    assert outlet("Glazyev told Kommersant newspaper's Ukrainian edition: it is so.", "told") \
        == "Kommersant newspaper's Ukrainian edition"
    assert outlet("The governors told ITAR-TASS news agency that thousands were arriving.", "told") == "ITAR-TASS news agency"
    assert outlet("Ron Johnson told a local newspaper Tuesday that she could be impeached.", "told") == "a local newspaper"
    assert outlet("Zeman said on Russian TV that sanctions fail.", "said") == "Russian TV"
    assert outlet('"No violence," said Fico, as quoted by the SITA newswire, adding more.', "said") == "the SITA newswire"
    assert outlet("Some relatives confirmed the deaths in comments to the opposition paper Novaya Gazeta.", "confirmed") \
        == "the opposition paper Novaya Gazeta"


def test_no_outlet_where_the_words_name_none():
    assert outlet("The spokesman told reporters that talks would go on.", "told") is None
    assert outlet("A spokesman told a news conference that it was false.", "told") is None
    assert outlet("Trump told the crowd that it was rigged.", "told") is None
    assert outlet("The minister said on Saturday that it was false.", "said") is None
    text = "Sanders Vows To Eliminate Tax Breaks Used By Real Estate Developers"
    assert outlet(text, "Vows", [mention(text, "Real Estate Developers", "ORG", "real estate developers")]) is None
    assert outlet("The senator said in a letter to Obama that the deal was weak.", "said") is None
    assert outlet("The minister said in an interview in Moscow that it was false.", "said") is None
    text = "The general told Congress that the troops would stay."
    assert outlet(text, "told", [mention(text, "Congress", "ORG", "congress")]) is None
    text = "He wrote in a letter to EU ambassadors that the vote was fair."
    assert outlet(text, "wrote", [mention(text, "EU", "ORG", "european union")]) is None
    text = "The lawyer told Mashable that it was easy."
    assert outlet(text, "told", [mention(text, "Mashable", "ORG", "mashable")]) == "Mashable"


def test_an_interview_named_before_the_cue():
    text = "In an interview with Trending Today USA, Ham made it clear he had misgivings."
    found = [attribution(text, "Ham", "made it clear", "he had misgivings")]
    assert nested(text, found) == [("Ham", "made it clear", "he had misgivings", "Trending Today USA")]


def test_a_report_after_the_statement_is_its_via_not_a_claim():
    text = "Fico said the EU is in love with itself, SITA reported."
    found = [attribution(text, "Fico", "said", "the EU is in love with itself"),
             attribution(text, "SITA", "reported", "Fico said the EU is in love with itself")]
    assert nested(text, found) == [("Fico", "said", "the EU is in love with itself", "SITA")]
    text = "The ministry denied sending the messages, as later reported by The Guardian."
    found = [attribution(text, "The ministry", "denied", "sending the messages"),
             attribution(text, "The Guardian", "later reported by", None)]
    assert nested(text, found) == [("The ministry", "denied", "sending the messages", "The Guardian")]
    text = '"We cannot take peace for granted," Hagel said, according to pre-released remarks set to be delivered.'
    found = [attribution(text, "Hagel", "said", "We cannot take peace for granted"),
             attribution(text, "pre-released remarks", "according to", "delivered")]
    assert nested(text, found) == [("Hagel", "said", "We cannot take peace for granted", "pre-released remarks")]


def test_a_report_after_another_clause_is_not_the_via():
    text = "Russia denies any role; according to NATO, 1,000 troops have crossed."
    found = [attribution(text, "Russia", "denies", "any role"),
             attribution(text, "NATO", "according to", "1,000 troops have crossed")]
    assert nested(text, found) == [("Russia", "denies", "any role", None),
                                   ("NATO", "according to", "1,000 troops have crossed", None)]


def test_a_report_with_its_own_content_stays_a_claim():
    text = "Avakov said the police left, and Interfax reported that the mayor fled."
    found = [attribution(text, "Avakov", "said", "the police left"),
             attribution(text, "Interfax", "reported", "that the mayor fled")]
    assert nested(text, found) == [("Avakov", "said", "the police left", None),
                                   ("Interfax", "reported", "that the mayor fled", None)]


def test_according_to_x_then_the_statement_then_y_said():
    text = "According to the data from the system, the turnout was 60 percent, an Interfax correspondent said."
    found = [attribution(text, "the data from the system", "According to", "the turnout was 60 percent"),
             attribution(text, "an Interfax correspondent", "said", None)]
    assert nested(text, found) == [("an Interfax correspondent", "said", None, "the data from the system")]


def test_citing_without_a_source_of_its_own():
    text = "Four people were killed, according to Reuters news agency, citing local police."
    found = [attribution(text, "Reuters news agency", "according to", "Four people were killed"),
             attribution(text, None, "citing", "local police")]
    assert nested(text, found) == [("Reuters news agency", "according to", "Four people were killed", "local police")]


def test_cites_as_saying_and_a_participle_that_adds_to_it():
    text = "HRW cites another opposition activist as saying Bulatov had been threatened."
    found = [attribution(text, "HRW", "cites", None)]
    assert nested(text, found) == [("another opposition activist", "cites", "Bulatov had been threatened", "HRW")]
    text = '"We should wait," Interfax quoted Mr Putin as saying.'
    found = [attribution(text, "Interfax", "quoted", None), attribution(text, "Interfax", "Putin as saying", "We should wait")]
    assert nested(text, found) == [("Mr Putin", "quoted", "We should wait", "Interfax")]
    text = ('"The moving of units is continuing," Russia\'s Interfax news agency quoted a defence ministry statement '
            "as saying, adding that the troops were returning.")
    found = [attribution(text, "Russia's Interfax news agency", "quoted", "The moving of units is continuing"),
             attribution(text, "Russia's Interfax news agency", "adding", "the troops were returning")]
    assert nested(text, found) == [
        ("a defence ministry statement", "quoted", "The moving of units is continuing", "Russia's Interfax news agency"),
        ("a defence ministry statement", "adding", "the troops were returning", "Russia's Interfax news agency")]


def test_a_report_whose_statement_the_tagger_missed():
    text = "The country's Interior Ministry, however, denied sending the messages, as later reported by The Guardian."
    found = [attribution(text, "The Guardian", "later reported by",
                         "The country's Interior Ministry, however, denied sending the messages")]
    assert nested(text, found) == [("The country's Interior Ministry", "denied", "sending the messages", "The Guardian")]
    text = "Asked to explain the move, his spokesman Dmitry Peskov had no immediate comment, Reuters reported."
    found = [attribution(text, "Reuters", "reported", "Asked to explain the move, his spokesman Dmitry Peskov had no immediate comment")]
    assert nested(text, found) == [("his spokesman Dmitry Peskov", "had no immediate comment", None, "Reuters")]
    text = "Fico was mum until December, when he said that the EU is in love with itself, SITA reported."
    found = [attribution(text, "SITA", "reported", "Fico was mum until December, when he said that the EU is in love with itself")]
    assert nested(text, found) == [("he", "said", "the EU is in love with itself", "SITA")]
    text = "Police found two bodies near the border, Reuters reported."  # a fact, not a statement: Reuters' claim
    found = [attribution(text, "Reuters", "reported", "Police found two bodies near the border")]
    assert nested(text, found) == [("Reuters", "reported", "Police found two bodies near the border", None)]


def test_the_x_of_according_to_x_tagged_as_content():
    text = '"We cannot take peace for granted," Hagel said, according to pre-released remarks set to be delivered.'
    found = [attribution(text, "Hagel", "said", "We cannot take peace for granted"),
             attribution(text, None, "according to", "pre-released remarks set to be delivered")]
    assert nested(text, found) == [("Hagel", "said", "We cannot take peace for granted",
                                    "pre-released remarks set to be delivered")]
    text = "According to the data, the turnout was 60 percent, an Interfax correspondent said."
    found = [attribution(text, None, "According to", "the data"),
             attribution(text, "an Interfax correspondent", "said", "the turnout was 60 percent")]
    assert nested(text, found) == [("an Interfax correspondent", "said", "the turnout was 60 percent", "the data")]


def test_a_statement_without_a_tagged_speaker_takes_the_report_after_it():
    text = '"You are registered as a participant," the message read, as first reported by The New York Times.'
    found = [attribution(text, None, "read", "You are registered as a participant"),
             attribution(text, "The New York Times", "first reported by", None)]
    assert nested(text, found) == [(None, "read", "You are registered as a participant", "The New York Times")]


def test_a_hedge_is_no_statement_an_according_to_reports():
    text = "Delgado reportedly observed the vote, according to Novy Region."
    found = [attribution(text, None, "reportedly", "observed the vote"),
             attribution(text, "Novy Region", "according to", "Delgado reportedly observed the vote")]
    assert nested(text, found) == [(None, "reportedly", "observed the vote", None),
                                   ("Novy Region", "according to", "Delgado reportedly observed the vote", None)]


def test_said_on_an_outlet_after_a_time_phrase():
    text = "The senator said on Sunday on ABC that the bill was dead."
    assert outlet(text, "said", [mention(text, "ABC", "ORG", "abc")]) == "ABC"
    text = "The governor said this week on MSNBC that the plan would pass."
    assert outlet(text, "said", [mention(text, "MSNBC", "ORG", "msnbc")]) == "MSNBC"
    text = "The senator said on “Fox News Sunday” that it was over."
    assert outlet(text, "said", [mention(text, "Fox News", "ORG", "fox news")]) == "Fox News Sunday"  # the show, whole
    text = "She said on Twitter that the vote was rigged."
    assert outlet(text, "said", [mention(text, "Twitter", "ORG", "twitter")]) is None
    text = "He said on Capitol Hill that the vote was rigged."
    assert outlet(text, "said", [mention(text, "Capitol Hill", "LOC", "capitol hill")]) is None


def test_a_person_of_an_outlet_and_a_hearer_verb():
    text = "Sanders told Jake Tapper of CNN that he would vote."
    mentions = [mention(text, "Jake Tapper", "PER", "jake tapper"), mention(text, "CNN", "ORG", "cnn")]
    assert outlet(text, "told", mentions) == "Jake Tapper of CNN"
    text = "He told John Smith of the State Department that it was over."
    mentions = [mention(text, "John Smith", "PER", "john smith"), mention(text, "State Department", "ORG", "state department")]
    assert outlet(text, "told", mentions) is None
    text = "The minister assured Interfax that the gas would flow."
    assert outlet(text, "assured", [mention(text, "Interfax", "ORG", "interfax")]) == "Interfax"
    assert outlet("He said in remarks broadcast on state television that it was over.", "said") == "state television"


def test_an_outlet_the_tagger_calls_a_person_in_one_place():
    text = "He spoke on Fox News last week. On Monday he told Fox that it was over."
    mentions = [mention(text, "Fox News", "ORG", "fox news"), {**mention(text, "Fox that", "PER", "fox"), "end": text.index("Fox that") + 3}]
    assert outlet(text, "told", mentions) == "Fox"
    text = "Smith spoke to CNN. He told Smith that it was over."
    assert outlet(text, "told", [mention(text, "CNN", "ORG", "cnn"), {**mention(text, "Smith that", "PER", "smith"),
                                                                         "end": text.index("Smith that") + 5}]) is None


def test_an_outlet_named_before_the_cue_or_run_into_it():
    text = "The senator appeared on CNN on Sunday and said the bill was dead."
    found = [attribution(text, "The senator", "said", "the bill was dead")]
    assert nested(text, found, [mention(text, "CNN", "ORG", "cnn")]) == [("The senator", "said", "the bill was dead", "CNN")]
    text = "The senator said in an interview with NPR that the bill was dead."
    found = [attribution(text, "The senator", "said in an interview with NPR", "the bill was dead")]
    assert nested(text, found) == [("The senator", "said", "the bill was dead", "NPR")]
    text = "The minister said in comments aired on state television that the talks had failed."
    found = [attribution(text, "The minister", "said", "the talks had failed"), attribution(text, None, "comments", None),
             attribution(text, None, "on state television", None)]
    assert nested(text, found) == [("The minister", "said", "the talks had failed", "state television")]


def test_an_outlet_of_another_statement_inside_the_content():
    text = "He could not say why the figure was cited by the mayor in an interview with Reuters."
    found = [attribution(text, "He", "could not say", "why the figure was cited by the mayor in an interview with Reuters")]
    assert nested(text, found, [mention(text, "Reuters", "ORG", "reuters")]) == [
        ("He", "could not say", "why the figure was cited by the mayor in an interview with Reuters", None)]


def test_a_participle_that_opens_the_sentence_takes_the_via_after_it():
    text = "Insisting the vote was a fraud, the senator told Reuters that he would appeal."
    found = [attribution(text, "the senator", "Insisting", "the vote was a fraud"),
             attribution(text, "the senator", "told", "he would appeal")]
    assert nested(text, found, [mention(text, "Reuters", "ORG", "reuters")]) == [
        ("the senator", "Insisting", "the vote was a fraud", "Reuters"), ("the senator", "told", "he would appeal", "Reuters")]


def test_quoted_as_saying_a_name_with_a_title():
    text = '"It is over," the Tass agency quoted Gen. Valery Gerasimov as saying.'
    found = [attribution(text, "the Tass agency", "quoted", "It is over")]
    assert nested(text, found) == [("Gen. Valery Gerasimov", "quoted", "It is over", "the Tass agency")]


def test_according_to_after_a_statement_whose_speaker_has_an_apposition():
    text = ("The company's founder, John Smith, a former banker whose firm collapsed in 2008, admitted in court that "
            "the accounts were false, according to the Financial Times.")
    found = [attribution(text, "the Financial Times", "according to", "admitted in court that the accounts were false")]
    assert nested(text, found) == [("John Smith", "admitted", "in court that the accounts were false", "the Financial Times")]


def test_a_report_after_a_statement_the_tagger_left_without_content_or_cut_short():
    text = "Police have said they will not release the video, according to attorneys for the family."
    found = [attribution(text, "attorneys for the family", "according to", None)]
    assert nested(text, found) == [("Police", "have said", "they will not release the video", "attorneys for the family")]
    text = "Prime Minister John Smith said yesterday (May 4) that the deal would hold, the BBC reported."
    found = [attribution(text, "the BBC", "reported", ") that the deal would hold")]
    assert nested(text, found) == [("Prime Minister John Smith", "said", "yesterday (May 4) that the deal would hold", "the BBC")]
    text = "Bloomberg reports that the senator won, according to the Pew Research Center."
    found = [attribution(text, "the Pew Research Center", "according to", "Bloomberg reports that the senator won")]
    assert nested(text, found) == [("Bloomberg", "reports", "the senator won", "the Pew Research Center")]


def test_the_tagger_taking_the_outlet_for_the_speaker_of_a_passive_quote():
    text = "Yatsenyuk was quoted by Ukrainska Pravda as saying the government would not negotiate."
    found = [Attribution(span(text, "Ukrainska Pravda", "SOURCE"), span(text, "was quoted", "CUE"),
                         span(text, "Yatsenyuk", "CONTENT"), 0.9)]
    assert nested(text, found) == [("Yatsenyuk", "was quoted", "the government would not negotiate", "Ukrainska Pravda")]


def test_an_unmarked_citation_and_the_words_it_swallowed():
    text = "Citing intelligence sources, the BBC reported that the convoy had stalled."
    found = [Attribution(None, span(text, "Citing", "CUE"), None, 0.9),
             attribution(text, "the BBC", "reported", "that the convoy had stalled")]
    assert nested(text, found) == [("the BBC", "reported", "that the convoy had stalled", "intelligence sources")]
    text = "The Interior Ministry reported, citing its regional department, that three officers were wounded."
    found = [attribution(text, "The Interior Ministry", "reported", None),
             attribution(text, None, "citing", "its regional department, that three officers were wounded")]
    assert nested(text, found) == [("The Interior Ministry", "reported", "that three officers were wounded",
                                    "its regional department")]


def test_according_to_a_source_as_a_paper_reported():
    text = "According to the General Staff, Russian forces lost 200 troops, the Kyiv Independent reported."
    found = [attribution(text, "the General Staff", "According to", "Russian forces lost 200 troops, the Kyiv Independent"),
             attribution(text, None, "reported", None)]
    assert nested(text, found) == [("the General Staff", "According to", "Russian forces lost 200 troops",
                                    "the Kyiv Independent")]


def test_a_report_after_the_occasion_of_a_statement_is_the_same_statement():
    text = "\"I would make sure it didn't happen again,\" Carson noted in an interview with Todd Starnes' podcast, as reported by BuzzFeed News."
    found = [attribution(text, "Carson", "noted", "\"I would make sure it didn't happen again,\""),
             attribution(text, "Carson", "reported by", None)]
    assert nested(text, found) == [("Carson", "noted", "\"I would make sure it didn't happen again,\"", "BuzzFeed News")]


def test_a_recovered_statement_needs_a_speaker():
    """"added to it" is no verb of saying, and a report with no one before it stays the reporter's claim."""
    text = "It should have a third judgeship added to it, according to the U.S. Judicial Conference."
    found = [attribution(text, "the U.S. Judicial Conference", "according to", None)]
    assert nested(text, found) == [("the U.S. Judicial Conference", "according to", None, None)]


def test_outlets_named_in_ways_a_tagger_does_not_know():
    assert outlet("“It’s doable,” Risch told The Spokesman-Review on Monday.", "told") == "The Spokesman-Review"
    text = "Soltani explained to Mashable that they are fake stations."
    assert outlet(text, "explained", [mention(text, "Mashable", "PER", "mashable")]) == "Mashable"
    text = "The rebels said in a statement carried by the separatist news agency DAN that they had taken the airport."
    assert outlet(text, "said") == "the separatist news agency DAN"
    text = "In comments to the Financial Times, the minister said sanctions would stay."
    found = [attribution(text, "the minister", "said", "sanctions would stay")]
    assert nested(text, found, [mention(text, "Financial Times", "ORG", "financial times")])[0][3] == "the Financial Times"
    text = "In an interview published on Monday by the Wall Street Journal, Tymoshenko accused Moscow of aggression."
    found = [attribution(text, "Tymoshenko", "accused", "Moscow of aggression")]
    assert nested(text, found)[0][3] == "the Wall Street Journal"


def test_names_after_told_that_are_no_outlet():
    text = "Clinton told Obama that the deal was weak."
    assert outlet(text, "told", [mention(text, "Obama", "PER", "obama")]) is None  # a known actor
    text = "The State Department told CREW that no records were located."
    assert outlet(text, "told") is None  # an acronym no tagger marked is no lone outlet name
    text = "Warren grilled Stumpf. Stumpf said he was sorry. Warren told Stumpf he should resign."
    assert outlet(text, "told", [mention(text, "Stumpf", "PER", "stumpf")]) is None  # a surname the text uses
    assert outlet("Limbaugh told his radio audience of Monday that it was over.", "told") is None
    text = "Tusk added before speaking to European Commission president Jose Manuel Barroso."
    assert outlet(text, "added", [mention(text, "European Commission", "ORG", "european commission")]) is None


def test_a_report_of_someone_as_saying_is_their_claim():
    text = "Reuters reported Putin as saying that Russia would respond."
    found = [attribution(text, "Reuters", "reported", "Putin as saying that Russia would respond")]
    assert nested(text, found) == [("Putin", "reported", "Russia would respond", "Reuters")]


def test_the_speakers_own_medium_is_no_outlet():
    assert outlet("Medvedev warned on his Telegram channel that Moscow could strike.", "warned") is None
    assert outlet("The mayor said on her Facebook page that power was back.", "said") is None


def test_a_participle_after_the_occasion_of_its_words():
    text = "He made the comments during an interview with ABC's This Week, saying the sanctions would work."
    found = [attribution(text, "He", "saying", "the sanctions would work")]
    assert nested(text, found, [mention(text, "ABC", "ORG", "abc")])[0][3] == "ABC's This Week"


def test_quoted_as_saying_by_an_outlet_after_the_words():
    text = "The Kremlin has no plans to annex the region, Peskov was quoted as saying by RIA Novosti."
    found = [attribution(text, "The Kremlin", "was quoted", None), attribution(text, "The Kremlin", "saying", None)]
    assert nested(text, found) == [("Peskov", "was quoted", "The Kremlin has no plans to annex the region", "RIA Novosti")]


def test_a_quotation_and_its_speaker_before_a_report_the_tagger_read_as_one():
    """'"C," Sanders said, according to CNN': the tagger tends to tag only the according-to, with the quotation
    (or the quotation and "Sanders said") as its content."""
    text = "“I ask you not to engage in any kind of protest,” Sanders said, according to CNN."
    found = [attribution(text, "CNN", "according to", "“I ask you not to engage in any kind of protest,”")]
    assert nested(text, found) == [("Sanders", "said", "“I ask you not to engage in any kind of protest,”", "CNN")]
    text = '"I\'ll be voting," Welch said, according to Vermont Edition.'
    found = [attribution(text, "Vermont Edition", "according to", '"I\'ll be voting," Welch said, according to Vermont Edition')]
    assert nested(text, found) == [("Welch", "said", '"I\'ll be voting,"', "Vermont Edition")]
    text = "“They don’t care about politics,” Obama said of the families of victims, according to a pool report."
    found = [attribution(text, "a pool report", "according to", None)]
    assert nested(text, found) == [("Obama", "said", "“They don’t care about politics,”", "a pool report")]


def test_a_quotation_that_ended_its_sentence_is_no_part_of_the_report():
    text = "“He can be there if he wants.” What Romney has said about Trump is another story, according to Scott Brown."
    found = [attribution(text, "Scott Brown", "according to", "What Romney has said about Trump is another story")]
    speaker, cue, content, via = nested(text, found)[0]
    assert (speaker, cue, via) == ("What Romney", "has said", "Scott Brown")  # the verb-of-saying reading, not the quote's
    assert not content.startswith("“")


def test_citing_reasons_or_words_is_no_source():
    text = "Mr. Manafort, citing ''the unique magic of Trump,'' said the candidate could win."
    found = [attribution(text, None, "citing", "''the unique magic of Trump,''"),
             attribution(text, "Mr. Manafort", "said", "the candidate could win")]
    assert [via for *_, via in nested(text, found)] == [None, None]
    text = "It is hard to poll, said Eric Herzik, citing another reason the state is difficult to predict."
    found = [attribution(text, "Eric Herzik", "said", "It is hard to poll"),
             attribution(text, None, "citing", "another reason the state is difficult to predict")]
    assert [via for *_, via in nested(text, found)] == [None, None]


def test_a_report_with_a_time_after_its_verb():
    text = "Hillary Clinton told investigators she was advised by Colin Powell, the New York Times reported late Thursday."
    found = [attribution(text, "the New York Times", "reported late", "Hillary Clinton told investigators she was advised by Colin Powell")]
    speaker, cue, _, via = nested(text, found)[0]
    assert (speaker, cue, via) == ("Hillary Clinton", "told", "the New York Times")


def test_two_reports_in_one_sentence_are_no_chain():
    text = "In Seattle, marchers carried roses, KING-TV reported, while in Chicago the parade began in silence, the Sun-Times reported."
    found = [attribution(text, "KING-TV", "reported", "In Seattle, marchers carried roses"),
             attribution(text, "the Sun-Times", "reported", "while in Chicago the parade began in silence")]
    assert [via for *_, via in nested(text, found)] == [None, None]


def test_a_title_is_no_sentence_end_nor_an_outlet():
    text = "“That was a good speech, Mr. President,” Steve Cohen told Mr. Obama at the ball."
    assert outlet(text, "told", [mention(text, "Obama", "PER", "barack obama")]) is None


def test_according_to_an_outlet_with_the_statement_verb_left_in_the_content():
    text = "According to RIA Novosti, Shoigu said the exercises had ended."
    found = [attribution(text, "RIA Novosti", "According to", "Shoigu said the exercises had ended")]
    assert nested(text, found) == [("Shoigu", "said", "the exercises had ended", "RIA Novosti")]
    text = "According to the poll, voters in Ohio remain split."
    found = [attribution(text, "the poll", "According to", "voters in Ohio remain split")]
    assert nested(text, found) == [("the poll", "According to", "voters in Ohio remain split", None)]


def test_a_source_named_in_the_speakers_own_quotation():
    text = "\"According to the border guard service, 2,000 refugees crossed overnight,\" the governor said on Sunday."
    mentions = [mention(text, "border guard service", "ORG", "border guard service")]
    found = [attribution(text, "the governor", "said", "service, 2,000 refugees crossed overnight,\"")]
    assert nested(text, found, mentions) == [("the governor", "said", "\"According to the border guard service, 2,000 refugees "
                                              "crossed overnight,\"", "the border guard service")]
    text = "\"According to our data, 2,000 refugees crossed overnight,\" the governor said."
    found = [attribution(text, "the governor", "said", "\"According to our data, 2,000 refugees crossed overnight,\"")]
    assert nested(text, found)[0][3] is None  # the speaker's own data


def test_a_report_paired_with_the_words_of_the_statement_before_it():
    text = "The prince told a woman that in Ukraine \"Putin is doing the same as Hitler\", according to the Daily Mail newspaper."
    found = [attribution(text, "The prince", "told", None),
             attribution(text, "the Daily Mail newspaper", "according to", "that in Ukraine \"Putin is doing the same as Hitler\"")]
    assert nested(text, found) == [("The prince", "told", "that in Ukraine \"Putin is doing the same as Hitler\"",
                                    "the Daily Mail newspaper")]


def test_a_group_of_people_told_is_no_outlet():
    text = "The president told African-Americans this weekend he would consider it an insult."
    assert outlet(text, "told", [mention(text, "African-Americans", "MISC", "african-americans")]) is None


def test_a_report_of_someone_elses_statement_is_theirs_via_the_reporter():
    text = "The Post reported that Klein said he was gathering material for a new venture."
    found = [attribution(text, "The Post", "reported", "that Klein said he was gathering material for a new venture")]
    assert nested(text, found) == [("Klein", "said", "he was gathering material for a new venture", "The Post")]
    text = "The Post reported that the senator was ousted."
    found = [attribution(text, "The Post", "reported", "that the senator was ousted")]
    assert nested(text, found) == [("The Post", "reported", "that the senator was ousted", None)]


def test_according_to_an_outlet_with_a_report_verb_left_in_the_content():
    text = "According to Fox News, the State Department reported finding 328 more emails."
    found = [attribution(text, "Fox News", "According to", "the State Department reported finding 328 more emails")]
    assert nested(text, found) == [("the State Department", "reported", "finding 328 more emails", "Fox News")]


def test_a_report_on_the_word_of_an_according_to_right_after_its_verb():
    text = "Politico reported, according to sources in the meetings, Clinton tried to calm the bankers."
    found = [attribution(text, "Politico", "reported", None),
             attribution(text, "sources", "according to", "in the meetings, Clinton tried to calm the bankers")]
    assert nested(text, found) == [("Politico", "reported", "Clinton tried to calm the bankers", "sources in the meetings")]


def test_who_the_words_were_told_to_is_an_outlet_only_if_it_is_one():
    text = "In his interview with the Chicago Tribune, Gingrich said the campaign was strong."
    found = [attribution(text, "Gingrich", "said", "the campaign was strong")]
    assert nested(text, found)[0][3] == "the Chicago Tribune"
    text = "The president also told NPR correspondent Steve Inskeep that he may represent change."
    found = [attribution(text, "The president", "also told", "that he may represent change")]
    mentions = [mention(text, "NPR", "ORG", "npr"), mention(text, "Steve Inskeep", "PER", "steve inskeep")]
    assert nested(text, found, mentions)[0][3] == "NPR correspondent Steve Inskeep"
    text = "Although he told the FBI that he was interested in politics, he targeted celebrities."
    found = [attribution(text, "he", "told", "that he was interested in politics")]
    assert nested(text, found, [mention(text, "FBI", "ORG", "fbi")])[0][3] is None
    text = 'Fiorina, speaking to Iowans, said, "You have not voted yet."'
    found = [attribution(text, "Fiorina", "said", '"You have not voted yet."')]
    assert nested(text, found, [mention(text, "Iowans", "MISC", "iowans")])[0][3] is None


def test_an_occasion_opening_the_sentence_is_that_of_each_claim_of_its_speaker():
    text = "In an interview with The Boston Globe, Warren criticised the bill and said the vote would fail."
    found = [attribution(text, "Warren", "criticised", "the bill"),
             attribution(text, "Warren", "said", "the vote would fail")]
    assert [via for *_, via in nested(text, found)] == ["The Boston Globe", "The Boston Globe"]
    text = "Warren told The Boston Globe the bill was weak and said the vote would fail."  # after the cue: its claim's
    found = [attribution(text, "Warren", "told", "the bill was weak"),
             attribution(text, "Warren", "said", "the vote would fail")]
    assert [via for *_, via in nested(text, found)] == ["The Boston Globe", None]


def test_a_verb_and_the_colon_after_it_are_one_claim():
    text = "Mayor Ana Ruiz told the Miami Herald: “We will rebuild.” Crews arrived on Monday."
    found = [attribution(text, "Mayor Ana Ruiz", "told", None),
             attribution(text, "Mayor Ana Ruiz", ":", "“We will rebuild.”")]
    assert nested(text, found) == [("Mayor Ana Ruiz", "told", "“We will rebuild.”", "the Miami Herald")]


def test_the_occasion_of_a_colon_stands_before_it():
    text = "Senator Lee made his case in an interview with CNN on Sunday: “The plan is dead.”"
    found = [attribution(text, "Senator Lee", ":", "“The plan is dead.”")]
    assert nested(text, found) == [("Senator Lee", ":", "“The plan is dead.”", "CNN")]


def test_a_statement_noted_then_reported_by_an_outlet_after_it():
    text = "Smith noted that exports fell sharply, reported the Financial Times."
    found = [attribution(text, "the Financial Times", "reported", "Smith noted that exports fell sharply")]
    assert nested(text, found) == [("Smith", "noted", "exports fell sharply", "the Financial Times")]


def test_all_told_is_no_statement_before_a_report():
    text = "All told, the groups spent $2 million, according to a Reuters tally."
    found = [attribution(text, "a Reuters tally", "according to", "All told, the groups spent $2 million")]
    assert nested(text, found) == [("a Reuters tally", "according to", "All told, the groups spent $2 million", None)]


def test_a_show_in_quotation_marks_and_an_outlets_editorial_board():
    text = 'In an interview with "Meet the Press," Kerry said talks would resume.'
    assert nested(text, [attribution(text, "Kerry", "said", "talks would resume")])[0][3] == "Meet the Press"
    text = "Carson, speaking with The Des Moines Register editorial board, called the plan a mistake."
    assert nested(text, [attribution(text, "Carson", "called", "the plan a mistake")])[0][3] == "The Des Moines Register"


def test_a_remark_in_a_participle_passes_through_the_same_outlet():
    text = "Trump told Fox News the deal was bad, remarking that talks were over."
    found = [attribution(text, "Trump", "told", "the deal was bad"),
             attribution(text, "Trump", "remarking", "that talks were over")]
    assert [via for *_, via in nested(text, found)] == ["Fox News", "Fox News"]


def test_a_citation_after_a_report_that_the_tagger_left_untagged():
    text = "Nearly five million people have fled, the agency reports with reference to the UN Refugee Agency."
    found = [attribution(text, "the agency", "reports", "Nearly five million people have fled")]
    mentions = [mention(text, "UN Refugee Agency", "ORG", "un refugee agency")]
    assert nested(text, found, mentions)[0][3] == "the UN Refugee Agency"
    text = "Yermak met the envoys, Ukrinform reports, referring to the Ukrainian president's press service."
    found = [attribution(text, "Ukrinform", "reports", "Yermak met the envoys"),
             attribution(text, "Ukrinform", "referring to", "the Ukrainian president's press service")]
    assert nested(text, found) == [("Ukrinform", "reports", "Yermak met the envoys", "the Ukrainian president's press service")]
    text = "The debate was rigged, Trump said, referring to Hillary Clinton."  # whom the words are about
    found = [attribution(text, "Trump", "said", "The debate was rigged")]
    assert nested(text, found, [mention(text, "Hillary Clinton", "PER", "hillary clinton")])[0][3] is None


def test_a_passive_names_no_speaker_before_an_according_to():
    text = "Another mass grave has been revealed in the city, according to Petro Andriushchenko, an adviser to the mayor."
    found = [attribution(text, "Petro Andriushchenko, an adviser to the mayor", "according to",
                         "Another mass grave has been revealed in the city")]
    assert nested(text, found) == [("Petro Andriushchenko, an adviser to the mayor", "according to",
                                    "Another mass grave has been revealed in the city", None)]


def test_a_body_called_an_agency_is_no_news_agency():
    text = "Ukraine told the United Nations agency that the networks were cut."
    found = [attribution(text, "Ukraine", "told", "that the networks were cut")]
    assert nested(text, found, [mention(text, "United Nations", "ORG", "united nations")])[0][3] is None
    text = "The minister told the Interfax agency that the networks were cut."
    found = [attribution(text, "The minister", "told", "that the networks were cut")]
    assert nested(text, found)[0][3] == "the Interfax agency"


def test_a_quotation_told_to_a_hearer_then_reported_by_another_source():
    text = "''He can beat her,'' he told advisers afterward, according to Uzi Arad, a former adviser."
    found = [attribution(text, "he", "told", "''He can beat her,''"),
             attribution(text, "Uzi Arad,", "according to", "a former adviser")]
    assert nested(text, found) == [("he", "told", "''He can beat her,''", "Uzi Arad")]


def test_a_surname_of_a_person_in_the_article_is_no_outlet_whatever_its_tag():
    text = "Marco Rubio spoke in Iowa. \"The program is abused,\" a voter told Rubio."
    found = [attribution(text, "a voter", "told", '"The program is abused,"')]
    mentions = [mention(text, "Marco Rubio", "PER", "marco rubio"),
                {"start": text.rindex("Rubio"), "end": text.rindex("Rubio") + 5, "label": "ORG", "entity_key": "rubio"}]
    assert nested(text, found, mentions)[0][3] is None


def test_a_passive_statement_before_a_report_gives_the_report_its_content():
    text = "The club was paid $29,715 on the day the deal was announced, according to FEC records."
    found = [attribution(text, None, "was announced", "The club was paid $29,715 on the day the deal"),
             attribution(text, "FEC records", "according to", None)]
    assert nested(text, found) == [("FEC records", "according to", "The club was paid $29,715 on the day the deal", None)]


def test_a_bare_tv_set_is_no_outlet_but_a_newspaper_named_before_is():
    text = '"I would," Melanie said to the TV.'
    assert nested(text, [attribution(text, "Melanie", "said", '"I would,"')])[0][3] is None
    text = "The Sme daily ran the story. The mayor told the newspaper that he would resign."
    assert nested(text, [attribution(text, "The mayor", "told", "that he would resign")])[0][3] == "the newspaper"


def test_a_hosts_name_after_a_medium_and_a_networks_show_in_quotation_marks():
    text = '"This is an organized effort," Bush said in an interview with radio host Hugh Hewitt.'
    assert nested(text, [attribution(text, "Bush", "said", '"This is an organized effort,"')])[0][3] == "radio host Hugh Hewitt"
    text = "She told ABC’s “Good Morning America” on Monday the tone was cordial."
    assert nested(text, [attribution(text, "She", "told", "the tone was cordial")])[0][3] == "ABC’s “Good Morning America”"
    text = "He told reporters the tone was cordial."  # people of the media with no outlet or name
    assert nested(text, [attribution(text, "He", "told", "the tone was cordial")])[0][3] is None


def test_an_outlet_inside_the_speakers_phrase_is_the_via():
    text = "The official cited by Reuters said the talks had failed."
    found = [attribution(text, "The official cited by Reuters", "said", "the talks had failed")]
    assert nested(text, found) == [("The official", "said", "the talks had failed", "Reuters")]
    text = '"We are safe," said a neighbour who spoke in an interview with The Irish Times.'
    found = [attribution(text, "a neighbour who spoke in an interview with The Irish Times", "said", '"We are safe,"')]
    assert nested(text, found) == [("a neighbour who spoke", "said", '"We are safe,"', "The Irish Times")]
    text = "Sources speaking to Axios have said the bill is dead."  # the cue, no noun, follows the name
    found = [attribution(text, "Sources speaking to Axios", "have said", "the bill is dead")]
    assert nested(text, found) == [("Sources", "have said", "the bill is dead", "Axios")]


def test_a_speaker_cited_by_an_outlet_read_as_two_claims_is_one():
    text = "The factory will close, the source cited by Yonhap said."
    found = [attribution(text, "the source", "cited", "The factory will close"), attribution(text, "by Yonhap", "said", None)]
    assert nested(text, found) == [("the source", "said", "The factory will close", "Yonhap")]


def test_a_publication_named_reporter_is_an_outlet_a_reporter_is_not():
    text = "A studio spokesman told The Hollywood Reporter that filming had stopped."
    assert nested(text, [attribution(text, "A studio spokesman", "told", "that filming had stopped")])[0][3] == "The Hollywood Reporter"
    text = "A studio spokesman told the reporter that filming had stopped."
    assert nested(text, [attribution(text, "A studio spokesman", "told", "that filming had stopped")])[0][3] is None


def test_an_according_to_without_words_of_its_own_before_the_speaker():
    text = "According to the original report, Mayor Jane Cole said the bridge would close."
    found = [attribution(text, "the original report", "According to", None),
             attribution(text, "Mayor Jane Cole", "said", "the bridge would close")]
    assert nested(text, found) == [("Mayor Jane Cole", "said", "the bridge would close", "the original report")]


def test_according_to_a_source_then_the_outlet_that_reported_it():
    text = "The plan was dropped in March, according to a memo seen by the BBC, The Times reported on Monday."
    found = [attribution(text, "a memo seen by the BBC", "according to", "The plan was dropped in March"),
             attribution(text, "The Times", "reported on Monday", None)]
    assert nested(text, found) == [("a memo seen by the BBC", "according to", "The plan was dropped in March", "The Times")]


def test_an_inverted_report_closing_the_sentence_is_the_via():
    text = "Industry sources say the plant will reopen, reports Bloomberg."
    found = [attribution(text, "Industry sources", "say", "the plant will reopen"),
             attribution(text, "Industry sources", "reports", None)]  # the tagger paired the clause's subject
    assert nested(text, found) == [("Industry sources", "say", "the plant will reopen", "Bloomberg")]


def test_quoted_by_with_the_by_in_the_cue_and_the_quotation_before():
    text = '"It shook the house," Ana Ruiz, a teacher, was quoted by The Associated Press as saying.'
    found = [attribution(text, "The Associated Press", "was quoted by", '"It shook the house,"')]
    assert nested(text, found) == [("Ana Ruiz", "was quoted", '"It shook the house,"', "The Associated Press")]
    text = '"It shook the house," teacher Ana Ruiz was quoted by the BBC as saying.'
    found = [Attribution(span(text, "the", "SOURCE", occurrence=1), span(text, "was quoted", "CUE"),
                         span(text, '"It shook the house," teacher Ana Ruiz', "CONTENT"), 0.9)]  # the tagger's "the" of "the BBC"
    assert nested(text, found) == [("teacher Ana Ruiz", "was quoted", '"It shook the house,"', "the BBC")]


def test_reporting_without_citing_sources_cites_no_one():
    text = "Two papers reported the name, without citing their sources."
    found = [attribution(text, "Two papers", "reported", "the name"), attribution(text, None, "citing", "their sources")]
    assert nested(text, found) == [("Two papers", "reported", "the name", None)]


def test_as_cited_by_an_outlet_after_an_inverted_speaker():
    text = "More floods may follow, warned agency spokesman Omar Haddad, as cited by the Ma'an news agency."
    found = [attribution(text, "agency spokesman Omar Haddad", "warned", "More floods may follow"),
             attribution(text, "agency spokesman Omar Haddad", "cited", None)]
    assert nested(text, found) == [("agency spokesman Omar Haddad", "warned", "More floods may follow", "the Ma'an news agency")]


def test_citing_an_unnamed_source_in_quotation_marks_but_not_quoted_words():
    text = "The device is thinner, the blog reported, citing “sources within Apple”."
    found = [attribution(text, "the blog", "reported", "The device is thinner"), attribution(text, None, "citing", "“sources within Apple”")]
    assert nested(text, found) == [("the blog", "reported", "The device is thinner", "“sources within Apple”")]
    text = "The senator said he would win, citing “the magic of the campaign”."
    found = [attribution(text, "The senator", "said", "he would win"), attribution(text, "The senator", "citing", "“the magic of the campaign”")]
    assert [via for *_, via in nested(text, found)] == [None, None]


def test_a_name_the_article_has_report_is_an_outlet_when_told():
    text = "The deal is off, Page Six reported. “He is furious,” a source told Page Six."
    found = [attribution(text, "Page Six", "reported", "The deal is off"), attribution(text, "a source", "told", "“He is furious,”")]
    mentions = [mention(text, "Page Six", "MISC", "page six")]
    assert [via for *_, via in nested(text, found, mentions)] == [None, "Page Six"]
    text = "“He is furious,” a source told Page Six."  # a name the article never has report: not sure enough
    assert nested(text, [attribution(text, "a source", "told", "“He is furious,”")], mentions)[0][3] is None


def test_according_to_someone_who_spoke_to_an_outlet():
    text = "The drone struck at dawn, according to an official who spoke to the AP."
    found = [attribution(text, "an official who spoke to the AP", "according to", "The drone struck at dawn")]
    assert nested(text, found) == [("an official", "according to", "The drone struck at dawn", "the AP")]


def test_than_previously_disclosed_is_no_statement_before_a_report():
    text = "He got farther than previously disclosed, the Post reported, citing three people familiar with the case."
    found = [attribution(text, "the Post", "reported", "He got farther than previously disclosed"),
             attribution(text, None, "citing", "three people familiar with the case")]
    assert nested(text, found) == [("the Post", "reported", "He got farther than previously disclosed",
                                    "three people familiar with the case")]


def test_where_it_was_written_may_stand_between_a_quotation_and_its_report():
    text = '"We are innocent," wrote the operator on its website according to a translation of the statement.'
    found = [attribution(text, "the operator", "wrote", '"We are innocent,"'),
             attribution(text, "a translation of the statement", "according to", None)]
    assert nested(text, found) == [("the operator", "wrote", '"We are innocent,"', "a translation of the statement")]


def test_a_person_who_writes_elsewhere_in_the_article_is_no_outlet_when_told():
    text = "Marco Rubio wrote in an op-ed that the plan fails. “It fails,” a voter told Marco Rubio."
    found = [attribution(text, "a voter", "told", "“It fails,”")]
    mentions = [mention(text, "Marco Rubio", "PER", "marco rubio"),
                {"start": text.rindex("Marco Rubio"), "end": text.rindex("Marco Rubio") + 11, "label": "PER",
                 "entity_key": "marco rubio"}]
    assert nested(text, found, mentions)[0][3] is None
