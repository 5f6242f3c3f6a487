"""What the argument model is asked: the event word at `trigger` in the sentence at `sentence` of `text`.

Kept apart from the model code (no torch) so that the registry and the events stage can import it cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass

from newslake.errors import NewslakeError


@dataclass(frozen=True, slots=True)
class ArgumentQuery:
    """The arguments of the event word at `trigger` in the sentence at `sentence`: character spans of `text`."""

    text: str
    sentence: tuple[int, int]
    trigger: tuple[int, int]


def check_query(query: ArgumentQuery) -> None:
    """E038 unless the sentence lies in the text, the trigger in the sentence, and the trigger has a character."""
    (s, e), (ts, te) = query.sentence, query.trigger
    if not (0 <= s <= ts < te <= e <= len(query.text)) or not query.text[ts:te].strip():
        raise NewslakeError("E038", f"argument query: trigger {query.trigger} must be a non-blank span inside sentence "
                                    f"{query.sentence}, and the sentence inside the text of {len(query.text)} characters")
