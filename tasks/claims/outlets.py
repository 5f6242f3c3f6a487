"""Which news outlet a statement reached the article through: "told CNN", "said on Russian TV", "in
an interview with The Moscow Times", "Speaking to Al Jazeera, ...", "as quoted by the SITA newswire".

`outlet_of` finds the phrase after a marker near the claim's cue; `outlet_phrase` reads the phrase
(capitalised words, media words, a show's title in quotation marks, a host or correspondent named
after the outlet); `is_outlet` decides whether it names an outlet as surely as its marker requires
(docs/claims.md, "via"). The chains of sources that use it are in sources.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from newslake.models.attribution.pairing import Attribution
from newslake.tasks.claims.speakers import kind_from_head, kind_from_words
from newslake.tasks.events.actor_codes import actor_code, named_actor_code
from newslake.text.spans import Span

# Participles that add to a claim: ", adding that ...", "made the comments in an interview with X, saying".
PARTICIPLE = re.compile(r"^(?:adding|saying|noting|stating|claiming|insisting|arguing|warning|urging|stressing|explaining"
                        r"|remarking|suggesting|asserting|contending|acknowledging|admitting|predicting|declaring)$", re.I)
# A title's or an initial's full stop does not end the name: "quoted Ms. Simonyan as saying".
TITLES = ("Mr", "Ms", "Dr", "St", "Jr", "Sr", "Lt", "Mrs", "Gen", "Sen", "Rep", "Gov", "Col", "Sgt", "Prof")


def outlet_of(text: str, a: Attribution, mentions: Sequence[Mapping[str, Any]], kinds: Mapping[str, Sequence[str]],
              before: int | None = None, after: int | None = None) -> Span | None:
    """The news outlet (or, after "quoted by" / "reported by", the source) that `a`'s words pass
    through, named between `before` and `after` (default: the cue's own sentence is not known, so
    from the cue to 200 characters on): "Putney later told CNN", "said on Russian TV", "said in a phone
    interview with The Moscow Times", "said, as quoted by the SITA newswire", "Speaking to Al Jazeera,
    ... said". None when no outlet is named there."""
    before = a.cue.start if before is None else before
    after = min(len(text), a.cue.end + 200) if after is None else after
    cue = text[a.cue.start : a.cue.end]
    found: list[tuple[int, str]] = []  # (where the outlet's phrase starts, how sure the marker is of an outlet)
    if _TOLD.search(cue):
        found.append((a.cue.end, "told"))
    elif (m := _TO_OR_ON.match(text, a.cue.end, after)) is not None and (m.group(1).lower() == "on" or _TO_VERB.search(cue)):
        found.append((m.end(), "on" if m.group(1).lower() == "on" else "told"))
    found += [(m.end(), "named") for m in _MARKER.finditer(text, a.cue.start, after)]
    found += [(m.end(), "addressed") for m in _MARKER_TOLD.finditer(text, a.cue.start, after)]
    for marker, strength in ((_MARKER_BEFORE, "named"), (_MARKER_TOLD, "addressed")):  # "In comments to the FT, ..."
        for m in marker.finditer(text, before, a.cue.start):
            opens_clause = m.start() == before or text[m.start() - 2 : m.start()] in (", ", ". ") or text[m.start() - 1] == "\n"
            if opens_clause or PARTICIPLE.match(cue.strip()):  # "made the comments in an interview with X, saying"
                found.append((m.end(), strength))
    found += [(m.end(), "told") for m in _APPEARED.finditer(text, before, a.cue.start)]
    if cue.strip() == ":":  # "gave the technique a whirl in an interview with CNN on Tuesday: ...", "told X: ..."
        for marker, strength in ((_MARKER, "named"), (_MARKER_TOLD, "addressed"), (_TOLD_BEFORE_COLON, "told")):
            found += [(m.end(), strength) for m in marker.finditer(text, before, a.cue.start)]
    for position, strength in found:
        limit = after if position > a.cue.start else a.cue.start
        phrase = outlet_phrase(text, position, limit)
        if phrase is None:
            continue
        if is_outlet(text, phrase, strength, mentions, kinds):
            return Span(phrase[0], phrase[1], "SOURCE", 1.0)
        # "told Bill O'Reilly of Fox News": a person of an outlet passes the words on for it
        of = re.match(r"\s+of\s+", text[phrase[1] : limit])
        outlet = outlet_phrase(text, phrase[1] + of.end(), limit) if of else None
        if outlet is not None and is_outlet(text, outlet, strength, mentions, kinds):
            return Span(phrase[0], outlet[1], "SOURCE", 1.0)
    return None


