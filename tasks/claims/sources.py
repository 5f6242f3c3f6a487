"""Nested sources: which attributions of a sentence are one statement passed on by another source,
and who the `via` of each claim is.

The reading (docs/claims.md): the speaker is whoever the words are attributed to; `via` is the
other source of the chain, the one the statement reaches the article through.
  - "X, citing Y, said ..." / "X said ..., citing Y": X said it, on Y's word: speaker X, via Y.
    Only a citation of a source (a named person or organisation, an anonymous source, a report)
    is a `via`: "citing safety concerns" gives reasons, not a source, and stays a claim of its own.
  - "X quoted Y as saying ..." / "Y was quoted by X as saying ...": the words are Y's: speaker Y,
    via X ("Interfax quoted Interior Minister Arsen Avakov as saying" -> Avakov via Interfax).
  - "According to X, Y said ..." / "Y said ..., according to X": speaker Y, via X; the
    "according to" attribution is the same statement and is not kept apart.
  - "Y said ..., X reported" / "..., as first reported by X" / "..., according to X" after Y's
    statement in its sentence: speaker Y, via X; the report is the same statement, not a claim of
    its own.
  - "Y told <news outlet> ...", "Y said on <outlet>", "in an interview with <outlet>", "in comments
    to <outlet>", "in a statement received by <outlet>", "speaking to <outlet>", "..., quoted by X",
    "as reported by X": speaker Y, via the outlet (or X). An outlet is a phrase with a media word
    ("newspaper", "daily", "TV", "news agency", the media words of `claims.speaker_kinds`) or a named
    organisation that is no government or military body; after "in an interview with", "speaking
    to", "quoted by" or "reported by" any name. "told reporters", "told a news conference", "told
    the crowd", "in a letter to EU ambassadors" name no outlet.
  - A report after a statement whose cue the tagger missed ("Y denied C, as later reported by X")
    is read for that statement: its first verb of saying, the phrase before it, what follows.
  - A participle that adds to a claim (", adding that ...") passes its words through the same via.
  - An occasion that opens the sentence ("In an interview with The Wall Street Journal, Trump doubled
    down ... and said C") is that of every claim its speaker makes in the sentence.
  - An outlet the tagger ran into the speaker's phrase ("The official cited by Reuters said") is the
    via.
  - Claims the tagger split in two ("Osuna told The Huffington Post: “C”", "the source cited | by
    Chosun Ilbo said") are joined first (joins.py); a colon's own occasion stands before it ("gave the
    technique a whirl in an interview with CNN on Tuesday: ...").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from newslake.models.attribution.pairing import Attribution
from newslake.tasks.claims.joins import joined_claims, same_span
from newslake.tasks.claims.outlets import (OCCASION, PARTICIPLE, SENTENCE_STOP, TITLES, outlet_in_speaker, outlet_of,
                                          outlet_phrase)
from newslake.tasks.claims.quotations import QUOTATION_VERBS
from newslake.tasks.claims.speakers import ANONYMOUS, link_speaker
from newslake.text.sentences import same_sentence
from newslake.text.spans import Span

_CITING = re.compile(r"^(?:citing|quoting|with\s+reference\s+to|in\s+reference\s+to)\b", re.I)
_QUOTED = re.compile(r"^(?:was\s+|were\s+|has\s+been\s+|had\s+)?(?:(?:quot|cit)(?:e|es|ed)|report(?:s|ed)?)$", re.I)
# The report of a statement given after it: "..., SITA reported", "..., as first reported by The Guardian".
_REPORTED = re.compile(r"^(?:as\s+)?(?:\w+ly\s+|first\s+|later\s+|earlier\s+)?"
                       r"(?:reported|reports|reporting|quoted|cited|wrote|writes)(?:\s+by)?"
                       r"(?:\s+(?:late|early|on|last|this|earlier|later|yesterday|today|tonight|overnight"
                       r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|morning|afternoon|evening|night))*$", re.I)  # "reported late Thursday"
# A report verb whose content may hold another speaker's statement: "The Post reported that Klein said".
_REPORTS = re.compile(r"\b(?:reported|reports|wrote|writes)$", re.I)
_ABBREVIATION_STOP = "(?:" + "|".join(rf"(?<=\b{t})" for t in (*TITLES, "[A-Z]")) + r")\."
_AS_SAYING = re.compile(rf"\s+(?P<by>by\s+)?(?P<who>(?:[^.;:!?]|{_ABBREVIATION_STOP}){{1,150}}?),?\s+as\s+"
                        r"(?:saying|telling|stating|writing|claiming)\b"
                        r"(?:\s+that\b)?\s*", re.I)
_ACCORDING = re.compile(r"^according\s+to$", re.I)
_HEDGE = re.compile(r"^(?:reportedly|allegedly|purportedly)$", re.I)
_ADJACENT = re.compile(r"[\s,\"”’']*(?:(?:as|first|later|earlier|also)\s+)*")  # between a statement and its report
_SOURCE_KINDS_NOT = {"unknown", None}


@dataclass(frozen=True)
class Nested:
    attribution: Attribution
    via: Span | None = None


def nest_sources(text: str, attributions: Sequence[Attribution], sentences: Sequence[tuple[int, int]],
                 mentions: Sequence[Mapping[str, Any]] = (),
                 kinds: Mapping[str, Sequence[str]] | None = None) -> list[Nested]:
    """The attributions of one article (text order) as claims with their `via`, by the rules above;
    `kinds` are the words that make an organisation `media` (`claims.speaker_kinds`)."""
    claims = [Nested(a) for a in joined_claims(text, attributions, sentences)]
    claims = _quoted_as_saying(text, claims, sentences)
    claims = _report_according_to(text, claims, sentences)
    claims = _according_to(text, claims, sentences)
    claims = _reported_after(text, claims, sentences)
    claims = _citations(text, claims, sentences, mentions)
    claims = _untagged_citations(text, claims, mentions)
    claims = sorted(claims, key=lambda c: c.attribution.cue.start)
    claims = _outlets(text, claims, sentences, mentions, kinds or {})
    claims = [_source_in_quotation(text, c, mentions) if c.via is None else c for c in claims]
    claims = _shared_occasion(claims, sentences)
    return [_trimmed_via(text, c) for c in _participles(text, claims, sentences)]


def _trimmed_via(text: str, claim: Nested) -> Nested:
    """A via without the comma, space or sentence's full stop its span may end in ("according to Uzi Arad, ...")."""
    via = claim.via
    if via is None:
        return claim
    end = via.start + len(text[via.start : via.end].rstrip(" ,;:\n"))
    if re.search(r"[a-z]{2}\.$", text[via.start : end]):  # "radio host Hugh Hewitt." (not "Jr." or "U.S.")
        end -= 1
    return claim if end == via.end or end <= via.start else Nested(claim.attribution, Span(via.start, end, via.label, via.score))


