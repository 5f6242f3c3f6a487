"""Which event role a QA-SRL question asks for: AGENT, TARGET, PLACE, TIME, or none.

A QA-SRL question is a template of slots, `wh aux subj verb obj prep obj2`; the wh-word stands
for the one slot left empty. The role follows from that slot and the voice:

  who/what as subject of an active verb ("Who attacked something?")        AGENT
  who/what as subject of a passive verb ("Who was attacked?")              TARGET
  who/what as object ("What did someone attack?")                          TARGET
  who/what after "by" in a passive ("Who was someone arrested by?")        AGENT
  who/what after to ("Who did someone apologize to?", "Who was it given to?"),
    or after against, with, at of an active verb ("Who did someone fight
    against?", "Who is someone working with?")                            TARGET
    (in event coding the recipient, the opponent and the other party of a
    meeting are the event's target; after a passive verb "with" gives the
    charge or the instrument: "What was someone charged with?" is none)
  where                                                                    PLACE
  when                                                                     TIME

Every other question asks for none of the four and its answer stays unlabelled: why, how,
how much, how long (cause, manner, amount, duration), and who/what after any other preposition
(for, from, as, in, on, about, of...: a beneficiary, a source, a topic, a role), and "to do"
questions ("What did someone try to do?": a clause the event embeds).
A particle ("give up", "carry out") is not a preposition: the wh-word there stands for the object.
"""

from __future__ import annotations

from collections.abc import Mapping

ROLES = ("AGENT", "TARGET", "PLACE", "TIME")
TARGET_PREPOSITIONS = frozenset({"to", "against", "with", "at"})
# Prepositions whose object a who/what question can ask for; any other `prep` value is a particle
# (up, out, down, off...) or an infinitive ("to do"), and the wh-word is the direct object.
PREPOSITIONS = TARGET_PREPOSITIONS | {"by", "for", "from", "as", "in", "on", "about", "of", "into", "after", "through",
                                      "toward", "towards", "upon", "under", "between", "among",
                                      "without", "within", "across", "behind", "before", "during", "like", "onto"}


def _filled(value: object) -> bool:
    """A slot is filled when it holds a word (pandas reads an empty slot as NaN)."""
    return isinstance(value, str) and value.strip() != ""


def _preposition(value: object) -> str | None:
    """The preposition of a `prep` slot ("on to" -> "to"), or None for a particle or an infinitive."""
    if not _filled(value):
        return None
    last = str(value).split()[-1]
    return last if last in PREPOSITIONS else None


def question_role(question: Mapping[str, object]) -> str | None:
    """The role (one of ROLES) of a QA-SRL question given by its slots `wh, subj, obj, prep, obj2, is_passive`;
    None when it asks for none of them."""
    wh = str(question["wh"]).strip().lower()
    if wh == "where":
        return "PLACE"
    if wh == "when":
        return "TIME"
    if wh not in ("who", "what"):
        return None
    passive = str(question["is_passive"]).lower() == "true"
    if not _filled(question["subj"]):
        return "TARGET" if passive else "AGENT"
    if _filled(question.get("prep")) and str(question["prep"]).split()[-1] in ("do", "doing"):
        return None  # "What did someone try to do?": a clause the event embeds, not a participant
    preposition = _preposition(question.get("prep"))
    if preposition is not None and not _filled(question.get("obj2")):
        # The empty slot is the preposition's object: "Who did someone talk to?", "Who was someone hit by?".
        if preposition == "by" and passive:
            return "AGENT"
        if preposition == "to" or (preposition in TARGET_PREPOSITIONS and not passive):
            return "TARGET"
        return None
    if not _filled(question["obj"]):
        return "TARGET"
    return None
