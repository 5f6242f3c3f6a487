"""An event noun its sentence's subject undergoes: "Suu Kyi has faced sharp criticism", "came under fire from".

    undergoes(text, sentence_start, trigger) -> bool
    as_undergone(text, actor, trigger) -> Actor

The argument model learnt who does what from verbs; before an event noun it takes the sentence's subject for the
doer, which is right after a light verb ("the EU imposed sanctions") and wrong after a verb of receiving:
"Nabisco faced criticism from Clinton and Trump" is Clinton and Trump criticising Nabisco. After such a verb the
words before the noun name whom the act is aimed at (target), and a "from" or "by" after it names who did it
(agent). "Under" counts after a form of "be", "come" or "remain" only ("was under investigation by the FBI", not
"kept its allies under surveillance"). In the annotated news (c to x, dev v2), of the actors these gold events name
before such a noun, 22 are targets and 4 agents.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newslake.tasks.events.arguments import Actor

_CONTEXT_CHARS = 60  # a verb and three modifiers at most: "has faced renewed and sharp"
_RECEIVING = re.compile(
    r"\b(?:fac(?:e|es|ed|ing)|dr(?:ew|aw|aws|awn|awing)|receiv(?:e|es|ed|ing)|suffer(?:s|ed|ing)?|endur(?:e|es|ed|ing)|"
    r"(?:is|are|was|were|be|been|being|remain(?:s|ed|ing)?|came|come|comes|coming|fell|falls|fall|went|go|goes) under|"
    r"(?:the )?(?:subject|target|object) of)"
    r"\s+(?:(?:a|an|the|new|renewed|fresh|further|more|growing|mounting|sharp|harsh|heavy|widespread|intense|strong|"
    r"international|public|bipartisan|[\w\-]+-\w+)\s+){0,3}$", re.I)
_DOER_WORD = re.compile(r"\b(?:from|by)\s+(?:the\s+)?", re.I)
_NEXT_DOER = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$", re.I)  # "from Clinton and | Trump"
_MAX_WORDS = 6  # between the noun and its "from": "criticism | for the move from"


def undergoes(text: str, sentence_start: int, trigger: tuple[int, int]) -> bool:
    """The event word is the object of a verb of receiving ("faced criticism", "drew condemnation", "came under
    attack", "is the target of sanctions")."""
    return bool(_RECEIVING.search(text[max(sentence_start, trigger[0] - _CONTEXT_CHARS) : trigger[0]]))


def as_undergone(text: str, actor: Actor, trigger: tuple[int, int]) -> Actor:
    """The actor's role in an undergone act: before the noun, whom it was aimed at; after it behind "from" or
    "by", who did it; anywhere else as the argument model said."""
    if actor.end <= trigger[0]:
        return replace(actor, role="target") if actor.role == "agent" else actor
    if actor.start >= trigger[1] and _done_by(text[trigger[1] : actor.start]):
        return replace(actor, role="agent")
    return actor


def _done_by(between: str) -> bool:
    """The words between the noun and an actor end in its "from" or "by", or in a list that one opens: "for the
    move from |", "from Clinton and |". Read word by word (no nested regex quantifiers): a run-on sentence stays
    linear."""
    doer = _DOER_WORD.search(between)  # the first "from" or "by": the words after it are its doers
    if doer is None or len(between[: doer.start()].split()) > _MAX_WORDS:
        return False
    rest = between[doer.end() :]
    if not rest:
        return True
    if not _NEXT_DOER.search(rest):
        return False
    return all(len(name.split()) <= 4 for name in re.split(r",|\band\b", rest) if name.strip())