def _shared_occasion(claims: list[Nested], sentences: Sequence[tuple[int, int]]) -> list[Nested]:
    """"In an interview with "Fox and Friends," Donald Trump pointed to China ..., remarking that C": a via
    named before a claim's cue (an occasion or "according to" that opens the sentence) is the via of
    the later claims of the same speaker in that sentence. A via after the cue ("X told CNN C1 and
    said C2") is the occasion of that claim alone."""
    out = list(claims)
    for i, claim in enumerate(out):
        a = claim.attribution
        if claim.via is None or claim.via.end > a.cue.start or a.source is None:
            continue
        for k in range(i + 1, len(out)):
            b = out[k].attribution
            if not same_sentence(a.cue.start, b.cue.start, sentences):
                break
            if out[k].via is None and same_span(a.source, b.source):
                out[k] = Nested(b, claim.via)
    return out


def _outlets(text: str, claims: list[Nested], sentences: Sequence[tuple[int, int]],
             mentions: Sequence[Mapping[str, Any]], kinds: Mapping[str, Sequence[str]]) -> list[Nested]:
    """Each claim without a via takes the outlet its words reach the article through, if its
    sentence names one next to its cue (`outlet_of`): after the cue up to the next claim's cue, or
    before it from the previous claim's cue ("In an interview with Channel One, Zeman said").
    A cue the tagger found inside the occasion right after a claim's cue ("he said in | comments | aired
    on Ukrainian television"), with no content of its own, is that occasion and no claim."""
    occasions = set()
    for i, claim in enumerate(claims):
        cue, source = claim.attribution.cue, claim.attribution.source
        # ... or right after the speaker that follows the cue ("warned spokesman al-Midana, as cited by Ma'an")
        for end in (cue.end, *([source.end] if source is not None and source.start >= cue.end else [])):
            marker = OCCASION.match(text, end)
            if marker is not None:
                occasions |= {k for k, other in enumerate(claims[i + 1 :], i + 1) if other.attribution.content is None
                              and marker.start() <= other.attribution.cue.start < marker.end()}
    claims = [c for k, c in enumerate(claims) if k not in occasions]
    cues = [c.attribution.cue for c in claims]
    out = []
    for i, claim in enumerate(claims):
        a = claim.attribution
        if claim.via is None and (inside := outlet_in_speaker(text, a, mentions, kinds)) is not None:
            claim = Nested(*inside)
        elif claim.via is None:
            sentence = next(((s, e) for s, e in sentences if s <= a.cue.start < e), (a.cue.start, len(text)))
            stop = SENTENCE_STOP.search(text, a.cue.end, sentence[1])  # the splitter may miss "... region. • Some"
            after = min([cue.start for cue in cues[i + 1 :] if cue.start >= a.cue.end]
                        + [stop.start() if stop else sentence[1]])
            before = max([cue.end for cue in cues[:i] if cue.end <= a.cue.start] + [sentence[0]])
            verb = _verb_of(text, a)
            via = outlet_of(text, verb, mentions, kinds, before, after)
            if via is not None and not _overlaps(via, a.source) and not _reported_inside(text, a, via):
                claim = Nested(verb, via)
        out.append(claim)
    return out


# "According to X, ..." opening a quotation or one of its sentences.
_QUOTED_ACCORDING = re.compile(r"(?:^|(?<=[.!?]\s))[\"“]?According\s+to\s+(?P<who>[^,;.“”\"]{2,80}?),", re.I)


def _source_in_quotation(text: str, claim: Nested, mentions: Sequence[Mapping[str, Any]]) -> Nested:
    """'"According to the border services, 143,000 people have left," Bushmin said': a source named in the
    speaker's own quotation is the via of the claim (docs/claim-annotation.md). The content is the whole
    quotation when the tagger cut it inside ('service, more than ...,"' -> from the opening quote)."""
    a = claim.attribution
    content = a.content
    if content is None or content.end > a.cue.start or text[content.end - 1] not in "\"”":
        return claim
    if text[content.start] not in "\"“":  # the tagger began inside the quotation: start at its opening mark
        opening = max(text.rfind("“", max(0, content.start - 300), content.start), text.rfind('"', max(0, content.start - 300), content.start))
        if opening < 0 or "\n" in text[opening : content.start]:
            return claim
        content = Span(opening, content.end, content.label, content.score)
    found = _QUOTED_ACCORDING.search(text[content.start : content.end])
    if found is None:
        return claim
    who = Span(content.start + found.start("who"), content.start + found.end("who"), "SOURCE", a.score)
    if not _is_source(text, who, mentions):
        return claim
    return Nested(replace(a, content=content, content_fragments=(content,)), who)


