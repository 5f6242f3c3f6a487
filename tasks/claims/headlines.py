"""Attributions in a headline: "Pentagon confirms strike on ...", "Kremlin: U.S. decision would escalate war",
"..., Ukrainian officials say", "... - Zelensky".

The attribution tagger reads article bodies; ingest keeps the headline apart (`articles.title`), and
headline grammar is not body grammar: present-tense cues, no "that", a colon or a dash for "said".
Run on titles, the tagger took 29 of 61 attributions right on 90 real headlines (docs/claims.md): it
also tags what PolNeAR calls attribution but no one said ("endorses Clinton", "weigh plans",
"wants to merge"). These patterns, tried in this order, found 33 claims in the same titles, 32 right:

  speaker-colon  "Kremlin: U.S. decision would escalate war"      cue ":"
  speaker-verb   "Pentagon confirms strike on ...", "UN chief calls for ceasefire"
  comma-say      "..., Ukrainian officials say" / "..., says Rutte"
  tail-dash      "Guatemala ready to join special tribunal - Zelensky"   cue the dash
  tail-colon     "Russian forces interfering at Ukraine nuclear plant: IAEA"   cue ":"

A reporter after the statement ("Kremlin denies plans to annex Donbas, RIA says", "... - Interfax") or
the outlet a speaker "tells" ("Zelensky tells CNN ...") is the claim's `via` (`headline_via`).

A leading label that is not a speaker ("The Latest:", "Ukraine crisis:", "Mariupol:") is skipped.
A speaker must be one: a person or organisation the article's entity mentions name (found in the title
by `title_mentions`), a place before a verb or after a dash (a country speaks through its government),
a phrase whose head noun has a speaker sector ("officials", "police chief") or an anonymous source.
Anything else — a topic, a thing — is no speaker, and the headline has no claim. At most one claim per
headline. A site suffix such as "(05.04.22 18:20) « War in Ukraine | Censor.NET" is not content.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from newslake.models.attribution.pairing import Attribution
from newslake.tasks.claims.speakers import (ANONYMOUS, Speaker, fold, kind_from_head, kind_from_words, link_speaker,
                                            sector_kinds)
from newslake.tasks.events.actor_codes import named_actor_code
from newslake.text.spans import Span

# Verbs of saying, and of taking a position in words, as headlines write them (any tense).
CUE_VERBS = (
    r"says?|said|tells?|told|confirm(?:s|ed)?|den(?:ies|ied|y)|claim(?:s|ed)?|warn(?:s|ed)?|accus(?:es|ed|e)"
    r"|urg(?:es|ed|e)|insist(?:s|ed)?|vow(?:s|ed)?|reject(?:s|ed)?|condemn(?:s|ed)?|(?:calls?|called)\s+(?:for|on)"
    r"|admit(?:s|ted)?|announc(?:es|ed|e)|reveal(?:s|ed)?|asks?|asked|demand(?:s|ed)?|blam(?:es|ed|e)"
    r"|slam(?:s|med)?|criticiz(?:es|ed|e)|criticis(?:es|ed|e)|(?:rules?|ruled)\s+out|dismiss(?:es|ed)?"
    r"|refut(?:es|ed|e)|rebut(?:s|ted)?|debunk(?:s|ed)?|disput(?:es|ed|e)|predict(?:s|ed)?|promis(?:es|ed|e)|pledg(?:es|ed|e)"
    r"|threaten(?:s|ed)?|suggest(?:s|ed)?|argu(?:es|ed|e)|believ(?:es|ed|e)|thinks?|thought|fears?|feared"
    r"|reports?|reported|acknowledg(?:es|ed|e)|alleg(?:es|ed|e)|hints?|hinted|stress(?:es|ed)?"
    r"|expects?|expected|doubts?|doubted|welcom(?:es|ed|e)|hail(?:s|ed)?|decr(?:ies|ied|y)|denounc(?:es|ed|e)"
    r"|recommend(?:s|ed)?|defend(?:s|ed)?|appeal(?:s|ed)?\s+(?:for|to)|notes?|noted|estimat(?:es|ed|e)|concedes?|conceded"
)
# The verbs a trailing speaker says with: "..., Ukrainian officials say", "..., says Rutte".
_SAY = (r"says?|said|warns?|warned|claims?|claimed|insists?|insisted|believes?|believed|thinks?|fears?|reports?|reported"
        r"|confirms?|confirmed|admits?|admitted|tells\s+\S+|told\s+\S+")
_CUE = re.compile(rf"\b(?:{CUE_VERBS})\b", re.I)
_ADVERB = r"(?:(?:just|also|now|again|still|finally|reportedly|officially|publicly|openly|formally)\s+)?"  # "Al Sharpton Just Said"
_SPEAKER_VERB = re.compile(rf"^(?P<speaker>[^:;]+?)\s+(?P<cue>{_ADVERB}(?:{CUE_VERBS}))\s+(?P<content>\S.*)$", re.I)
_COMMA_SPEAKER_SAY = re.compile(rf"^(?P<content>.*\S),\s+(?P<speaker>[^,]{{2,60}}?)\s+(?P<cue>{_SAY})$", re.I)
_COMMA_SAY_SPEAKER = re.compile(rf"^(?P<content>.*\S),\s+(?P<cue>{_SAY})\s+(?P<speaker>[^,]{{2,60}})$", re.I)
_TAIL_DASH = re.compile(r"^(?P<content>.*\S),?\s+(?P<cue>[-–—]+(?:\s+(?:said|says))?)\s+"
                        r"(?P<speaker>(?:[^-–—:]|(?<=\w)-(?=\w)){2,60})$")  # ", - said X"; a speaker may hold a hyphen: "Commander-in-Chief"
_TAIL_COLON = re.compile(r"^(?P<content>.*\S)\s*(?P<cue>:)\s+(?P<speaker>[^:]{2,40})$")
_LEAD_COLON = re.compile(r"^(?P<label>[^:]{2,60}?)\s*(?P<cue>:)\s+(?P<rest>\S.*)$")
_SITE_SUFFIX = re.compile(r"(?:\.?\s+(?:VIDEO|PHOTOS?|AUDIO|INFOGRAPHICS?|DOCUMENT|UPDATED)\b\.?)*"  # "– authorities. VIDEO"
                          r"\s*(?:\(\d{1,2}\.\d{1,2}\.\d{2,4}[^)]*\))?\s*(?:«[^«]*)?$")
# Words that head a section label, not a speaker: "The Latest:", "Analysis:", "Factbox:".
_LABELS = {"latest", "the latest", "breaking", "analysis", "factbox", "explainer", "exclusive", "update", "live", "watch",
           "opinion", "video", "photos", "wow", "editorial", "interview", "fact check", "timeline", "q&a", "diary"}
_MAX_SPEAKER_WORDS = 6  # before a verb: "Former Clinton pollster", "Ukraine's deputy defence minister"
_MAX_LABEL_WORDS = 4  # before a colon: a name or a role ("UN", "Pat Caddell", "Ukraine's General Staff")
_MAX_TAIL_WORDS = 4  # after the content: "- French presidency official", ", Former White House Doctor Says"
_TOPIC = re.compile(r"(?<![\w-])(?:about|on|in|from|after|over|for|with)(?![\w-])", re.I)  # "Steinmeier about Ukraine:", "Diary from Kyiv:"
# A name after a headline's dash: one or two capitalised words or an acronym ("Zelensky", "Commander-in-Chief").
_DASH_NAME = re.compile(r"[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+)?")
_ANONYMOUS_HEAD = re.compile(r"(?:sources?|officials?|insiders?|diplomats?|observers?|analysts?|experts?|witnesses?|people)$", re.I)


def title_mentions(title: str, mentions: Sequence[Mapping[str, Any]], body: str) -> list[dict[str, Any]]:
    """The article's entity mentions found again in its title: each distinct name the body's mentions
    spell, and a person's surname alone ("Zelensky" for "Volodymyr Zelensky"), word-bounded; longer
    names first, no overlaps. Rows as in `entities` (start, end, label, entity_key) with title offsets.
    A headline often names who speaks and the body does not ("IAEA warns ..." over "The UN nuclear
    watchdog says ..."): a run of capitalised words the CAMEO dictionaries know as a whole (a country,
    or an actor with its own code) is a mention too, LOC or ORG, with its CAMEO `sector`."""
    names: dict[str, Mapping[str, Any]] = {}
    for m in mentions:
        name = body[m["start"] : m["end"]].strip()
        if len(name) >= 2:
            names.setdefault(name, m)
            words = name.split()
            if m["label"] == "PER" and len(words) >= 2:
                names.setdefault(words[-1], m)
    found: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", title):
            if all(match.end() <= s or match.start() >= e for s, e in taken):
                m = names[name]
                found.append({"start": match.start(), "end": match.end(), "label": m["label"],
                              "entity_key": m["entity_key"]})
                taken.append((match.start(), match.end()))
    for run in _CAPITALISED.finditer(title):  # names the body never spells, known to the CAMEO dictionaries
        if any(run.start() < e and s < run.end() for s, e in taken):
            continue
        code = named_actor_code(run.group())
        if code is not None:
            found.append({"start": run.start(), "end": run.end(), "label": "LOC" if code.sector is None else "ORG",
                          "entity_key": fold(run.group()), "sector": code.sector})
    return sorted(found, key=lambda m: m["start"])


# A run of capitalised words: a name the dictionaries may know ("Russia", "IAEA", "NATO").
_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}(?![\w-])")


def headline_attribution(title: str, mentions: Sequence[Mapping[str, Any]],
                         kinds: Mapping[str, Sequence[str]]) -> tuple[Attribution, Speaker] | None:
    """The headline's attribution and its resolved speaker, or None. `mentions`: `title_mentions`."""
    end = len(_SITE_SUFFIX.sub("", title).rstrip())
    start = 0
    lead = _LEAD_COLON.match(title[:end])
    if lead is not None:
        # "Zaporizhzhia NPP: C, - British MP Ellwood": the speaker after the dash, the lead a topic;
        # "Yermak: Yermak says C": the lead's name speaks again with a verb
        label_words = lead.group("label").split()
        again = bool(label_words) and title[lead.start("rest") :].startswith(label_words[-1])
        for pattern in ((_SPEAKER_VERB,) if again else ()) + (_TAIL_DASH, _COMMA_SPEAKER_SAY, _COMMA_SAY_SPEAKER):
            match = pattern.match(title[lead.start("rest") : end])
            found = _attribution(title, match, "speaker", "content", mentions, kinds, offset=lead.start("rest")) \
                if match is not None else None
            if found is not None:
                return found
        found = _attribution(title, lead, "label", "rest", mentions, kinds, colon_lead=True)
        if found is not None:
            return found
        start = lead.start("rest")  # a section label: the headline proper follows it
    tries = [(pattern, start) for pattern in (_SPEAKER_VERB, _COMMA_SPEAKER_SAY, _COMMA_SAY_SPEAKER, _TAIL_DASH, _TAIL_COLON)]
    if start:  # the colon was no label's: "Russian forces interfering at Ukraine nuclear plant: IAEA"
        tries.append((_TAIL_COLON, 0))
    for pattern, offset in tries:
        match = pattern.match(title[offset:end])
        if match is not None:
            found = _attribution(title, match, "speaker", "content", mentions, kinds, offset=offset)
            if found is not None:
                return _dash_speaker_instead(title, found, offset, end, mentions, kinds) if pattern is _SPEAKER_VERB else found
    return None


