"""The cells of the matrix: every probe × every role of the expected table, plus the swapped-id
cells (side A's people asking for the unrelated twin X's objects), and the observations made while
the tests run (written to docs/access-matrix.md by bin/access-matrix)."""

from __future__ import annotations

from dataclasses import dataclass

from .expected import lookup
from .probes import PROBES, Probe
from .world_casework import CASEWORK_ROLES

# The roles of docs/access-expected.yaml that the world holds (youth_or_foster_parent has no account;
# of the three extra roles, the world builds the client coordinator of a contract: EXTRA_ROLES).
ROLES = [
    "anonymous",
    "platform_admin",
    "coordinator",
    "coordinator_other_org",
    "manager",
    "manager_other",
    "professional",
    "professional_other",
    "facilitator",
    "facilitator_other",
    "mentor",
    "mentor_other",
    "case_worker",
    "case_worker_other_agency",
    "tutor",
    "newcomer",
    "newcomer_other",
    "expert",
]
# Extra roles of the table that exist for one kind of object only (the client side of a contract):
# probed wherever the table names them, never reported as missing elsewhere.
EXTRA_ROLES = ["coordinator_client_org", *CASEWORK_ROLES]
# Everyone of side A (and its partner agencies) is an outsider of the twin organisation X.
OUTSIDERS_OF_X = [
    r for r in ROLES if r not in ("anonymous", "platform_admin", "coordinator_other_org")
]
# The casework roles are outsiders of the twin's casework too (other objects: as `professional`).
CASEWORK_OBJECTS = {
    "Case",
    "SafetyCheck",
    "KeyDecision",
    "Incident",
    "IncidentTrends",
    "CarePlan",
    "PeerReview",
    "Leave",
    "TeamFigures",
    "Audit",
}


@dataclass(frozen=True)
class Cell:
    probe: Probe
    role: str
    side: str  # "a" (the object) or "x" (the twin: another organisation's id)
    expected: str
    why: str

    @property
    def id(self) -> str:
        swapped = "[other-org id]" if self.side == "x" else ""
        return f"{self.probe.key}{swapped}:{self.role}"


def cells() -> tuple[list[Cell], list[tuple[Probe, str, str]]]:
    """(cells with an expectation, (probe, role, side) the table says nothing about)."""
    out: list[Cell] = []
    missing: list[tuple[Probe, str, str]] = []
    for probe in PROBES:
        for role in ROLES:
            found = lookup(probe.obj, probe.state, probe.action, role, probe.channel)
            if found is None:
                missing.append((probe, role, "a"))
                continue
            out.append(Cell(probe, role, "a", *found))
        for role in EXTRA_ROLES:
            found = lookup(probe.obj, probe.state, probe.action, role, probe.channel)
            if found is not None:
                out.append(Cell(probe, role, "a", *found))
        outsiders = OUTSIDERS_OF_X + (CASEWORK_ROLES if probe.obj in CASEWORK_OBJECTS else [])
        for role in outsiders if probe.swap else []:
            # Another organisation's object: the table's cell for a coordinator of an unrelated
            # organisation is the expected outcome for every outsider.
            found = lookup(
                probe.obj, probe.state, probe.action, "coordinator_other_org", probe.channel
            )
            if found is None:
                missing.append((probe, role, "x"))
                continue
            out.append(Cell(probe, role, "x", found[0], "another organisation's id: " + found[1]))
    return out, missing


CELLS, MISSING = cells()
# cell id -> observed outcome, filled by the tests (read by the document writer at session end).
OBSERVED: dict[str, str] = {}
