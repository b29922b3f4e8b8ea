from .announcement import Announcement, Subscription, make_token
from .mailing_list import ListMessage, MailingList

__all__ = ["Announcement", "ListMessage", "MailingList", "Subscription", "make_token"]
