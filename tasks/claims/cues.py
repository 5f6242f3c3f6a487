"""What a cue says about the speaker's commitment, whatever the content is.

The stance model reads the content against a target; it cannot see that "refrained from
confirming X" or "neither confirmed nor denied X" commit the speaker to nothing, or that
"denied X" turns X around. This layer reads the cue (and the words just after it, because
taggers often cut "did not | confirm") and classifies it:

  noncommittal  refrained from confirming, neither confirmed nor denied, could not / did not
                confirm, declined to comment, did not have data, unable to verify ...
                -> the claim is `neutral` toward anything it is related to
  denial        denied, rejected (as fake), refuted, dismissed, disputed, debunked ...
                -> `refutes` toward a related target
  assertive     everything else (said, claimed, reported, according to, confirmed ...)
                -> the stance model decides

Content that commits to nothing is noncommittal too: a conditional ("if the U.S. indeed
made such a decision, ...") or a negated knowledge statement ("they did not have data on ...").

Before any of that, `reports_statement` says whether a cue reports a statement at all
(docs/claim-annotation.md): a verb or noun of saying, writing, reporting, confirming, denying,
urging, accusing, announcing ... or "according to". The tagger, trained on PolNeAR, also marks
verbs of doing and thinking ("voted", "offered", "signed", "published", "believes", "hope") and
pieces of a place or an occasion ("a news | conference", "in a phone | interview"): no claims.
Rules are plain regular expressions over lower-cased text, listed here so they can be read.
"""

from __future__ import annotations

import re
from typing import Literal

CueClass = Literal["assertive", "noncommittal", "denial"]

# Negation + a verb of confirming, knowing or commenting: the speaker withholds judgement.
_NONCOMMITTAL = re.compile(
    r"\b(?:"
    r"neither\s+confirm\w*\s+nor\s+den\w*"
    r"|refrain\w*\s+from\s+(?:confirm|comment|den)\w*"
    r"|declin\w*\s+to\s+(?:confirm|comment|say|verify)\w*"
    r"|(?:did|does|do|could|can|would|will|was|were|is|are)(?:\s*n[o']t|\s+not|\s+unable\s+to)\s+"
    r"(?:\w+\s+)?(?:confirm|verify|comment|know|say|have\s+(?:any\s+)?(?:data|information|details|evidence))\w*"
    r"|(?:unable|refused)\s+to\s+(?:confirm|verify|comment)\w*"
    r"|cannot\s+(?:confirm|verify|comment)\w*"
    r"|no\s+comment"
    r"|(?:had|have|has)\s+no\s+(?:data|information|details|evidence|confirmation)"
    r")"
)
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|reject\w*|refut\w*|dismiss\w*|disput\w*|debunk\w*|rebut\w*"
    r"|rubbish\w*|contradict\w*|(?:called|branded|labell?ed)\s+(?:it\s+|this\s+|the\s+\w+\s+)?(?:fake|false|a\s+lie|untrue))"
)
# A content that opens with a condition or an open question asserts nothing.
_CONDITIONAL = re.compile(r"^\W*(?:that\s+)?(?:if|whether|unless|in\s+case)\b")
# A content of this shape only points back at something said before ("mentioned this information").
_ANAPHORIC = re.compile(
    r"^\W*(?:(?:this|that|these|those|the|such|similar)\s+(?:information|report|reports|claim|claims|news|data|"
    r"allegation|allegations|statement|statements|account|accounts|media\s+reports)|it|this|that|so)\W*$"
)
# Stems of words that report a statement; a cue holds one of them. "reported" also covers "reportedly".
_SAYING = re.compile(
    r"\b(?:say|said|tell|told|add|stat(?:ed|ing)\b|states?\s+that|report|claim|confirm|den(?:y|ies|ied|ial)"
    r"|acknowledg|argu|warn|urg|call|accus|ask|tweet|announc|reveal|quot|cit(?:e|es|ed|ing)\b|explain"
    r"|not(?:e|es|ed|ing)\b|insist|suggest|assert|describ|declar|wr[io]t|comment|alleg|purport|according"
    r"|mention|stress|emphasi|maintain|conced|admit|predict|forecast|estimat|promis|vow|pledg|threat|condemn"
    r"|demand|propos|respond|repl(?:y|ies|ied)|answer|recall|point(?:s|ed|ing)?\s+out|indicat"
    r"|show(?:s|ed|n|ing)?\b|found\b|find(?:s|ing|ings)?\b|read(?:s|ing)?\b|conclu|continu|dismiss|reject|refut"
    r"|disput|debunk|rebut|compar|liken|label|brand|dub(?:s|bed)?\b|complain|lament|testif|inform|advis"
    r"|recommend|retort|speculat|repeat|rul(?:e|es|ed|ing)\s+out|remark|made\s+(?:it\s+)?clear|contend"
    r"|question|counter(?:s|ed|ing)?\b|agreed\s+that|appeal|assur|vouch|hint|reiterat|affirm|cautio"
    r"|sw(?:ore|ear)|object(?:s|ed|ing)?\b|decr(?:y|ied|ies)|refrain|declin\w*\s+to|withh[oe]ld"
    r"|characteri[sz]|(?:made|makes?|making)\s+(?:a|an|the|this|that|his|her|their|its)\s+(?:\w+\s+)?statement)"
)
# "expected" reports a statement only as an agentless passive ("the Fed is not expected to change rates").
_EXPECTED = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:not\s+|widely\s+|also\s+)?expected\b")
# A question put to someone is no statement of theirs ("was asked", "when asked if ...", and the participle
# that opens a sentence: "Asked whether ..., Bone said").
_ASKED = re.compile(r"^(?:when\s+|was\s+|were\s+|being\s+|been\s+|is\s+|are\s+|after\s+)asked\b")
_ASKED_PARTICIPLE = re.compile(r"^Asked\b")
# A noun of saying with no content ("investigated reports of", "a report about"), an attempt ("attempted to
# find"), a passive "admitted" (let in): no statement.
_NOT_A_STATEMENT = re.compile(
    r"(?:\b(?:reports?|claims?|allegations?|accusations?|statements?|remarks?)\s+(?:of|about|on|over)$"
    r"|\b(?:attempt\w*|try|tries|tried|trying|seek\w*|sought)\s+to\b"
    r"|\b(?:is|are|was|were|be|been|being)\s+admitted\b)"
)
# The terms a source spoke on: "asked not to be named", "requested anonymity", "on condition of anonymity".
_ANONYMITY = re.compile(r"^\W*(?:(?:not\s+to\s+be\s+(?:named|identified|quoted)|anonymity|that\s+(?:his|her|their)\s+name"
                        r"\s+not\s+be\s+used)\b|(?:on|under)\s+(?:the\s+)?condition\s+(?:of|that))")
