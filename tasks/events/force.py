"""Which CAMEO root an act of force takes, 19 or 18, by who used it and with what.

CAMEO's root 19 (FIGHT) is conventional military force and 18 (ASSAULT) unconventional violence, and
docs/event-annotation.md draws the line by the actors: fighting between armed forces and military strikes are
19; one-sided violence by non-military or police actors is 18 (a gunman's shooting, police beating
protesters, "clashes between protesters and riot police"). The verb decides little: the CAMEO verb dictionary
files "attacked", "clashed", "shooting" and "fired" under 190 and "killed", "violence" and "injured" under 180,
and news uses each for both kinds.

So a generic code (180, 190, or none) follows the participants of the whole event (all its mentions): an armed
force among them (a military or rebel actor code, or a country as the agent, acting as a whole) or a military
weapon in a mention's sentence (missile, rocket, drone, artillery, air strike, tank) makes it 19; other
participants (police, protesters, a gunman) make it 18. With neither actors nor a weapon the dictionary's code
stands ("the invasion" 19, "the violence" 18). A specific code keeps its root: abducting, beating, bombing,
assassinating (181-186), shelling and air strikes (194, 195), mass killing (20).
"""

from __future__ import annotations

from collections.abc import Sequence

from newslake.tasks.events.actor_codes import code_chunks
from newslake.tasks.events.arguments import Actor
from newslake.tasks.events.weapons import WeaponMention

_GENERIC = {None: None, "180": "190", "190": "180"}  # a generic code -> its counterpart under the other root
_ARMED_SECTORS = frozenset({"MIL", "REB"})
_MILITARY_WEAPONS = frozenset({"missile", "rocket", "drone", "artillery", "airstrike", "tank"})


def force_root(cameo: str, code: str | None, actors: Sequence[Actor],
               weapons: Sequence[WeaponMention]) -> tuple[str, str | None]:
    """(root, code) of an ASSAULT mention: `cameo` its root so far, `code` its finer CAMEO code if known; `actors`
    and `weapons` those of its whole event."""
    if cameo not in ("18", "19") or code not in _GENERIC:
        return cameo, code
    if not actors and not weapons:
        return cameo, code  # nothing but the verb says who used force: the dictionary's code stands
    root = "19" if any(_armed(a) for a in actors) or any(w.weapon_class in _MILITARY_WEAPONS for w in weapons) else "18"
    if root == cameo:
        return cameo, code
    return root, _GENERIC[code]


def _armed(actor: Actor) -> bool:
    sectors = set(code_chunks(actor.code or ""))
    country_itself = actor.role == "agent" and actor.sector is None and actor.country is not None
    return bool(sectors & _ARMED_SECTORS) or country_itself
