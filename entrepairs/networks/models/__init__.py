"""Networks' models, one module per aggregate."""

from .network import Direction, Level, Network, NetworkMember, NetworkOrganisation, Status

__all__ = ["Direction", "Level", "Network", "NetworkMember", "NetworkOrganisation", "Status"]