def outlet_in_speaker(text: str, a: Attribution, mentions: Sequence[Mapping[str, Any]],
                      kinds: Mapping[str, Sequence[str]]) -> tuple[Attribution, Span] | None:
    """An outlet the tagger ran into the speaker's phrase: "The security official cited by Reuters said",
    '"...," said one of his close friends who identified him in an interview with The Washington Post'.
    (`a` with its speaker cut before the marker, the outlet), or None when its phrase names none."""
    source = a.source
    marker = _IN_SPEAKER.search(text, source.start, source.end) if source is not None else None
    if marker is None:
        return None
    words = re.sub(r"(?:\s+(?:who|that|which))?[\s,]*$", "", text[source.start : marker.start()])  # "an official who | spoke to"
    speaker_end = source.start + len(words)
    phrase = outlet_phrase(text, marker.end(), source.end)
    if speaker_end <= source.start or phrase is None \
            or not is_outlet(text, phrase, "named", mentions, kinds, before_cue=phrase[1] == source.end):
        return None
    speaker = Span(source.start, speaker_end, source.label, source.score)
    return replace(a, source=speaker), Span(phrase[0], phrase[1], "SOURCE", 1.0)


_IN_SPEAKER = re.compile(r"\b(?:(?:cited|quoted|interviewed)\s+by|(?:speaking|talking|spoke|talked)\s+(?:to|with)"
                         r"|in\s+an?\s+(?:[\w-]+\s+){0,2}?interview\s+with)\s+", re.I)


# "told CNN", "told ITAR-TASS news agency"; "said on Russian TV", "explained to Mashable".
_TOLD = re.compile(r"(?:^|\s)(?:told|tells|telling|assured|assures|assuring|informed|informs|informing)$", re.I)
_TOLD_BEFORE_COLON = re.compile(r"\b(?:told|tells)\s+", re.I)
# A time phrase may stand between the verb and its outlet: "said on Sunday on Fox News", "said this month on CNBC".
_TIME = (r"(?:(?:on|last|this|early|late|earlier|later)\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|week|month|year"
         r"|morning|afternoon|evening|night|today|yesterday)(?:\s+(?:morning|afternoon|evening|night))?")
_TO_OR_ON = re.compile(rf"\s*(?:,\s*)?(?:\w+ly\s+)?(?:{_TIME},?\s+)?(on|to)\s+", re.I)
# Verbs whose "to" names who heard the words ("explained to Mashable"), not an infinitive ("vows to cut").
_TO_VERB = re.compile(r"\b(?:said|says|say|explained|explains|wrote|writes|confirmed|confirms|admitted|stated|complained"
                      r"|revealed|described|denied|added|acknowledged|spoke|speaks|insisted|noted|repeated)$", re.I)
# Markers of the outlet or the source a statement went through, after the cue (or in it: "said in a
# separate statement"). After these any name will do ...
# "in an interview published on Monday by", "in an interview aired by": the interview's outlet after its publication.
PUBLISHED = rf"(?:(?:published|broadcast|aired|released|posted|carried)\s+(?:{_TIME}\s+)?)?"
_MARKER = re.compile(
    rf"\b(?:(?:in|during)\s+(?:an?|the|his|her|their|its)\s+(?:[\w-]+\s+){{0,3}}?interviews?\s+{PUBLISHED}(?:with|to|on|for|by)"
    r"|(?<!before\s)(?<!after\s)(?:speaking|talking)\s+(?:to|with|on)"  # "added before speaking to X": another occasion
    r"|(?:as\s+)?(?:\w+ly\s+|first\s+|later\s+)?(?:quoted|cited|reported)\s+by)\s+", re.I)
# ... after these an outlet must be one, as after "told" (though no lone name or title is taken for
# one here): "in a letter to Obama" names an addressee.
_MARKER_TOLD = re.compile(
    r"\b(?:in|during)\s+(?:(?:an?|the|his|her|their|its)\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:comments?|remarks|statement|note|letter|e-?mail|message|op-ed|article|column|post|broadcast|appearance)s?"
    r"\s+(?:(?:provided|sent|given|released|e-?mailed|published|posted|received|issued|aired|broadcast|carried|televised)\s+)?"
    r"(?:to|on|for|by)\s+", re.I)
