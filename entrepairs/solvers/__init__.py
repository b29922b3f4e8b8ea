"""Pure-Python matching engine (no Django): pairs, groups, caseloads and leave cover.

Inputs and outputs are frozen dataclasses; see ``docs/solvers.md``.
"""

from entrepairs.solvers.caseloads import (
    CaseloadProblem,
    CaseloadResult,
    Item,
    Move,
    Worker,
    WorkerLoad,
    solve_caseloads,
)
from entrepairs.solvers.errors import InfeasibleError, SolverInputError
from entrepairs.solvers.groups import (
    ConstraintStatus,
    Group,
    GroupsProblem,
    GroupsResult,
    GroupWeights,
    Member,
    solve_groups,
)
from entrepairs.solvers.leave_cover import (
    CoverAssignment,
    LeaveCoverProblem,
    LeaveCoverResult,
    UncoveredItem,
    solve_leave_cover,
)
from entrepairs.solvers.pairs import (
    Candidate,
    HardConstraints,
    Objective,
    Pair,
    PairsProblem,
    PairsResult,
    Unmatched,
    solve_pairs,
)
from entrepairs.solvers.scoring import CRITERIA, Weights

__all__ = [
    "CRITERIA",
    "Candidate",
    "CaseloadProblem",
    "CaseloadResult",
    "ConstraintStatus",
    "CoverAssignment",
    "Group",
    "GroupWeights",
    "GroupsProblem",
    "GroupsResult",
    "HardConstraints",
    "InfeasibleError",
    "Item",
    "LeaveCoverProblem",
    "LeaveCoverResult",
    "Member",
    "Move",
    "Objective",
    "Pair",
    "PairsProblem",
    "PairsResult",
    "SolverInputError",
    "UncoveredItem",
    "Unmatched",
    "Weights",
    "Worker",
    "WorkerLoad",
    "solve_caseloads",
    "solve_groups",
    "solve_leave_cover",
    "solve_pairs",
]
