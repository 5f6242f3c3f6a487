"""Attributions of a shard of articles -> `claims` rows (and `claim_stances` rows for propositions).

The model calls are injected (`extract`: texts -> attributions, `score`: (target, claim text,
context) triples -> stance probabilities, see `StanceModel.score_in_context`), so this module
is plain Python over rows. Per article:

  1. attributions below `min_score` are dropped, and those whose cue reports no statement (a verb
     of doing or thinking, a piece of a place: cues.py `reports_statement`);
  2. nested sources (sources.py): a "citing X" / "quoting X" attribution becomes the `via` of the
     attribution it belongs to ("RBC-Ukraine, citing a defense source, reported ..."); "X quoted Y
     as saying" makes Y the speaker and X the `via`; "according to X, Y said" and "Y said ..., X
     reported" give Y via X; "Y told <outlet>", "in an interview with <outlet>" give Y via the outlet;
  3. speakers are repaired into noun phrases, linked to entity keys, resolved (pronouns,
     descriptions, roles) and given a kind (speakers.py); `quote_type` from the quotation marks;
  4. the text the stance model reads is the content; a content that only points back
     ("this information", "the reports") reads the previous claim's content; no content: the
     cue's sentence. Whether a claim is about the target at all is read from a context, as the
     stance model's stage 1 was trained to (headline vs article body): toward the article's own
     title that is the whole article (an article's claims are about its subject unless the
     article is not), toward a proposition the claim's paragraph (a clause alone shares too few
     words with any headline to look related);
  5. the event of the article the claim is about, if any (event_links.py);
  6. the headline's own attribution, if any ("Pentagon confirms strike on ...", "Kremlin: ...";
     headlines.py): one more claim whose offsets index `articles.title` (`in_title`);
  7. the target (targets.py): the claim's event; else the article's main event when the claim bears
     on it (embedding cosine), else the other event it bears on most (`target_event_id`; `event_id`
     stays the rules' link); else, in an article without events, the title (the lede when there is
     none) when the claim bears on it; else no target (`unrelated`, `target_kind` `none`,
     `stance_rule` `no-target`);
  8. stance toward the target and toward every configured proposition: the model's probabilities,
     then the cue layer (cues.py): unrelated stays unrelated (never toward an event: the link or the
     measure already says the claim is about it); a noncommittal cue or content makes a related claim
     `neutral`, a denial `refutes`; otherwise the model's best related label. `stance_rule`
     says which decided.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newslake.config import ClaimsConfig
from newslake.models.attribution.pairing import Attribution
from newslake.tasks.claims.cues import classify_cue, content_commits, is_anaphoric, reports_statement
from newslake.tasks.claims.event_links import event_of
from newslake.tasks.claims.headlines import headline_attribution, headline_via, title_mentions
from newslake.tasks.claims.occasions import occasion_statements
from newslake.tasks.claims.quotations import quotation_content
from newslake.tasks.claims.sources import nest_sources
from newslake.tasks.claims.speakers import NO_SPEAKER, Speaker, link_speaker
from newslake.tasks.claims.targets import BEARS_ON, Embed, cosines, main_event
from newslake.text.sentences import paragraph_at, sentence_at, sentence_spans
from newslake.text.spans import Span

RELATED = ("supports", "refutes", "neutral")
STATEMENT_WORDS = 3  # a content a later "this information" / "the reports" can point back to has at least these

Extract = Callable[[list[str]], list[list[Attribution]]]
# (target, claim text, context) triples, and `about`: which are known to be about their target -> probabilities
Score = Callable[..., list[dict[str, float]]]


@dataclass
class _Claim:
    attribution: Attribution
    via: Span | None = None
    speaker: Speaker | None = None
    via_speaker: Speaker | None = None
    evidence: str = ""
    context: str = ""  # the claim's paragraph
    article_text: str = ""
    cue_class: str = "assertive"
    commits: bool = True
    event: Mapping[str, Any] | None = None
    in_title: bool = False  # a headline claim: offsets index the title
    target: str | None = None
    target_event: Mapping[str, Any] | None = None  # the event `target` describes: `event`, or one the claim bears on
    target_kind: str = "none"


def claim_rows(
    articles: Sequence[Mapping[str, Any]],
    entity_rows: Sequence[Mapping[str, Any]],
    extract: Extract,
    score: Score,
    config: ClaimsConfig,
    models: Sequence[str],
    event_rows: Sequence[Mapping[str, Any]] = (),
    embed: Embed | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """`articles` need article_id, title, text and date; `entity_rows` and `event_rows` are the
    shard's `entities` and `events` rows; `embed` gives the sentence vectors "bears on" is measured
    with (targets.py; None: every claim bears on its article's target).

    Returns (claims rows, claim_stances rows), both independent of the run (cacheable).
    """
    mentions: dict[str, list[Mapping[str, Any]]] = {}
    for row in entity_rows:
        mentions.setdefault(row["article_id"], []).append(row)
    events: dict[str, list[Mapping[str, Any]]] = {}
    for row in event_rows:
        events.setdefault(row["article_id"], []).append(row)
    found = extract([a["text"] for a in articles])
    per_article = []
    for article, attributions in zip(articles, found, strict=True):
        article_mentions = mentions.get(article["article_id"], [])
        article_events = events.get(article["article_id"], [])
        claims = _claims_of(article, attributions, article_mentions, config, article_events)
        claims += _title_claims(article, article_mentions, config)
        per_article.append(claims)
    _choose_targets(articles, per_article, events, embed)

    pairs: list[tuple[str, str, str]] = []
    about: list[bool] = []  # known to be about the target (an event it is linked to or bears on): see `decide`
    for claims in per_article:
        targeted = [c for c in claims if c.target is not None]
        pairs += [(c.target, c.evidence, c.context if c.target_kind == "event" else c.article_text) for c in targeted]
        about += [c.target_event is not None for c in targeted]
        pairs += [(p.text, c.evidence, c.context) for p in config.propositions for c in claims]
        about += [False] * (len(config.propositions) * len(claims))
    scores = iter(score(pairs, about=about) if pairs else [])

    claim_out, stance_out = [], []
    for article, claims in zip(articles, per_article):
        ids = []
        for claim in claims:
            probabilities = next(scores) if claim.target is not None else None
            row = _row(article, claim, probabilities, models)
            ids.append(row["claim_id"])
            claim_out.append(row)
        for proposition in config.propositions:
            for claim, claim_id in zip(claims, ids):
                probabilities = next(scores)
                stance, rule = decide(claim, probabilities)
                stance_out.append({"claim_id": claim_id, "article_id": article["article_id"],
                                   "proposition_id": proposition.id, "proposition": proposition.text,
                                   "stance": stance, "stance_scores": _rounded(probabilities), "stance_rule": rule,
                                   "date": article["date"]})
    return claim_out, stance_out


def _choose_targets(articles: Sequence[Mapping[str, Any]], per_article: Sequence[list[_Claim]],
                    events: Mapping[str, Sequence[Mapping[str, Any]]], embed: Embed | None) -> None:
    """Set each claim's target, target_kind and target_event (targets.py). A claim scored against an event
    it bears on is not linked to it (`event_id` stays the rules' link: stories count linked claims only)."""
    candidates: list[tuple[_Claim, list[tuple[str, str, Mapping[str, Any] | None]]]] = []
    for article, claims in zip(articles, per_article):
        article_events = events.get(article["article_id"], [])
        main = main_event(article["text"], article_events)
        if main is not None:  # the main event first, then the others in text order
            options = [(e["description"], "event", e) for e in
                       [main, *sorted((e for e in article_events if e is not main), key=lambda e: e["trigger_start"])]]
        else:
            kind, title = _target(article)
            options = [(title, kind, None)] if title is not None else []
        for claim in claims:
            if claim.event is not None:
                claim.target, claim.target_kind, claim.target_event = claim.event["description"], "event", claim.event
            elif options and not (claim.in_title and main is None):
                candidates.append((claim, options))
    similarity = iter(cosines(embed, [(claim.evidence, target) for claim, options in candidates
                                      for target, _, _ in options]))
    for claim, options in candidates:
        scored = [(next(similarity), i) for i in range(len(options))]
        bearing = [i for cosine, i in scored if cosine >= BEARS_ON]
        if bearing:
            # The main event when the claim bears on it, else the event it is closest to.
            chosen = bearing[0] if bearing[0] == 0 else max(bearing, key=lambda i: scored[i][0])
            claim.target, claim.target_kind, claim.target_event = options[chosen]


def _title_claims(article: Mapping[str, Any], mentions: Sequence[Mapping[str, Any]],
                  config: ClaimsConfig) -> list[_Claim]:
    """The headline's attribution as a claim (headlines.py), its offsets in the title."""
    title = article.get("title") or ""
    in_title = title_mentions(title, mentions, article["text"])
    found = headline_attribution(title, in_title, config.speaker_kinds)
    if found is None:
        return []
    attribution, speaker = found
    attribution, via = headline_via(title, attribution, in_title, config.speaker_kinds)
    via_speaker = link_speaker(title, via.start, via.end, in_title, [], config.speaker_kinds) if via is not None else None
    content = title[attribution.content.start : attribution.content.end]
    return [_Claim(attribution, via=via, via_speaker=via_speaker, speaker=speaker, evidence=content, context=title,
                   article_text=title, cue_class=classify_cue(title[attribution.cue.start : attribution.cue.end],
                                          title[attribution.cue.end : attribution.cue.end + 60]),
                   commits=content_commits(content), in_title=True)]


def decide(claim: _Claim, probabilities: Mapping[str, float], about_target: bool = False) -> tuple[str, str]:
    """The claim's stance and the rule that set it, from the model's probabilities and the cue layer.

    `about_target`: the claim is known to be about the target (its own event), so not unrelated."""
    if probabilities["unrelated"] >= 0.5 and not about_target:
        return "unrelated", "model"
    if claim.cue_class == "noncommittal":
        return "neutral", "cue:noncommittal"
    if not claim.commits:
        return "neutral", "content:noncommittal"
    if claim.cue_class == "denial":
        return "refutes", "cue:denial"
    return max(RELATED, key=lambda label: probabilities[label]), "model"


def _claims_of(article: Mapping[str, Any], attributions: Sequence[Attribution],
               mentions: Sequence[Mapping[str, Any]], config: ClaimsConfig,
               events: Sequence[Mapping[str, Any]] = ()) -> list[_Claim]:
    text = article["text"]
    kept = [quotation_content(text, a) for a in attributions if a.score >= config.min_score and _reports_statement(text, a)]
    sentences = sentence_spans(text)
    nested = nest_sources(text, kept, sentences, mentions, config.speaker_kinds)
    nested = occasion_statements(text, nested, sentences, mentions, config.speaker_kinds)
    claims = [_Claim(n.attribution, n.via) for n in nested]
    earlier: list[tuple[int, Speaker]] = []
    previous_content: str | None = None
    previous_event: Mapping[str, Any] | None = None
    for claim in claims:
        a = claim.attribution
        source = a.source
        claim.speaker = link_speaker(text, source and source.start, source and source.end, mentions, earlier,
                                     config.speaker_kinds, a.cue.start)
        if claim.speaker.start is not None and claim.speaker.key is not None:
            earlier.append((claim.speaker.start, claim.speaker))
        if claim.via is not None:
            claim.via_speaker = link_speaker(text, claim.via.start, claim.via.end, mentions, earlier, config.speaker_kinds)
        a = claim.attribution = _without_credit(text, _from_cue_paragraph(text, _said_part(text, a)))
        content = text[a.content.start : a.content.end] if a.content is not None else None
        claim.context = _paragraph_of(text, a.cue.start)
        claim.article_text = text
        claim.cue_class = classify_cue(text[a.cue.start : a.cue.end], text[a.cue.end : a.cue.end + 60])
        claim.commits = content is None or content_commits(content)
        sentence = sentence_at(a.cue.start, sentences) or (a.cue.start, a.cue.end)
        content_span = (a.content.start, a.content.end) if a.content is not None else None
        if content is not None and is_anaphoric(content) and previous_content is not None:
            claim.evidence = previous_content
            claim.event = previous_event or event_of(text, None, sentence, events, mentions)
        elif content is not None:
            claim.evidence = content
            claim.event = event_of(text, content_span, sentence, events, mentions)
            if len(content.split()) >= STATEMENT_WORDS:  # "noted | that he | could not confirm the reports": no statement
                previous_content, previous_event = content, claim.event
        else:
            claim.evidence = _sentence_of(text, a.cue.start, sentences)
            claim.event = event_of(text, None, sentence, events, mentions)
    return claims


def _reports_statement(text: str, a: Attribution) -> bool:
    """The cue reports a statement (cues.py): not a verb of doing or thinking the tagger marked."""
    source = text[a.source.start : a.source.end] if a.source is not None else ""
    content = text[a.content.start : a.content.end] if a.content is not None else ""
    return reports_statement(text[a.cue.start : a.cue.end], source, content)


def _said_part(text: str, a: Attribution) -> Attribution:
    """The content as what was said: pairing may join a fragment before the cue to one after it
    ('"A," he said, "B"'); unless the fragment before is a quotation, only the part after the cue
    is the content ("November 18, | Miller neither confirmed nor denied | the report")."""
    fragments = a.content_fragments
    before = [f for f in fragments if f.end <= a.cue.start]
    after = [f for f in fragments if f.start >= a.cue.end]
    if not before or not after or text[before[0].start] in "\"“'‘":
        return a
    content = Span(after[0].start, after[-1].end, "CONTENT", after[0].score)
    return Attribution(a.source, a.cue, content, a.score, tuple(after))


def _from_cue_paragraph(text: str, a: Attribution) -> Attribution:
    """A content before its cue starts in the cue's paragraph: a tagger's span that runs back over a
    paragraph break ('"The market isn't there."\n\nTrump wrote ..., according to a copy of the letter')
    takes in another statement."""
    if a.content is None or len(a.content_fragments) > 1:
        return a
    paragraph = text.rfind("\n", 0, a.cue.start) + 1
    if not a.content.start < paragraph < a.content.end:
        return a
    start = paragraph + len(text[paragraph : a.content.end]) - len(text[paragraph : a.content.end].lstrip())
    content = Span(start, a.content.end, "CONTENT", a.content.score)
    return Attribution(a.source, a.cue, content, a.score, (content,))


# A wire's credit line after the last sentence: "... under reliable protection. — Ukrinform."
_CREDIT = re.compile(r"(?<=[.!?\"”])\s+[—–-]\s*[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}\.?$")


def _without_credit(text: str, a: Attribution) -> Attribution:
    """The content without the agency's credit line the tagger ran into it: the credit names who
    published the article, not what the speaker said."""
    if a.content is None or len(a.content_fragments) > 1:
        return a
    credit = _CREDIT.search(text, a.content.start, a.content.end)
    if credit is None:
        return a
    content = Span(a.content.start, credit.start(), "CONTENT", a.content.score)
    return Attribution(a.source, a.cue, content, a.score, (content,))


def _sentence_of(text: str, position: int, sentences: Sequence[tuple[int, int]]) -> str:
    span = sentence_at(position, sentences)
    return text[span[0] : span[1]] if span is not None else text[max(0, position - 200) : position + 200]


def _paragraph_of(text: str, position: int) -> str:
    """The paragraph (text between blank lines) holding `position`."""
    start, end = paragraph_at(text, position)
    return text[start:end].strip()


def _target(article: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(target_kind, target): the title, else the first sentence (lede); (None, None) for an empty text."""
    title = (article.get("title") or "").strip()
    if title:
        return "title", title
    sentences = sentence_spans(article["text"])
    if sentences:
        start, end = sentences[0]
        return "lede", article["text"][start:end]
    return None, None


def _row(article: Mapping[str, Any], claim: _Claim, probabilities: Mapping[str, float] | None,
         models: Sequence[str]) -> dict[str, Any]:
    a = claim.attribution
    text = (article.get("title") or "") if claim.in_title else article["text"]
    place = "title:" if claim.in_title else ""
    identity = f"{article['article_id']}:{place}{a.cue.start}:{a.cue.end}:{'+'.join(models)}"
    about = claim.target_event is not None  # its own event, or an event it bears on: not unrelated
    stance, rule = decide(claim, probabilities, about) if probabilities is not None else ("unrelated", "no-target")
    via = claim.via
    speaker = claim.speaker or NO_SPEAKER
    via_speaker = claim.via_speaker or NO_SPEAKER
    if via is not None and via_speaker.start is not None:
        via = Span(via_speaker.start, via_speaker.end, "SOURCE", via.score)
    said = Span(speaker.start, speaker.end, "SOURCE", 1.0) if speaker.start is not None else None
    return {
        "claim_id": hashlib.sha256(identity.encode()).hexdigest()[:16],
        "article_id": article["article_id"],
        **_span("speaker", text, said),
        "speaker_key": speaker.key,
        "speaker_kind": speaker.kind,
        "speaker_resolution": speaker.resolution,
        "speaker_affiliation": speaker.affiliation,
        **_span("cue", text, a.cue),
        "cue_class": claim.cue_class,
        **_span("content", text, a.content),
        "quote_type": quote_type(" ".join(text[f.start : f.end] for f in (a.content_fragments or (a.content,))))
        if a.content is not None else None,
        **_span("via", text, via),
        "via_key": via_speaker.key,
        "event_id": claim.event["event_id"] if claim.event is not None else None,
        "target_kind": claim.target_kind,
        "target_event_id": claim.target_event["event_id"] if claim.target_event is not None else None,
        "stance": stance,
        "stance_scores": _rounded(probabilities) if probabilities is not None else None,
        "stance_rule": rule,
        "in_title": claim.in_title,
        "score": round(float(a.score), 4),
        "models": list(models),
        "date": article["date"],
    }


def _span(name: str, text: str, span) -> dict[str, Any]:
    if span is None:
        return {name: None, f"{name}_start": None, f"{name}_end": None}
    return {name: text[span.start : span.end], f"{name}_start": span.start, f"{name}_end": span.end}


def _rounded(probabilities: Mapping[str, float]) -> dict[str, float]:
    return {label: round(float(probabilities[label]), 4) for label in (*RELATED, "unrelated")}


_QUOTED = re.compile(r"[\"“”«»]|''")  # double quotation marks; single ones are apostrophes too often


def quote_type(content: str) -> str:
    """`direct` when the content is a quotation (its words, apart from punctuation, inside quotation
    marks), `indirect` without quotation marks, `mixed` when a paraphrase quotes some words."""
    stripped = content.strip(" \t\n,.;:")
    marks = list(_QUOTED.finditer(stripped))
    if not marks:
        return "indirect"
    outside, inside, depth_open = [], [], False
    position = 0
    for mark in marks:
        (inside if depth_open else outside).append(stripped[position : mark.start()])
        depth_open = not depth_open
        position = mark.end()
    (inside if depth_open else outside).append(stripped[position:])
    words_outside = re.findall(r"\w+", " ".join(outside))
    return "direct" if not words_outside else "mixed"
