from .event import Event, ExperiencedTutorSeat, Feedback, Kind, Registration

__all__ = ["Event", "ExperiencedTutorSeat", "Feedback", "Kind", "Registration"]
