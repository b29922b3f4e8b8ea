from .announcement import Announcement, Subscription, make_token

__all__ = ["Announcement", "Subscription", "make_token"]
