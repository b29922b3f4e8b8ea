from .event import Event, Feedback, Kind, Registration

__all__ = ["Event", "Feedback", "Kind", "Registration"]
