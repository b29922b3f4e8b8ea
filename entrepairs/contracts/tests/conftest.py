"""Contracts are for groups: the groups' fixtures (`gw`: a supervision group with a past and a
future session) and their source-language messages."""

from entrepairs.groups.tests.conftest import _english, gw

__all__ = ["_english", "gw"]
