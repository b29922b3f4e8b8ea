"""Training's models, one module per aggregate."""

from .catalogue import TrainingModule, add_months
from .completions import TrainingCompletion
from .requirements import RoleRequirement
from .sessions import TrainingEnrolment, TrainingSession

__all__ = [
    "RoleRequirement",
    "TrainingCompletion",
    "TrainingEnrolment",
    "TrainingModule",
    "TrainingSession",
    "add_months",
]