# An occasion right after the cue ("said in comments aired on", "said in an interview with").
OCCASION = re.compile(rf"[\s,]*(?:{_MARKER_TOLD.pattern}|{_MARKER.pattern})", re.I)
# ... and before it, opening the clause: "In an interview with Channel One, ...", "Speaking to Al Jazeera, ...".
_MARKER_BEFORE = re.compile(
    rf"\b(?:(?:in|during)\s+(?:an?|the|his|her|their|its)\s+(?:[\w-]+\s+){{0,3}}?interview\s+{PUBLISHED}(?:with|to|on|by)"
    r"|(?:speaking|talking)\s+(?:to|with|on)|interviewed\s+by)\s+", re.I)
# ... or anywhere before it in the clause: "Dean then appeared on MSNBC and began by saying ...".
_APPEARED = re.compile(r"\b(?:appeared|appearing|appears)\s+(?:\w+ly\s+)?on\s+", re.I)
# Where words are posted is no outlet they pass through: "said on Twitter".
_PLATFORMS = {"twitter", "facebook", "instagram", "youtube", "telegram", "tiktok", "vkontakte", "linkedin", "reddit",
              "snapchat", "whatsapp"}
_OWN = {"his", "her", "their", "its", "our", "my"}
_OUTLET_HEADS = {"newspaper", "newspapers", "daily", "weekly", "paper", "agency", "newswire", "wire", "television", "tv",
                 "radio", "channel", "network", "broadcaster", "magazine", "website", "site", "outlet", "station",
                 "tabloid", "edition", "newsletter", "blog", "podcast", "programme", "program", "show", "series"}
_OUTLET_MODIFIERS = {"news", "local", "state", "state-run", "state-owned", "national", "regional", "independent",
                     "opposition", "online", "private", "public", "official", "daily", "weekly", "radio", "television", "tv",
                     "video"}
# People of the media are no outlet: "told reporters", "told the host", "told his radio audience".
_MEDIA_PEOPLE = {"reporter", "reporters", "journalist", "journalists", "editor", "editors", "correspondent",
                 "correspondents", "columnist", "host", "anchor", "moderator", "narrator", "audience", "crowd"}
_TOKEN = re.compile(r"[\w&'’.\-]+")
_DATE_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
               "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
# A sentence ends at a full stop, but not at an initial's or a title's: "told Mr. Obama".
SENTENCE_STOP = re.compile("(?<![A-Z])" + "".join(rf"(?<!\b{t})" for t in TITLES) + r"[.!?][\"”’]?\s")


def outlet_phrase(text: str, start: int, limit: int) -> tuple[int, int] | None:
    """(start, end) of the name or media phrase at `start`: an article, capitalised words, media words
    ("the Sme daily", "ITAR-TASS news agency", "Kommersant newspaper's Ukrainian edition", "a local
    newspaper"); None when the words there are no such phrase ("reporters", "a news conference")."""
    quoted = _QUOTED_TITLE.match(text, start, limit)
    if quoted is not None:  # a show's title in quotation marks is one name, small words and all
        return quoted.start("title"), quoted.end("title")
    first, last_valid, position = None, None, start
    for number, token in enumerate(_TOKEN.finditer(text, start, limit)):
        gap = text[position : token.start()].strip()
        if gap and not (first is None and gap in ("“", '"', "‘")):  # a comma or a quote ends the phrase; a show's title opens with one
            show = _QUOTED_TITLE.match(text, position, limit) if re.search(r"['’]s?$", text[first or start : position]) else None
            if show is not None:  # "ABC's “Good Morning America”": the network's show, to its closing mark
                return first, show.end()
            break
        word = token.group().rstrip(".") if not re.search(r"\w\.\w", token.group()) else token.group()
        bare = re.sub(r"['’]s$", "", word).lower()
        if bare in _DATE_WORDS:  # "told a local newspaper Tuesday"
            break
        if number == 0 and bare in ("the", "a", "an"):
            first, position = token.start(), token.end()
            continue
        if word[:1].isupper() or word[:1].isdigit() or bare in _OUTLET_HEADS or bare in _OUTLET_MODIFIERS \
                or _media_head_ahead(text, token.end(), limit):  # "the separatist news agency DAN", "the pro-Kremlin daily"
            first = token.start() if first is None else first
            if word[:1].isupper() or word[:1].isdigit() or bare in _OUTLET_HEADS:
                last_valid = token.start() + len(word)
            position = token.end()
            continue
        if bare in _MEDIA_PEOPLE:  # "his radio audience", "the CNN reporters": people, no outlet ...
            named = _NAMED_PERSON.match(text, token.end(), limit)
            outlet_before = last_valid is not None and text[first:last_valid][:1].isupper()
            medium_before = first is not None and text[first:token.start()].split()[-1].lower() in _OUTLET_HEADS
            if (outlet_before or medium_before) and named is not None:
                # ... but "NPR correspondent Steve Inskeep", "radio host Hugh Hewitt" pass the words on
                return first, named.end()
            return None
        break
    if last_valid is None:
        return None
    return first, last_valid