def _overlaps(span: Span, other: Span | None) -> bool:
    return other is not None and span.start < other.end and other.start < span.end


# Another verb of saying or mentioning inside a claim's content takes the outlet named after it.
_INNER_SAYING = re.compile(r"\b(?:said|says|told|tells|mentioned|cited|quoted|reported|wrote|written|stated|claimed|noted"
                           r"|described|explained|announced)\b", re.I)


def _reported_inside(text: str, a: Attribution, via: Span) -> bool:
    """The outlet lies in `a`'s content after a verb of saying of its own ("could not explain why it was
    mentioned by Ivanka Trump in an interview with Cosmopolitan magazine"): that statement's, not `a`'s.
    ("confirmed the deaths ... in comments to the opposition paper Novaya Gazeta" keeps it.)"""
    inside = [span for span in (a.content_fragments or (a.content,)) if span is not None and _overlaps(via, span)]
    return any(_INNER_SAYING.search(text, span.start, via.start) for span in inside)


# What a tagger may take into a cue after its verb: "said on | “Fox News Sunday", "said in an interview with | CNN".
_CUE_TAIL = re.compile(r"\s+(?:on|to|in|during|with)\s+(?=[\"“A-Z]|(?:an?|the|his|her|their|its)\s)")


def _verb_of(text: str, a: Attribution) -> Attribution:
    """`a` with its cue cut before an occasion or outlet the tagger ran it into ("said on “Fox News
    Sunday" -> "said"), so that the outlet is read after the cue and the cue is the verb."""
    tail = _CUE_TAIL.search(text, a.cue.start, a.cue.end)
    if tail is None or tail.start() == a.cue.start:
        return a
    return replace(a, cue=Span(a.cue.start, tail.start(), a.cue.label, a.cue.score))


def _participles(text: str, claims: list[Nested], sentences: Sequence[tuple[int, int]]) -> list[Nested]:
    """", adding that ..." continues the claim before it in its sentence: the same via, and, when the
    tagger made the via its speaker ("Interfax quoted a statement as saying ..., adding"), the same speaker.
    A participle that opens the sentence ("Claiming C, Trump told Fox ...") has the via of the claim after it."""
    claims = list(claims)
    for i, claim in enumerate(claims[:-1]):
        a, following = claim.attribution, claims[i + 1]
        opens = text[_sentence_start(a.cue.start, sentences) : a.cue.start].strip(" \"“‘'\n") == ""
        if (claim.via is None and following.via is not None and opens
                and PARTICIPLE.match(text[a.cue.start : a.cue.end].strip())
                and same_sentence(a.cue.start, following.attribution.cue.start, sentences)):
            claims[i] = Nested(a, following.via)
    out: list[Nested] = []
    for claim in claims:
        a = claim.attribution
        previous = out[-1] if out else None
        if (previous is not None and previous.via is not None and claim.via is None
                and PARTICIPLE.match(text[a.cue.start : a.cue.end].strip())
                and same_sentence(previous.attribution.cue.start, a.cue.start, sentences)):
            source = a.source
            if source is None or (source.start < previous.via.end and previous.via.start < source.end):
                source = previous.attribution.source
            claim = Nested(replace(a, source=source), previous.via)
        out.append(claim)
    return out


def _quoted_as_saying(text: str, claims: list[Nested], sentences: Sequence[tuple[int, int]]) -> list[Nested]:
    out: list[Nested] = []
    dropped: set[int] = set()
    done: set[int] = set()  # inner claims already given their "quoted" cue
    for i, claim in enumerate(claims):
        a = claim.attribution
        by = re.search(r"\s+by$", text[a.cue.start : a.cue.end].strip())
        if by is not None:  # "was quoted by | The Associated Press as saying": the tagger took the "by" into the cue
            a = replace(a, cue=Span(a.cue.start, a.cue.start + by.start(), a.cue.label, a.cue.score))
        if i in dropped or i in done or not _QUOTED.match(text[a.cue.start : a.cue.end].strip()):
            continue
        sentence_end = _sentence_end(a.cue.start, sentences, len(text))
        match = _AS_SAYING.match(text, a.cue.end, sentence_end)
        if match is None:
            passive = _as_saying_by(text, a, i, claims, sentences, sentence_end)
            if passive is not None:
                claims[i], inner = passive
                dropped |= inner
            continue
        who = Span(match.start("who"), match.end("who"), "SOURCE", a.score)
        if match.group("by"):  # "Y was quoted by X as saying": Y speaks, X passes it on
            speaker, via = a.source, who
            if speaker is None or speaker.start >= a.cue.start:  # the tagger took X for the speaker, or none
                speaker = _subject_before(text, _sentence_start(a.cue.start, sentences), a.cue.start)
                if a.content is not None and a.content.end <= a.cue.start:  # ... and Y for the content,
                    a = _before_speaker(text, a, speaker)  # with or without the quotation before Y
        else:  # "X quoted Y as saying"
            speaker, via = who, a.source
        # A tagger may have made "Y ... as saying C" an attribution of its own: that one is the claim.
        inner = [j for j, other in enumerate(claims)
                 if j != i and match.start() <= other.attribution.cue.start < match.end() + 1]
        if inner:
            j = inner[0]
            own = claims[j].attribution.source  # kept when it names Y, not when the tagger gave it X
            within = own is not None and match.start() <= own.start and own.end <= match.end()
            inner_content = claims[j].attribution.content or a.content
            claims[j] = Nested(replace(claims[j].attribution, source=own if within else speaker, cue=a.cue,
                                       content=inner_content,
                                       content_fragments=claims[j].attribution.content_fragments
                                       or ((inner_content,) if inner_content else ())), via)
            dropped.add(i)
            done.add(j)
            continue
        if a.content is not None and a.content.end <= a.cue.start:  # '"...," X quoted Y as saying': the quote before
            claims[i] = Nested(replace(a, source=speaker), via)
            continue
        content_start = match.end()
        content_end = a.content.end if a.content is not None and a.content.end > content_start else sentence_end
        content_end = content_start + len(text[content_start:content_end].rstrip(" .\n"))
        content = Span(content_start, content_end, "CONTENT", a.content.score if a.content else a.score) \
            if content_end > content_start else None
        claims[i] = Nested(Attribution(speaker, a.cue, content, a.score, (content,) if content else ()), via)
    out = [c for i, c in enumerate(claims) if i not in dropped]
    return out