def _dash_speaker_instead(title: str, found: tuple[Attribution, Speaker], offset: int, end: int,
                          mentions: Sequence[Mapping[str, Any]], kinds: Mapping[str, Sequence[str]]) -> tuple[Attribution, Speaker]:
    """"Ukraine expects long-range weapons from partners - Commander-in-Chief": a speaker after the dash
    said the whole headline, verb and all, unless the dash names the outlet that passed it on ("Kremlin
    denies plans ... - Interfax": `headline_via`)."""
    match = _TAIL_DASH.match(title[offset:end])
    dashed = _attribution(title, match, "speaker", "content", mentions, kinds, offset=offset) if match is not None else None
    if dashed is None or dashed[1].kind == "media" or kind_from_words(title[dashed[0].source.start : dashed[0].source.end], kinds) == "media":
        return found
    return dashed


# The reporter of a headline's statement, after it: "Kremlin denies plans to annex Donbas, RIA says",
# "Ukraine says Russia shelled Kharkiv overnight - Interfax".
_REPORTED_BY = re.compile(r"(?P<content>.*\S)(?:,\s+(?P<said>[A-Z][^,]{1,40}?)\s+(?:says?|said|reports?|reported)"
                          r"|\s+[-–—]+\s+(?P<dashed>\w[^-–—]{1,40}))")