# "in an interview with "Fox and Friends," Trump": up to 8 words in quotation marks, the first capitalised.
# A word of a title: a full stop inside it ("U.S") or before a space ("U.S. News"), never before the closing mark.
_TITLE_WORD = r"[\w’'&-]+(?:\.[\w’'&-]+)*(?:\.(?=\s))?"
_QUOTED_TITLE = re.compile(rf"\s*[\"“](?P<title>(?=[A-Z]){_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,7}}?)[,.]?[\"”]")
_NAMED_PERSON = re.compile(r"\s+[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,2}")  # a first name and a surname


def _media_head_ahead(text: str, position: int, limit: int) -> bool:
    """A media head word (newspaper, agency, ...) among the next 3 words, with no punctuation between."""
    ahead = re.match(r"(?:\s+[\w-]+){1,3}", text[position:limit])
    return ahead is not None and any(w.lower() in _OUTLET_HEADS for w in ahead.group().split())


# Words that may follow an outlet's name ("told CNN that", "told Reuters he", "told Interfax on Monday").
_AFTER_NAME = {"that", "he", "she", "they", "it", "we", "i", "on", "in", "at", "by", "about", "after", "before",
               "during", "when", "while", "for", "with", "and", "but", "the", "a", "an", "this", "last", "earlier", "later",
               "recently", "late", "early", "as", "of", "his", "her", "their", "its", "there", "what", "how", "why", "if",
               "editorial", "newsroom"}  # "speaking with The Des Moines Register editorial board"


def _names_something_else(text: str, phrase: tuple[int, int]) -> bool:
    """The capitalised phrase modifies a noun after it ("a letter to EU ambassadors"): it names no outlet."""
    following = re.match(r"\s+([a-z][\w-]*)", text[phrase[1] : phrase[1] + 40])
    return following is not None and following.group(1) not in _AFTER_NAME


def is_outlet(text: str, phrase: tuple[int, int], strength: str, mentions: Sequence[Mapping[str, Any]],
               kinds: Mapping[str, Sequence[str]], before_cue: bool = False) -> bool:
    """Whether the phrase names an outlet, as sure as its marker allows: after "in an interview with"
    or "quoted by" any name will do; after "told" / "to" a media word, or an organisation that is no
    government or military body; after "on" ("said on Saturday") only a media word. `before_cue`: the
    phrase ends a speaker's words, so the word after it is the cue, not a noun the name modifies."""
    surface = text[phrase[0] : phrase[1]]
    words = [re.sub(r"['’]s$", "", w).lower() for w in surface.split()]
    if words[-1] in _MEDIA_PEOPLE and not (_a_title(surface) and surface.split()[-1][:1].isupper()):
        return False  # "told the reporter"; but "told The Hollywood Reporter" names a publication
    if words in (["the", "tv"], ["the", "television"], ["the", "radio"]):
        return False  # "Melanie said to the TV": a set, no outlet ("told the newspaper" does name one)
    # "told the United Nations agency": a body. An agency is a news agency with "news" (press, information)
    # or a name the media dictionary knows ("the Interfax agency").
    bare_agency = "agency" in words and not {"news", "press", "information"} & set(words)
    named = re.sub(r"\bagency\b", "", surface, flags=re.I).strip() if bare_agency else surface
    heads = {w for w in words if w in _OUTLET_HEADS} - ({"agency"} if bare_agency else set())
    media = bool(heads) or (bool(named) and (kind_from_words(named, kinds) == "media" or kind_from_head(named) == "media"))
    if words[0] in _OWN or any(w in _PLATFORMS for w in words):
        return False  # "warned on his Telegram channel", "wrote on her website": the speaker's own medium
    if media:
        return True
    inside = [m for m in mentions if m["start"] < phrase[1] and phrase[0] < m["end"]]
    if _people(surface, inside):  # "speaking to Iowans", "told Democrats"
        return False
    if strength == "named":  # unless the name modifies a noun: "speaking to European Commission president Barroso"
        return before_cue or not _names_something_else(text, phrase)
    if strength == "on" and words[-1] in _PLATFORMS:
        return False
    if _names_something_else(text, phrase) or kind_from_words(surface, kinds) in ("government", "military"):
        return False
    if (known := named_actor_code(named or surface)) is not None and known.sector not in (None, "MED"):  # "told the FBI", "told Congress"
        return False
    if strength == "told" and (_a_title(surface) or _lone_name(text, phrase, inside, mentions)
                               or _reports(text, surface, mentions)):
        return True
    if " " not in surface and _surname(surface, text, mentions):
        return False  # "he told Rubio" where the article names Marco Rubio, whatever the tagger called "Rubio" here
    return bool(inside) and all(_organisation(text, m, mentions) for m in inside)