def _before_speaker(text: str, a: Attribution, speaker: Span | None) -> Attribution:
    """`a` with its content cut where `speaker` starts ('"C," Y | was quoted by X'), or with none when no
    words stand before the speaker."""
    content = a.content
    if speaker is None or content is None or content.end <= speaker.start:
        return a
    end = content.start + len(text[content.start : speaker.start].rstrip(" ,\n"))
    if end <= content.start:
        return replace(a, content=None, content_fragments=())
    kept = Span(content.start, end, content.label, content.score)
    return replace(a, content=kept, content_fragments=(kept,))


# "C, Y was quoted as saying by X."
_AS_SAYING_BY = re.compile(r"\s+as\s+(?:saying|telling\s+\w+)\s+by\s+(?P<who>[^,;]{2,80}?)\s*(?=[.,;]|$)", re.I)


def _as_saying_by(text: str, a: Attribution, i: int, claims: list[Nested], sentences: Sequence[tuple[int, int]],
                  sentence_end: int) -> tuple[Nested, set[int]] | None:
    """"The Kremlin has no plans to annex the region, Peskov was quoted as saying by RIA Novosti": Peskov's
    words (the clause before him) via RIA Novosti. The claim, and the claims the tagger found inside
    "as saying by ..." (dropped), or None when the sentence is not so built."""
    match = _AS_SAYING_BY.match(text, a.cue.end, sentence_end)
    if match is None or not re.match(r"(?:was|were|has\s+been|had\s+been)\s", text[a.cue.start : a.cue.end].strip()):
        return None
    start = _sentence_start(a.cue.start, sentences)
    speaker = _subject_before(text, start, a.cue.start)
    if speaker is None:
        return None
    said_end = start + len(text[start : speaker.start].rstrip(" ,"))
    said_start = start + len(text[start:said_end]) - len(text[start:said_end].lstrip())
    content = Span(said_start, said_end, "CONTENT", a.score) if said_end > said_start else a.content
    inner = {j for j, other in enumerate(claims) if j != i and match.start() <= other.attribution.cue.start < match.end()}
    via = Span(match.start("who"), match.end("who"), "SOURCE", a.score)
    return Nested(Attribution(speaker, a.cue, content, a.score, (content,) if content else ()), via), inner


# A report whose words follow an according-to right after its verb: "Politico reported, according to".
_REPORT_THEN_ACCORDING = re.compile(r"(?:reported|reports|wrote|writes|said|says)\s*,\s*", re.I)


