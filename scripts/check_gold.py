"""Checks an events gold file of version 2 against docs/event-annotation.md.

    python scripts/check_gold.py data/gold/events-dev-v2a.jsonl [more files]

The article and event structure, trigger offsets and dates are checked by the scorer's own
reader (`read_gold`), so a file this passes is one `newslake eval events` reads. On top of
that every event must carry a category of the 17, a CAMEO root that category allows, a mode of
that category (or null), a modality and actor roles of the guidelines. Every problem is listed
as FILE:LINE: ..., and the exit status is 1 when there is any.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from newslake.errors import NewslakeError
from newslake.tasks.events.scoring import read_gold

# category -> the CAMEO roots it may carry (docs/event-annotation.md, "What is an event").
CAMEO_ROOTS = {
    "STATEMENT": ("01",), "REQUEST": ("02", "10"), "AGREE": ("03",), "CONSULT": ("04",),
    "SUPPORT": ("05",), "COOPERATE": ("06",), "AID": ("07",), "RETREAT": ("08",), "CONCEDE": ("08",),
    "ACCUSE": ("09", "11"), "REJECT": ("12",), "THREATEN": ("13",), "PROTEST": ("14",),
    "MOBILIZE": ("15",), "SANCTION": ("16",), "COERCE": ("17",), "ASSAULT": ("18", "19", "20"),
}
MODES = {
    "REQUEST": ("assist", "change", "yield", "meet"),
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "SUPPORT": ("approve",),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demonstrate", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "SANCTION": ("discontinue", "expel", "withdraw", "convict"),
    "COERCE": ("arrest", "seize", "restrict", "ban", "censor", "curfew", "martial-law", "deport",
               "withhold", "cyber", "misinformation"),
    "ASSAULT": ("firearms", "explosives", "aerial", "drone", "heavy-weapons", "primitive", "beat",
                "abduct", "targeted", "destroy", "crowd-control", "suicide-attack", "unconventional",
                "fight", "torture", "sexual"),
}
MODALITIES = ("asserted", "denied", "hypothetical", "future")
ROLES = ("agent", "target")
LEGACY_TYPES = ("attack", "armed_clash", "authorization", "diplomatic_meeting", "sanction",
                "arrest_legal", "protest", "humanitarian_aid", "casualty_report")
_CAMEO_CODE = re.compile(r"\d{3,4}")


def event_problems(event: dict) -> list[str]:
    """What in one event breaks the version-2 rules; empty when nothing does."""
    category = event.get("category")
    if category not in CAMEO_ROOTS:
        return [f"category {category!r} is none of {', '.join(CAMEO_ROOTS)}"]
    problems = []
    cameo = event.get("cameo")
    if cameo not in CAMEO_ROOTS[category]:
        problems.append(f"cameo {cameo!r} is not a root of {category} ({', '.join(CAMEO_ROOTS[category])})")
    code = event.get("cameo_code")
    if code is not None and not (isinstance(code, str) and _CAMEO_CODE.fullmatch(code) and code.startswith(str(cameo))):
        problems.append(f"cameo_code {code!r} is not a 3- or 4-digit CAMEO code under root {cameo!r}")
    mode = event.get("mode")
    if mode is not None and mode not in MODES.get(category, ()):
        allowed = ", ".join(MODES.get(category, ())) or "none"
        problems.append(f"mode {mode!r} is not a mode of {category} (modes: {allowed}; or null)")
    if event.get("modality") not in MODALITIES:
        problems.append(f"modality {event.get('modality')!r} is none of {', '.join(MODALITIES)}")
    if event.get("event_type") not in (None, *LEGACY_TYPES):
        problems.append(f"event_type {event.get('event_type')!r} is no legacy type (or null)")
    for actor in event["actors"]:
        if actor["role"] not in ROLES:
            problems.append(f"actor {actor['text']!r} has role {actor['role']!r}; use agent or target")
        if not isinstance(actor["text"], str) or not actor["text"].strip():
            problems.append("an actor has no text")
    spans = sorted((t["start"], t["end"]) for t in event["triggers"])
    if any(a[1] > b[0] for a, b in zip(spans, spans[1:])):
        problems.append("two of its triggers overlap")
    return problems


def file_problems(path: Path) -> list[str]:
    try:
        documents = read_gold(path)
    except NewslakeError as error:
        return [str(error)]
    if not documents:
        return [f"{path}: holds no articles"]
    problems = []
    for line, document in enumerate(documents, start=1):
        taken: dict[tuple[int, int], int] = {}
        for number, event in enumerate(document["events"], start=1):
            where = f"{path}:{line}: event {number}"
            problems += [f"{where}: {problem}" for problem in event_problems(event)]
            for trigger in event["triggers"]:
                span = (trigger["start"], trigger["end"])
                if span in taken:
                    problems.append(f"{where}: trigger {trigger['text']!r} at {span[0]} is also a trigger of event {taken[span]}")
                taken[span] = number
    return problems


def main(paths: list[str]) -> int:
    if not paths:
        print("usage: python scripts/check_gold.py FILE [FILE ...]", file=sys.stderr)
        return 2
    problems = [problem for path in paths for problem in file_problems(Path(path))]
    for problem in problems:
        print(problem)
    if not problems:
        print(f"{', '.join(paths)}: no problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