_TELLS = re.compile(r"^(?:tells?|told)$", re.I)


def headline_via(title: str, attribution: Attribution, mentions: Sequence[Mapping[str, Any]],
                 kinds: Mapping[str, Sequence[str]]) -> tuple[Attribution, Span | None]:
    """The headline's attribution with its content cut before the source it passed through, and that
    source: a reporter after the statement (`_REPORTED_BY`, at most `_MAX_TAIL_WORDS` words), or the
    outlet a speaker "tells" ("Zelensky tells CNN Ukraine will not give up territory": an organisation the
    article names, or a media name, right after the cue). (attribution, None) when there is none."""
    content = attribution.content
    if content is None:
        return attribution, None
    if _TELLS.match(title[attribution.cue.start : attribution.cue.end]):
        named = [m for m in mentions if m["start"] == content.start and m["label"] in ("ORG", "MISC")]
        outlet = (named[0]["start"], named[0]["end"]) if named else None
        if outlet is not None and (kind_from_words(title[outlet[0] : outlet[1]], kinds) in ("media", None)):
            rest = outlet[1] + len(title[outlet[1] : content.end]) - len(title[outlet[1] : content.end].lstrip(" ,:"))
            if content.end - rest >= 3:
                said = Span(rest, content.end, "CONTENT", content.score)
                return replace(attribution, content=said, content_fragments=(said,)), Span(*outlet, "SOURCE", 1.0)
        return attribution, None
    if not title[attribution.cue.start : attribution.cue.end].strip()[:1].isalpha():
        return attribution, None  # "Zaporizhzhia NPP: C, - British MP Ellwood": a dash after a colon names the speaker
    tail = _REPORTED_BY.fullmatch(title, content.start, content.end)
    group = "said" if tail is not None and tail.group("said") else "dashed"
    if tail is None or len(tail.group(group).split()) > _MAX_TAIL_WORDS or len(tail.group("content").split()) < 3:
        return attribution, None
    reporter = tail.group(group).strip()
    if not (reporter[:1].isupper() or kind_from_head(reporter.lower()) is not None or _ANONYMOUS_HEAD.search(reporter)):
        return attribution, None  # "Putin says talks stalled - for now"; "... — agency" and "... — MP" are sources
    said = Span(tail.start("content"), tail.end("content"), "CONTENT", content.score)
    return replace(attribution, content=said, content_fragments=(said,)), Span(*_strip(title, *tail.span(group)), "SOURCE", 1.0)


