from .offers import CoachingScheme, CoachOffer, CoachRequest
from .pairings import CoachingMeeting, CoachPairing

__all__ = ["CoachOffer", "CoachPairing", "CoachRequest", "CoachingMeeting", "CoachingScheme"]