# What a picture shows is no claim ("Video posted on YouTube showed ...").
_PICTURE = re.compile(r"\b(?:videos?|footage|photos?|photographs?|pictures?|images?|maps?|satellite|tapes?|recordings?"
                      r"|clips?)\b")
_CUE_WINDOW_WORDS = 4  # words after the cue read with it: "did | not confirm", "refrained | from confirming"


def classify_cue(cue: str, following: str = "") -> CueClass:
    """The cue's class from its text and the few words after it (`following`).

    Noncommittal wins over denial: "neither confirmed nor denied" denies nothing.
    """
    words = following.split()[:_CUE_WINDOW_WORDS]
    window = " ".join([cue.lower(), *(w.lower() for w in words)])
    if _NONCOMMITTAL.search(window):
        return "noncommittal"
    if _DENIAL.search(cue.lower()):
        return "denial"
    return "assertive"


def reports_statement(cue: str, source: str = "", content: str | None = None) -> bool:
    """True when `cue` reports a statement ("said", "according to", "did not rule out", "is expected"),
    False for verbs of doing or thinking and for fragments of a place or an occasion. `source` is the
    speaker's text: what a video or photo "shows" is no statement; `content` its words (None: not
    known): a source's request for anonymity ("who asked not to be named") is none either, nor a
    colon or dash with no words after it."""
    lowered = " ".join(cue.lower().split())
    if _ANONYMITY.match(" ".join((content or "").lower().split())):
        return False
    if lowered in (":", "-", "–", "—"):  # "Kremlin: ...", "... - Zelensky": a headline's cue, repeated as a first line
        return content is None or bool(content.strip())  # "Yermak: Yermak says ...": a label, no claim
    if _ASKED.search(lowered) or _ASKED_PARTICIPLE.match(cue.strip()) or _NOT_A_STATEMENT.search(lowered):
        return False
    if re.search(r"\bshow", lowered) and _PICTURE.search(source.lower()):
        return False
    if lowered == "told" and source.strip().lower() == "all":  # "All told, ... spent $2.5 million": in all
        return False
    return bool(_SAYING.search(lowered) or _EXPECTED.search(lowered))


def content_commits(content: str) -> bool:
    """False for contents that assert nothing: conditionals and negated knowledge ("they did not have data")."""
    lowered = content.lower()
    return not (_CONDITIONAL.search(lowered) or _NONCOMMITTAL.search(" ".join(lowered.split()[:8])))


def is_anaphoric(content: str) -> bool:
    """True for contents such as "this information" or "the reports" that only refer back."""
    return bool(_ANAPHORIC.match(content.lower()))