def _attribution(title: str, match: re.Match, speaker_group: str, content_group: str,
                 mentions: Sequence[Mapping[str, Any]], kinds: Mapping[str, Sequence[str]],
                 offset: int = 0, colon_lead: bool = False) -> tuple[Attribution, Speaker] | None:
    s, e = (offset + match.start(speaker_group), offset + match.end(speaker_group))
    c, d = (offset + match.start(content_group), offset + match.end(content_group))
    cue = Span(offset + match.start("cue"), offset + match.end("cue"), "CUE", 1.0)
    s, e = _strip(title, s, e)
    c, d = _strip(title, c, d)
    d = c + len(title[c:d].split(";")[0].rstrip())  # "China rebuts criticism; Investment, official says, ...": two headlines
    phrase = title[s:e]
    tail = speaker_group == "speaker" and match.start("speaker") > match.start("content")
    most = _MAX_LABEL_WORDS if colon_lead else _MAX_TAIL_WORDS if tail else _MAX_SPEAKER_WORDS
    if tail and len(title[c:d].split()) < 3:  # "Ukraine crisis: EU signs association deal" has a label, no speaker
        return None
    if (not phrase or len(phrase.split()) > most or phrase.lower() in _LABELS or d - c < 3 or "," in phrase
            or title[c:d].endswith("?")):  # a question asserts nothing: "Nerdcast: Was firing X the start ...?"
        return None
    if _CUE.search(phrase) or ((colon_lead or tail) and _TOPIC.search(phrase)):  # "Woman Steps ... Claim:", ": In Irkutsk"
        return None
    speaker = _title_case_speaker(link_speaker(title, s, e, mentions, [], kinds, cue.start), title, s, e, mentions, kinds)
    if tail and speaker.resolution == "unlinked" and speaker.kind == "unknown" and _DASH_NAME.fullmatch(phrase) \
            and title[cue.start] in "-–—":
        # "... – Zelensky", "... - ISW": after a headline's dash a name is who said it, known or not
        speaker = replace(speaker, kind="organization" if phrase.isupper() else "person")
    elif not _is_speaker(speaker, title, mentions, colon_lead):
        return None
    source = Span(speaker.start, speaker.end, "SOURCE", 1.0)
    content = Span(c, d, "CONTENT", 1.0)
    return Attribution(source, cue, content, 1.0, (content,)), speaker


