"""Networks' models, one module per aggregate."""

from .directory import DIRECTORY_FIELDS, FIELD_KEYS, Audience, DirectoryProfile
from .network import Direction, Level, Network, NetworkMember, NetworkOrganisation, Status

__all__ = [
    "DIRECTORY_FIELDS",
    "FIELD_KEYS",
    "Audience",
    "Direction",
    "DirectoryProfile",
    "Level",
    "Network",
    "NetworkMember",
    "NetworkOrganisation",
    "Status",
]
