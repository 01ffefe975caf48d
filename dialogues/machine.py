"""The call's course as one table: the five phases, the BALA sub-states and what moves between them.

One ``transitions`` machine is built at import and shared by every call. A call is never
registered with it (no ``add_model``): each event is fired straight at the call's small model,
whose state is a plain string restored from storage, so a process can hold thousands of calls
without the machine keeping any of them alive, and a turn costs no set-up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from transitions import Machine

# transitions logs every state entry at INFO; per-turn chatter that would fill a log with noise.
logging.getLogger("transitions").setLevel(logging.WARNING)

# state -> the rubric phase it belongs to. The BALA sub-states carry the phase as their prefix;
# each "A" (the contact accepting the need, then the solution) is the transition that leaves
# its sub-state, recorded in the persona's memory for the BALA checklist.
STATES: dict[str, str] = {
    "aabning": "aabning",
    "analyse": "analyse",  # B: looking for the need
    "analyse_behov": "analyse",  # B found, waiting for A (the contact confirms it)
    "indvendinger": "indvendinger",  # an objection is open (before any solution)
    "loesning": "loesning",  # L: nothing proposed yet
    "loesning_forslag": "loesning",  # L proposed, waiting for A
    "loesning_indvending": "indvendinger",  # an objection interrupts the solution; returns to it
    "afslutning": "afslutning",
    "afslutning_aftale": "afslutning",  # agreed; rounding off
    "debrief": "debrief",
}
INITIAL = "aabning"
FINAL = "debrief"

# Events: "svar" = the consultant said something, "videre" = /videre, "stop" = /stop,
# "opgiv" = the contact's patience ran out. For one event and source, the first row whose
# guards all hold wins, so order matters inside a source.
#
# trigger   source                 dest                   guards (all must hold)
TABLE: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("svar", "aabning", "analyse", ("aabning_godkendt",)),
    ("svar", "analyse", "analyse_behov", ("behov_fundet",)),
    ("svar", "analyse_behov", "indvendinger", ("behov_accepteret", "indvending_venter")),
    ("svar", "analyse_behov", "loesning", ("behov_accepteret",)),
    ("svar", "indvendinger", "indvendinger", ("indvending_afklaret", "indvending_venter")),
    ("svar", "indvendinger", "loesning", ("indvending_afklaret",)),
    ("svar", "loesning", "loesning_indvending", ("indvending_i_loesning",)),
    ("svar", "loesning", "afslutning", ("loesning_accepteret",)),
    ("svar", "loesning", "loesning_forslag", ("loesning_foreslaaet",)),
    ("svar", "loesning_forslag", "loesning_indvending", ("indvending_i_loesning",)),
    ("svar", "loesning_forslag", "afslutning", ("loesning_accepteret",)),
    ("svar", "loesning_indvending", "loesning_forslag", ("indvending_afklaret",)),
    ("svar", "afslutning", "debrief", ("aftale_indgaaet", "samtale_afrundet")),
    ("svar", "afslutning", "afslutning_aftale", ("aftale_indgaaet",)),
    ("svar", "afslutning", "debrief", ("samtale_slut",)),
    ("svar", "afslutning_aftale", "debrief", ("samtale_afrundet",)),
    ("videre", "aabning", "analyse", ()),
    ("videre", "analyse", "indvendinger", ("indvending_venter",)),
    ("videre", "analyse", "loesning", ()),
    ("videre", "analyse_behov", "indvendinger", ("indvending_venter",)),
    ("videre", "analyse_behov", "loesning", ()),
    ("videre", "indvendinger", "indvendinger", ("indvending_venter",)),
    ("videre", "indvendinger", "loesning", ()),
    ("videre", "loesning", "afslutning", ()),
    ("videre", "loesning_forslag", "afslutning", ()),
    ("videre", "loesning_indvending", "loesning_forslag", ()),
    ("videre", "afslutning", "debrief", ()),
    ("videre", "afslutning_aftale", "debrief", ()),
    ("stop", "*", "debrief", ()),
    ("opgiv", "*", "debrief", ()),
)


@dataclass
class Signals:
    """What the persona established this turn; read by the guards, then thrown away."""

    opening_granted: bool = False
    objection_settled: bool = False
    objection_in_solution: bool = False
    solution_proposed: bool = False
    solution_accepted: bool = False
    agreed: bool = False
    rounded_off: bool = False
    call_over: bool = False


@dataclass
class CallModel:
    """The machine's model: the state string plus what the guards need to see."""

    state: str = INITIAL
    need_found: bool = False
    need_accepted: bool = False
    objections_waiting: int = 0
    signals: Signals = field(default_factory=Signals)

    # Guards, named as in TABLE.
    def aabning_godkendt(self) -> bool:
        return self.signals.opening_granted

    def behov_fundet(self) -> bool:
        return self.need_found

    def behov_accepteret(self) -> bool:
        return self.need_accepted

    def indvending_venter(self) -> bool:
        return self.objections_waiting > 0

    def indvending_afklaret(self) -> bool:
        return self.signals.objection_settled

    def indvending_i_loesning(self) -> bool:
        return self.signals.objection_in_solution

    def loesning_foreslaaet(self) -> bool:
        return self.signals.solution_proposed

    def loesning_accepteret(self) -> bool:
        return self.signals.solution_accepted

    def aftale_indgaaet(self) -> bool:
        return self.signals.agreed

    def samtale_afrundet(self) -> bool:
        return self.signals.rounded_off

    def samtale_slut(self) -> bool:
        return self.signals.call_over


def _build() -> Machine:
    return Machine(
        model=None,
        states=list(STATES),
        initial=INITIAL,
        transitions=[
            {"trigger": t, "source": s, "dest": d, "conditions": list(g)} for t, s, d, g in TABLE
        ],
        auto_transitions=False,
        ignore_invalid_triggers=True,
    )


MACHINE = _build()


def fire(model: CallModel, event: str) -> bool:
    """Fire ``event`` at ``model``; True when a transition was taken."""
    if model.state == FINAL:
        return False
    return bool(MACHINE.events[event].trigger(model))


def phase_of(state: str) -> str:
    return STATES[state]