def _report_according_to(text: str, claims: list[Nested], sentences: Sequence[tuple[int, int]]) -> list[Nested]:
    """"Politico reported, according to sources in the meetings, Clinton tried to ...": Politico's report on
    the sources' word (speaker Politico, via the sources), one claim. Taggers read it as a report with no
    content and an according-to whose content runs from inside its source ("in the meetings, Clinton ...")."""
    dropped: set[int] = set()
    for i, claim in enumerate(claims[1:], 1):
        a, report = claim.attribution, claims[i - 1].attribution
        if (not _ACCORDING.match(text[a.cue.start : a.cue.end].strip()) or report.content is not None
                or not _REPORT_THEN_ACCORDING.fullmatch(text, report.cue.start, a.cue.start)):
            continue
        end = max((span.end for span in (a.content, a.source) if span is not None), default=a.cue.end)
        comma = text.find(",", a.cue.end, end)
        if comma < 0:
            continue
        who = _strip_span(text, a.cue.end, comma)
        said = _strip_span(text, comma + 1, end)
        if who is None or said is None or len(text[who[0] : who[1]].split()) > 8:
            continue
        content = Span(*said, "CONTENT", a.score)
        claims[i - 1] = Nested(replace(report, content=content, content_fragments=(content,)), Span(*who, "SOURCE", a.score))
        dropped.add(i)
    return [c for k, c in enumerate(claims) if k not in dropped]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) without the spaces and the full stop around it; None when nothing is left."""
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    end = start + len(text[start:end].rstrip(" .\n"))
    return (start, end) if end > start else None


def _according_to(text: str, claims: list[Nested], sentences: Sequence[tuple[int, int]]) -> list[Nested]:
    dropped: set[int] = set()
    for i, claim in enumerate(claims):
        a = claim.attribution
        via = a.source or _cited(text, a)  # the tagger may call the X of "according to X" content
        if via is None or not _ACCORDING.match(text[a.cue.start : a.cue.end].strip()):
            continue
        for j, other in enumerate(claims):
            b = other.attribution
            if j == i or j in dropped or b.source is None or other.via is not None \
                    or _ACCORDING.match(text[b.cue.start : b.cue.end].strip()) or _CITING.match(text[b.cue.start : b.cue.end]):
                continue
            if _passive(text, b.cue.start, b.cue.end):
                continue  # "Another mass grave has been revealed ..., according to X": no one but X speaks
            inside = a.content is not None and a.content.start <= b.cue.start < a.content.end
            # "According to X, C, Y said": Y's cue after the content, Y's own content before its cue.
            after = (a.content is not None and b.cue.start >= a.content.end
                     and (b.content is None or b.content.start < b.cue.start)
                     and not any(a.cue.end <= c.attribution.cue.start < b.cue.start for c in claims))
            # "According to the original article, Royster said C": no words of its own, Y's phrase right after X.
            opens = a.content is None and via.end <= b.source.start and text[via.end : b.source.start].strip(" ,") == ""
            if not same_sentence(a.cue.start, b.cue.start, sentences):
                continue
            reports = _REPORTED.match(text[b.cue.start : b.cue.end].strip())
            if after and a.content.end <= a.cue.start and b.content is None and reports:
                # "C, according to X, The Guardian reported": X's words, passed on by the reporter
                claims[i] = Nested(a, b.source)
                dropped.add(j)
                break
            if inside or after or opens:
                claims[j] = Nested(b, via)
                dropped.add(i)
                break
        else:
            inner = _said_inside(text, a)
            if inner is not None:  # "According to Interfax, Medvedev said C" with "said" untagged
                claims[i] = Nested(inner, via)
    return [c for i, c in enumerate(claims) if i not in dropped]


# "Medvedev said (that) C" opening an according-to's content.
_SAID_OPENING = re.compile(r"(?:that\s+)?(?P<speaker>(?:[\w’'.-]+\s+){0,7}?[\w’'.-]+)\s+(?P<verb>said|says|told\s+[\w-]+"
                           r"|tells\s+[\w-]+|stated|announced|claimed|added|noted|warned|confirmed|denied|insisted|reported"
                           r"|reports|revealed|admitted|acknowledged)\b(?:\s+that)?\s*")


def _said_inside(text: str, a: Attribution) -> Attribution | None:
    """For "According to X, Y said C" (or "X reported that Y said C") whose "said" the tagger left in the
    content: Y's statement (X becomes its via). The phrase before the verb must open with a capital or a
    determiner and hold no comma; None when the content opens otherwise."""
    content = a.content
    if content is None or content.start < a.cue.end:
        return None
    opening = _SAID_OPENING.match(text, content.start, content.end)
    if opening is None:
        return None
    phrase = opening.group("speaker")
    if not (phrase[:1].isupper() or phrase.split()[0].lower() in ("the", "a", "an", "his", "her", "their", "its")):
        return None
    said = Span(opening.end(), content.end, "CONTENT", content.score) if opening.end() < content.end else None
    verb = opening.span("verb")
    return Attribution(Span(*opening.span("speaker"), "SOURCE", a.score), Span(verb[0], verb[1], "CUE", a.score),
                       said, a.score, (said,) if said else ())


def _citations(text: str, claims: list[Nested], sentences: Sequence[tuple[int, int]],
               mentions: Sequence[Mapping[str, Any]]) -> list[Nested]:
    """A "citing X" attribution of a source becomes the `via` of the next attribution in its sentence,
    else of the one before it there."""
    # "reported the identity, without citing their sources": no one is cited, and no one speaks
    claims = [c for c in claims if not (_CITING.match(text[c.attribution.cue.start : c.attribution.cue.end])
                                        and text[: c.attribution.cue.start].endswith(" without "))]
    citing = [i for i, c in enumerate(claims)
              if _CITING.match(text[c.attribution.cue.start : c.attribution.cue.end]) and _cited(text, c.attribution) is not None]
    used: set[int] = set()
    for i in citing:
        cited = _cited(text, claims[i].attribution)
        if cited is None or not _is_source(text, cited, mentions):
            continue
        cue = claims[i].attribution.cue.start
        partners = [j for j, c in enumerate(claims) if j not in citing and c.via is None
                    and same_sentence(cue, c.attribution.cue.start, sentences)]
        after = [j for j in partners if claims[j].attribution.cue.start > cue]
        before = [j for j in partners if claims[j].attribution.cue.start < cue]
        partner = after[0] if after else (before[-1] if before else None)
        if partner is None:
            continue
        partner_attribution = claims[partner].attribution
        # "reported, citing its regional department, that ...": the tagger ran the partner's words into the citation
        clause = re.search(r",\s+(?=that\s)", text[cited.start : cited.end])
        if clause is not None:
            said = Span(cited.start + clause.end(), cited.end, "CONTENT", cited.score)
            cited = Span(cited.start, cited.start + clause.start(), cited.label, cited.score)
            if partner_attribution.content is None:
                partner_attribution = replace(partner_attribution, content=said, content_fragments=(said,))
        claims[partner] = Nested(partner_attribution, cited)
        used.add(i)
    return [c for i, c in enumerate(claims) if i not in used]


# A citation right after a claim's cue that the tagger left untagged: "Ukrinform reports with reference to
# the UN Refugee Agency", "Ukrinform reports, referring to the president's press service". "Referring to"
# cites only after a report ("Trump said, referring to Clinton" names whom the words are about).
_CITATION_AFTER = re.compile(r"\s*,?\s*(?P<verb>citing|quoting|referring\s+to|with\s+(?:a\s+)?reference\s+to"
                             r"|in\s+reference\s+to)(?=\s)", re.I)


def _untagged_citations(text: str, claims: list[Nested], mentions: Sequence[Mapping[str, Any]]) -> list[Nested]:
    out, tagged = [], set()
    for claim in claims:
        a = claim.attribution
        cue = text[a.cue.start : a.cue.end].strip()
        found = _CITATION_AFTER.match(text, a.cue.end)
        if claim.via is None and found is not None and (not found.group("verb").lower().startswith("referring")
                                                        or _REPORTS.search(cue)):
            phrase = _UNMARKED_CITED.match(text, found.end())
            cited = Span(phrase.start(1), phrase.end(1), "SOURCE", a.score) if phrase is not None else None
            if cited is not None and not _overlaps(cited, a.content) and _is_source(text, cited, mentions):
                claim = Nested(a, cited)
                tagged.add(found.start("verb"))  # the citation's own attribution, if tagged, is this via
        out.append(claim)
    return [c for c in out if c.attribution.cue.start not in tagged]


def _reported_after(text: str, claims: list[Nested], sentences: Sequence[tuple[int, int]]) -> list[Nested]:
    """"Y said C, X reported" / "Y said C, as first reported by X" / "Y said C, according to X": the
    report after Y's statement in its sentence makes X the via of Y's claim and is no claim of its own.
    A report whose content follows its cue ("X reported that ...") states something of its own."""
    dropped: set[int] = set()
    for i, claim in enumerate(claims):
        a = claim.attribution
        cue = text[a.cue.start : a.cue.end].strip()
        reporter = a.source or (_cited(text, a) if _ACCORDING.match(cue) else None)
        if cue.lower().endswith(" by") and (after := outlet_phrase(text, a.cue.end, _sentence_end(a.cue.start, sentences, len(text)))):
            reporter = Span(after[0], after[1], "SOURCE", a.score)  # "as reported by X": X, whoever the tagger paired
        if reporter is None and _REPORTED.match(cue):
            reporter = _reporter_before(text, a.cue.start)
        if (inverted := _reporter_after(text, a, sentences)) is not None:
            reporter = inverted  # "C, reports BusinessKorea": the tagger may have paired the clause's subject
        if reporter is None or not (_REPORTED.match(cue) or _ACCORDING.match(cue)):
            continue
        if a.content is not None and a.content.start >= a.cue.end and not _ACCORDING.match(cue):
            # "X reported that ...": a statement of X's own, unless it reports Y's ("The Post reported that
            # Klein said C": Klein's words via the Post)
            if _REPORTS.search(cue) and (inner := _said_inside(text, a)) is not None:
                tagged = [j for j, other in enumerate(claims) if j != i and _overlaps(other.attribution.cue, inner.cue)]
                if not tagged:
                    claims[i] = Nested(inner, reporter)
                elif claims[tagged[0]].via is None:
                    claims[tagged[0]] = Nested(claims[tagged[0]].attribution, reporter)
                    dropped.add(i)
            continue
        before = [j for j, other in enumerate(claims) if j != i and j not in dropped
                  and other.attribution.cue.start < a.cue.start and same_sentence(a.cue.start, other.attribution.cue.start, sentences)]
        if not before:
            inside = _statement_inside(text, a, _sentence_start(a.cue.start, sentences))  # the tagger missed its cue
            if inside is not None:
                claims[i] = Nested(inside, reporter)
            continue
        j = max(before, key=lambda k: claims[k].attribution.cue.start)
        b = claims[j].attribution
        b_cue = text[b.cue.start : b.cue.end].strip()
        if _HEDGE.match(b_cue):
            continue  # "X reportedly did Y, according to Z": Z's claim, the hedge names no one
        if _passive(text, b.cue.start, b.cue.end):  # "C was announced, Z reported": a passive names no one; Z's claim
            if a.content is None and b.source is None and b.content is not None:
                claims[i] = Nested(replace(a, content=b.content, content_fragments=b.content_fragments or (b.content,)), claim.via)
                dropped.add(j)
            continue
        if re.match(r"(?:\w+\s+)?report", b_cue, re.I):
            continue  # "C1, KING-TV reported, while C2, the Sun-Times reported": two reports, not a chain
        if b.content is None and a.content is not None and b.cue.end <= a.content.start and a.content.end <= a.cue.start:
            # "Y told Z that C, according to X" with C paired to the report: Y's words
            b = replace(b, content=a.content, content_fragments=(a.content,))
        # "According to Y, C, X reported": Y's words through X, with the content the tagger ran into X cut off
        according_first = (_ACCORDING.match(b_cue) is not None and claims[j].via is None
                           and b.content is not None and b.cue.end <= b.content.start < reporter.start < b.content.end)
        if according_first:
            b = replace(b, content=Span(b.content.start, b.content.start + len(text[b.content.start : reporter.start].rstrip(" ,")),
                                        "CONTENT", b.content.score), content_fragments=())
        elif _ACCORDING.match(b_cue) or _CITING.match(b_cue) \
                or (b.source is not None and b.source.start == reporter.start) \
                or (b.content is not None and b.content.end > a.cue.start):  # "Y said ..., according to X" only
            continue
        b_end = max(span.end for span in (b.cue, b.content, b.source, claims[j].via) if span is not None)
        if not _adjacent(text, b_end, min(a.cue.start, reporter.start)):
            continue  # "Russia denies it; according to NATO, ...": another statement, not Y's report
        claims[j] = Nested(b, reporter)
        dropped.add(i)
    return [c for i, c in enumerate(claims) if i not in dropped]


def _reporter_after(text: str, a: Attribution, sentences: Sequence[tuple[int, int]]) -> Span | None:
    """The reporter of an inverted report that closes a sentence: "..., reports BusinessKorea (via G for
    Games).", "..., reported the Kyiv Post." None unless the cue is a bare report verb after a comma and
    a capitalised name follows it."""
    if not _REPORTS.fullmatch(text[a.cue.start : a.cue.end].strip()) \
            or not re.search(r",\s*$", text[max(0, a.cue.start - 3) : a.cue.start]):
        return None
    phrase = outlet_phrase(text, a.cue.end, _sentence_end(a.cue.start, sentences, len(text)))
    if phrase is None or text[a.cue.end : phrase[0]].strip() or not text[phrase[0] : phrase[1]][:1].isupper():
        return None
    return Span(phrase[0], phrase[1], "SOURCE", a.score)


def _reporter_before(text: str, cue: int) -> Span | None:
    """The reporter the tagger left out of a report's cue: the name between the comma before the cue
    and the cue (", the Kyiv Independent reported"), capitalised, of at most 6 words."""
    m = re.search(r",\s+((?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,5})\s+$", text[max(0, cue - 80) : cue])
    return Span(max(0, cue - 80) + m.start(1), max(0, cue - 80) + m.end(1), "SOURCE", 1.0) if m is not None else None


def _adjacent(text: str, end: int, report: int) -> bool:
    """Whether the report at `report` follows the statement ending at `end` directly, after up to three
    words (a hearer, a time), or after the statement's occasion: "Carson noted in an interview with Todd Starnes' podcast, as reported by
    BuzzFeed News" (the report's source is the last link of the chain, the one the article took the
    words from)."""
    if _ADJACENT.fullmatch(text, end, report):
        return True
    # "'C,' he told advisers afterward, according to X": a hearer or a time of up to three words
    short = re.match(r"\s+(?:[\w’'-]+\s+){0,2}[\w’'-]+\s*,", text[end:report])
    if short is not None and _ADJACENT.fullmatch(text, end + short.end() - 1, report):
        return True
    # '"C," wrote MTS on its Facebook page according to a translation': where or when it was said
    if re.fullmatch(r"\s+(?:on|in|at)\s+(?:[\w’'.-]+\s+){0,3}[\w’'.-]+[\s,]*", text[end:report]):
        return True
    occasion = OCCASION.match(text, end, report)
    comma = text.rfind(",", occasion.end(), report) if occasion is not None else -1
    return comma >= 0 and len(text[occasion.end() : comma].split()) <= 8 and _ADJACENT.fullmatch(text, comma, report) is not None


# What stands between a quotation and a report of it: '”' + "Sanders said" / "Obama said of the families
# of victims" / "said the judge" + ", according to CNN".
_TAIL_VERBS = QUOTATION_VERBS + "|asked"
_QUOTE_TAIL = re.compile(rf"[”\"]\s*(?:(?P<speaker>[^“”\"\n,;:]{{2,80}}?)\s+(?P<verb>{_TAIL_VERBS})"
                         rf"|(?P<inverted>said|says|added|wrote)\s+(?P<after>[^“”\"\n,;:]{{2,80}}?))"
                         r"(?:\s+[^“”\"\n,;]{1,80}?)??[\s,]*")


def _quote_before(text: str, report: int) -> Attribution | None:
    """'"C," Sanders said, according to CNN': the quotation and the speaker who said it, right before a
    report (the tagger tends to read the whole as the report's content). None when the words before the
    report are no quotation followed by its speaker and verb."""
    lo = max(0, report - 200)
    # A quotation that goes on into its attribution ends in a comma, "?" or "!" ('"C," X said'); one
    # that ends in a full stop ended its sentence.
    for close in (i for i in range(report - 1, lo, -1) if text[i] in "”\"" and text[i - 1] in ",?!—–-"):
        tail = _QUOTE_TAIL.fullmatch(text, close, report)
        if tail is None:
            continue
        opening = text.rfind("“" if text[close] == "”" else '"', max(0, close - 1500), close)
        if opening < 0 or close - opening < 3:
            return None
        speaker = (tail.start("speaker"), tail.end("speaker")) if tail.group("speaker") else (tail.start("after"), tail.end("after"))
        verb = (tail.start("verb"), tail.end("verb")) if tail.group("verb") else (tail.start("inverted"), tail.end("inverted"))
        said = Span(opening, close + 1, "CONTENT", 1.0)
        return Attribution(Span(*speaker, "SOURCE", 1.0), Span(*verb, "CUE", 1.0), said, 1.0, (said,))
    return None


def _statement_inside(text: str, report: Attribution, sentence_start: int) -> Attribution | None:
    """For a report after the statement it reports ("Y denied C, as later reported by X"), the
    statement as an attribution of its own: its cue is the first verb of saying in its sentence
    before the report, its speaker the phrase before that verb in its clause, its content what follows
    up to the report's content's end (or, when the tagger gave the report no content, up to the report).
    None when there is no such verb ("Police found two bodies, Reuters reported" is Reuters')."""
    quoted = _quote_before(text, report.cue.start)
    if quoted is not None:
        return quoted
    content = report.content
    if content is not None and content.end > report.cue.start:
        return None
    if content is not None:
        end = content.end
    else:  # "Police have said C, according to attorneys for the family" with no content tagged
        before = text[sentence_start : report.cue.start]
        end = sentence_start + re.search(r"[\s,\"”’']*(?:\bas\s+)?(?:(?:first|later|earlier|also)\s+)*$", before).start()
    verb = _STATEMENT_VERB.search(text, sentence_start, end)
    if verb is None or _passive(text, verb.start()):  # "A mass grave has been revealed ..., according to X": X's
        return None
    if re.search(r"\bthan\s+(?:\w+ly\s+)?$", text[max(0, verb.start() - 30) : verb.start()]):
        return None  # "farther than previously disclosed, the Post reported": a comparison, no one's statement
    # "Y, a ..., admitted C, according to X": the subject may stand before the tagged content
    speaker = _subject_before(text, sentence_start, verb.start())
    if speaker is None:  # no one to attribute it to: the report stays the claim (X's)
        return None
    said = verb.end() + len(text[verb.end() : end]) - len(text[verb.end() : end].lstrip())
    said += len(that.group()) if (that := re.match(r"that\s+", text[said:end])) else 0
    score = content.score if content is not None else report.score
    said_span = Span(said, end, "CONTENT", score) if said < end else None
    return Attribution(speaker, Span(verb.start(), verb.end(), "CUE", report.score), said_span, report.score,
                       (said_span,) if said_span else ())


# The verbs of saying a reported statement is recognised by (no "found" or "showed": those report facts).
# "All told" is "in all", no verb of saying.
_STATEMENT_VERB = re.compile(
    r"(?<!\ball\s)\b(?:(?:had|has|have|did|does|do|would|could|also)\s+)*(?:(?:not|no)\s+(?:immediate\s+)?)?"
    r"(?:said|says|told|tells|den(?:ied|ies)|confirm(?:ed|s)|claim(?:ed|s)|stated|added(?!\s+(?:to|up|on|in|into)\b)|warned|announced|insisted"
    r"|accused|urged|reports|reported|admit(?:ted|s)|acknowledg(?:ed|es)|conceded?|concedes|comment(?:ed|s)?|(?:declined|refused)\s+to\s+comment"
    r"|noted|notes|explained|argued|stressed|asserted|suggested|predicted|revealed|disclosed)\b",
    re.I)
_SUBORDINATORS = re.compile(r"(?:when|while|as|and|but|after|because|that|since|if|although|though|where)\s+", re.I)


def _subject_before(text: str, start: int, end: int) -> Span | None:
    """The subject of the verb at `end`: the last comma-separated part of text[start:end] that is no
    adverb ("The ministry, however, denied") and no apposition ("Stadler, a far-right politician whose
    ..., admitted": Stadler), without a leading "when" / "and" ("..., when he said")."""
    position = end
    parts = list(re.finditer(r"[^,]+", text[start:end]))
    for number, part in reversed(list(enumerate(parts))):
        words = part.group().split()
        if not words or len(words) == 1 and (words[0].lower().endswith("ly") or words[0].lower() in ("however", "though", "also")):
            position = start + part.start()
            continue
        if number > 0 and words[0].lower() in ("a", "an") and parts[number - 1].group().strip():
            position = start + part.start()
            continue
        phrase = part.group()
        phrase_start = start + part.start() + len(phrase) - len(phrase.lstrip(" \n\"“”‘’'"))  # '"C," X said'
        lead = _SUBORDINATORS.match(text, phrase_start)
        phrase_start = lead.end() if lead else phrase_start
        phrase_end = start + part.end() - (len(part.group()) - len(part.group().rstrip()))
        if phrase_end <= phrase_start or len(text[phrase_start:phrase_end].split()) > 10 or phrase_end > position:
            return None
        return Span(phrase_start, phrase_end, "SOURCE", 1.0)
    return None


def _cited(text: str, citation: Attribution) -> Span | None:
    """Who a "citing X" / "according to X" attribution cites: the span after its cue. Taggers mark X
    either as the citation's source or, with the citing outlet as source, as its content (PolNeAR nests
    it so), or leave it unmarked ("Citing intelligence sources, the BBC reported"): then the words after
    the cue up to the next comma or full stop, if they are a phrase of at most 8 words."""
    pieces = (citation.source, *(citation.content_fragments or (citation.content,)))
    after = [span for span in pieces if span is not None and span.start >= citation.cue.end]
    if after:
        return min(after, key=lambda span: span.start)
    phrase = _UNMARKED_CITED.match(text, citation.cue.end)
    return Span(phrase.start(1), phrase.end(1), "SOURCE", citation.score) if phrase is not None else None


_UNMARKED_CITED = re.compile(r"\s+((?:[\w’'&-]+\s+){0,7}[\w’'&-]+)(?=\s*(?:,|\.(?:\s|$)|$))")


def _is_source(text: str, span: Span, mentions: Sequence[Mapping[str, Any]]) -> bool:
    """A named person or organisation, an anonymous source or a report can be cited as a source;
    "citing safety concerns", "citing another reason the state is hard to poll", "citing 'the unique
    magic of Trump'" cite reasons or words, "according to our data", "citing its own data" the
    speaker's own knowledge."""
    cited = text[span.start : span.end]
    words = re.findall(r"[a-z]+", cited.lower())
    if cited[:1] in "\"“‘'":  # words, unless the quotation marks hold an unnamed source: citing “sources within Apple”
        closing = re.match(r"[\"“‘'](?P<inner>[^\"”’']{2,60})[\"”’']", cited)
        inner = span.start + closing.end("inner") if closing is not None else None
        return inner is not None and link_speaker(text, span.start + 1, inner, [], [], {}).key == ANONYMOUS
    if any(w in _REASONS for w in words[:4]):
        return False
    if words[:1] in (["our"], ["my"]) or "own" in words[:3]:  # "according to our data", "citing its own data"
        return False
    found = link_speaker(text, span.start, span.end, [m for m in mentions if m["label"] in ("PER", "ORG")], [], {})
    return found.key is not None and (found.resolution in ("entity", "description") or found.key == ANONYMOUS
                                      or found.kind not in _SOURCE_KINDS_NOT)


# Head nouns of what is cited as a reason, not as a source.
_REASONS = {"reason", "reasons", "concern", "concerns", "fear", "fears", "factor", "factors", "importance", "need",
            "needs", "lack", "risk", "risks", "threat", "threats", "cost", "costs", "example", "examples", "progress",
            "growth", "rise", "increase", "decline", "success", "failure", "record", "release", "strength", "weakness"}


def _passive(text: str, cue: int, end: int | None = None) -> bool:
    """The cue at `cue` (to `end`) is a passive participle: "has been | revealed", "was announced"."""
    if end is not None and _PASSIVE_CUE.match(text[cue:end]):
        return True
    return re.search(r"\b(?:been|was|were|is|are|being)\s*$", text[max(0, cue - 12) : cue]) is not None


_PASSIVE_CUE = re.compile(r"(?:(?:has|have|had)\s+)?(?:been|was|were|is|are|being)\s+\w+(?:ed|en|wn)$", re.I)


def _sentence_start(position: int, sentences: Sequence[tuple[int, int]]) -> int:
    return next((start for start, end in sentences if start <= position < end), position)


def _sentence_end(position: int, sentences: Sequence[tuple[int, int]], default: int) -> int:
    for start, end in sentences:
        if start <= position < end:
            return end
    return default
