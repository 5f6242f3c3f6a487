"""Which CAMEO root an act of force takes, 19 or 18, by who used it and with what.

CAMEO's root 19 (FIGHT) is conventional military force and 18 (ASSAULT) unconventional violence, and
docs/event-annotation.md draws the line by the actors: fighting between armed forces and military strikes are
19; one-sided violence by non-military or police actors is 18 (a gunman's shooting, police beating
protesters, "clashes between protesters and riot police"). The verb decides little: the CAMEO verb dictionary
files "attacked", "clashed", "shooting" and "fired" under 190 and "killed", "violence" and "injured" under 180,
and news uses each for both kinds.

So a generic code (180, 190, or none) follows who used force in the whole event (all its mentions). The agents
decide, not whom force was used against: a gunman who shoots a soldier is one-sided violence (18), as the
annotated news codes the Ottawa shootings. It is 19 when
- a military agent used it (a military actor code, or a country as the agent, acting as a whole), or a military
  weapon is in a mention's sentence (missile, rocket, drone, artillery, air strike, tank);
- or an armed group that is no state's (rebels, insurgents, an international militant group) fought a military
  party: "the Taliban fought U.S. forces" is fighting between armed forces. A gunman (an unidentified armed
  force in CAMEO's codes) is no such group.
Else it is 18: police, protesters, a gunman, and an armed group's violence against civilians ("insurgents killed
five people", "Boko Haram raided two villages"). On 630 annotated articles unseen by the trigger model
(events-train-k, -l, -q to -x) the CAMEO root of matched events is right in 1,206 of 1,478 (0.816), against 1,179
(0.798) when any armed actor, target included, made it 19; on dev v2 it is the same (301 of 360). With neither
actors nor a weapon the dictionary's code stands ("the invasion" 19, "the violence" 18). A specific code keeps its
root: abducting, beating, bombing, assassinating (181-186), shelling and air strikes (194, 195), mass killing (20).
"""

from __future__ import annotations

from collections.abc import Sequence

from newslake.tasks.events.actor_codes import code_chunks
from newslake.tasks.events.arguments import Actor
from newslake.tasks.events.weapons import WeaponMention

_GENERIC = {None: None, "180": "190", "190": "180"}  # a generic code -> its counterpart under the other root
_NON_STATE_ARMED = frozenset({"REB", "IMG"})  # rebels and insurgents, international militant groups
_MILITARY_WEAPONS = frozenset({"missile", "rocket", "drone", "artillery", "airstrike", "tank"})


def force_root(cameo: str, code: str | None, actors: Sequence[Actor],
               weapons: Sequence[WeaponMention]) -> tuple[str, str | None]:
    """(root, code) of an ASSAULT mention: `cameo` its root so far, `code` its finer CAMEO code if known; `actors`
    and `weapons` those of its whole event."""
    if cameo not in ("18", "19") or code not in _GENERIC:
        return cameo, code
    if not actors and not weapons:
        return cameo, code  # nothing but the verb says who used force: the dictionary's code stands
    agents = [a for a in actors if a.role == "agent"]
    military_act = any(_military(a) for a in agents) or any(w.weapon_class in _MILITARY_WEAPONS for w in weapons)
    armed_fight = any(_sectors(a) & _NON_STATE_ARMED for a in agents) and any("MIL" in _sectors(a) for a in actors)
    root = "19" if military_act or armed_fight else "18"
    if root == cameo:
        return cameo, code
    return root, _GENERIC[code]


def _sectors(actor: Actor) -> set[str]:
    return set(code_chunks(actor.code or ""))


def _military(actor: Actor) -> bool:
    """A military actor, or a country acting as a whole ("Russia struck ...")."""
    return "MIL" in _sectors(actor) or actor.sector is None and actor.country is not None