def _title_case_speaker(speaker: Speaker, title: str, start: int, end: int, mentions: Sequence[Mapping[str, Any]],
                        kinds: Mapping[str, Sequence[str]]) -> Speaker:
    """What headline capitals hide from the body's rules: "US" is the country, not "us"; "Ukraine Opposition"
    has the head noun "opposition"."""
    if speaker.resolution in ("author", "pronoun") and title[start:end].isupper():
        named = [m for m in mentions if m["start"] <= start and m["end"] >= end]
        if not named:
            return speaker
        label = named[0]["label"]
        kind = {"PER": "person", "LOC": "government"}.get(label) or kind_from_words(title[start:end], kinds) or "organization"
        return Speaker(named[0]["entity_key"], kind, "entity", start, end)
    if speaker.kind == "organization" and speaker.resolution == "entity":  # "IAEA warns": the dictionary's sector
        sectors = [m["sector"] for m in mentions if m["start"] == speaker.start and m["end"] == speaker.end and m.get("sector")]
        if sectors and sectors[0] in sector_kinds():
            return replace(speaker, kind=sector_kinds()[sectors[0]])
    if speaker.kind == "unknown" and speaker.start is not None:
        lowered = kind_from_head(title[speaker.start : speaker.end].lower())
        if lowered is not None:
            return replace(speaker, kind=lowered)
    return speaker


def _is_speaker(speaker: Speaker, title: str, mentions: Sequence[Mapping[str, Any]], colon_lead: bool) -> bool:
    """Whether the phrase is someone who can say something (see the module doc)."""
    if speaker.start is None or speaker.resolution in ("none", "pronoun", "author"):
        return False
    if speaker.resolution == ANONYMOUS:  # ", says experts to stay" is no source
        return bool(_ANONYMOUS_HEAD.search(title[speaker.start : speaker.end]))
    inside = [m for m in mentions if m["start"] < speaker.end and m["end"] > speaker.start]
    if speaker.resolution == "entity":
        # "Mariupol: ...", "Ukraine crisis: ..." open with a topic; a place before a verb or after a dash speaks.
        return not (colon_lead and inside and all(m["label"] == "LOC" for m in inside))
    if speaker.resolution == "role" and any(m["label"] in ("PER", "ORG") for m in inside):
        # A role of a person or organisation is one word after its name ("UN chief", "Trump aide"); more is
        # a sentence ("NATO Recon Missed Everything:").
        last = max(m["end"] for m in inside)
        return len(title[last : speaker.end].split()) == 1
    return speaker.kind not in ("unknown", "organization")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding spaces and the punctuation that joins headline parts."""
    while start < end and text[start] in " ,;:-–—":
        start += 1
    while end > start and text[end - 1] in " ,;:-–—":
        end -= 1
    return start, end