def _reports(text: str, name: str, mentions: Sequence[Mapping[str, Any]]) -> bool:
    """The article has `name` report elsewhere ("Page Six reported Thursday"): what is told to it is told
    to an outlet ("an NBC source told Page Six"). Not where the entity model calls it a person there
    ("Marco Rubio wrote" makes no outlet of him)."""
    for found in re.finditer(rf"\b{re.escape(name)}(?=\s+(?:reported|reports|wrote|writes)\b)", text):
        if not any(m["label"] == "PER" and m["start"] < found.end() and found.start() < m["end"] for m in mentions):
            return True
    return False


# One capitalised word for a group of people: "Iowans", "Democrats", "Ukrainians", "Shiites".
_GROUP = re.compile(r"[A-Z][\w-]*(?:ans|ats|ists|ites)")


def _people(surface: str, inside: Sequence[Mapping[str, Any]]) -> bool:
    """A group of people, no outlet: one capitalised plural word, a demonym or a party's members
    ("Iowans", "Democrats"), or a one-word plural the tagger calls MISC ("African-Americans")."""
    words = surface.split()
    if len(words) != 1:
        return False
    return bool(_GROUP.fullmatch(words[0])) or any(_plural_misc(m["label"], words[0]) for m in inside)


def _plural_misc(label: str, name: str) -> bool:
    """A one-word plural the tagger calls MISC names a group of people ("African-Americans", "Democrats")."""
    return label == "MISC" and " " not in name and name.endswith("s")


def _a_title(surface: str) -> bool:
    """A capitalised "The" inside a sentence opens a title, and after "told" that of a publication:
    "told The Spokesman-Review", "told The Hill"."""
    return bool(re.match(r"The\s+[A-Z]", surface))


def _lone_name(text: str, phrase: tuple[int, int], inside: Sequence[Mapping[str, Any]],
               mentions: Sequence[Mapping[str, Any]]) -> bool:
    """One capitalised word that names no place, no group ("Americans") and no person of the article: a
    person is introduced with a full name, so a lone "Mashable" or "Politico" that is no part of a longer
    person's name, no actor the CAMEO dictionaries know (Obama, Putin) and not the speaker of its own
    words elsewhere ("Smith said"), is the outlet the words were told to, whatever the tagger called it.
    The outlets known by their acronyms (CNN, NPR) are in the media dictionary; other acronyms name
    organisations ("told CREW")."""
    name = text[phrase[0] : phrase[1]]
    if " " in name or name.isupper() or any(m["label"] in ("LOC", "MISC") for m in inside):  # "told CREW": an acronym names a body
        return False
    if (known := actor_code(name)) is not None and known.sector != "MED":  # "told Obama", "told Putin"
        return False
    if re.search(rf"\b{re.escape(name)}\s+(?:(?:\w+ly|only|also|then|later)\s+){{0,2}}(?:said|says|spoke|speaks|added|adds"
                 r"|explained|argued|insisted|seemed|seems|urged|responded|replied|asked|campaigned|voted)\b", text):
        return False  # "Smith said ...", "Rubio only briefly explained": a person the article names by surname alone
    return not _surname(name, text, mentions)


def _surname(name: str, text: str, mentions: Sequence[Mapping[str, Any]]) -> bool:
    """One word that is part of a longer name the entity model calls a person in the article."""
    return any(m["label"] == "PER" and m["end"] - m["start"] > len(name) and name in text[m["start"] : m["end"]].split()
               for m in mentions)


def _organisation(text: str, mention: Mapping[str, Any], mentions: Sequence[Mapping[str, Any]]) -> bool:
    """An ORG or MISC mention, or a name the tagger called a person here and an organisation elsewhere in
    the article: the same name ("Sidewire"), or the start of one ("Fox" of "Fox News"). A one-word plural
    MISC names a group of people, no outlet ("told African-Americans", "told Democrats")."""
    name = text[mention["start"] : mention["end"]]
    if _plural_misc(mention["label"], name):
        return False
    if mention["label"] in ("ORG", "MISC"):
        return True
    return mention["label"] == "PER" and any(m["label"] == "ORG" and (text[m["start"] : m["end"]] + " ").startswith(name + " ")
                                             for m in mentions)
