"""Networks' models, one module per aggregate."""

from .directory import DIRECTORY_FIELDS, FIELD_KEYS, Audience, DirectoryProfile
from .network import Direction, Level, Network, NetworkMember, NetworkOrganisation, Status
from .news import HostedGroup, NewsItem

__all__ = [
    "HostedGroup",
    "DIRECTORY_FIELDS",
    "FIELD_KEYS",
    "Audience",
    "Direction",
    "DirectoryProfile",
    "Level",
    "Network",
    "NetworkMember",
    "NetworkOrganisation",
    "NewsItem",
    "Status",
]
