"""Networks' models, one module per aggregate."""

from .network import Direction, Level, Network, NetworkMember, NetworkOrganisation, Status
from .news import HostedGroup, NewsItem

__all__ = [
    "Direction",
    "HostedGroup",
    "Level",
    "Network",
    "NetworkMember",
    "NetworkOrganisation",
    "NewsItem",
    "Status",
]
