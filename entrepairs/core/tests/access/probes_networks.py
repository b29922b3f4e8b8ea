"""Probes of a network's directory (the list, its search, each detail by the audience its owner
chose, one's own entry) and of the groups a network hosts (issue 16 points 1 and 2); world in
world_networks.py. Through the API, which reads the same selectors as the pages
(networks.selectors.directory_for, hosted_groups_for)."""

from __future__ import annotations

from collections.abc import Callable

from .probes import A, Probe, _o
from .world import Side

NETWORK = A + "/networks/{network}/"
DIRECTORY = NETWORK + "directory/"
HOSTED = A + "/networks/groups/"


def _search(key: str) -> Callable[[Side], str]:
    """The directory searched for a world value (a name, a detail)."""

    def build(side: Side) -> str:
        return _o(DIRECTORY)(side) + "?q=" + str(side.objects[key])

    return build


def _detail(state: str, key: str) -> list[Probe]:
    """A detail of the professional's entry, shared with `state`'s audience: in the directory's
    list (view) and found by a search for it (search)."""
    what = "value:" + key
    return [
        Probe("NetworkDirectoryEntry.detail", state, "view", "api", "present", _o(DIRECTORY), what,
              target_key="network"),
        Probe("NetworkDirectoryEntry.detail", state, "search", "api", "present", _search(key), what,
              target_key="network"),
    ]  # fmt: skip


# fmt: off
NETWORK_PROBES: list[Probe] = [
    # --- NetworkDirectory (who the network's members are) ---
    Probe("NetworkDirectory", None, "list", "api", "present", _o(DIRECTORY), "value:dir_name",
          target_key="network"),
    Probe("NetworkDirectory", None, "search", "api", "present", _search("dir_name"), "value:dir_name",
          target_key="network"),
    # --- NetworkDirectoryEntry.detail: e-mail to nobody, phone to the groups, region to the network ---
    *_detail("shared:nobody", "dir_email"),
    *_detail("shared:group", "dir_phone"),
    Probe("NetworkDirectoryEntry.detail", "shared:network", "view", "api", "present", _o(DIRECTORY),
          "dirregion", target_key="network"),
    Probe("NetworkDirectoryEntry.detail", "shared:network", "search", "api", "present",
          lambda side: _o(DIRECTORY)(side) + "?region=" + side.objects["dir_region"], "dirregion",
          target_key="network"),
    # --- NetworkDirectoryProfile (one's own entry: with whom each detail is shared) ---
    Probe("NetworkDirectoryProfile", None, "view", "api", "detail", _o(DIRECTORY + "me/"), None,
          target_key="network"),
    Probe("NetworkDirectoryProfile", None, "change", "api", "detail", _o(DIRECTORY + "me/"), None, "patch",
          swap=False, target_key="network", data=lambda s: {"phone": "nobody"}),
    # --- HostedGroup (the frame of a group the network hosts) ---
    Probe("HostedGroup", None, "list", "api", "present", _o(HOSTED), "hostedgroup", with_id=False,
          target_key="hostedgroup"),
    Probe("HostedGroup", None, "view", "api", "detail", _o(HOSTED + "{hostedgroup}/"), "hostedgroup",
          target_key="hostedgroup"),
    Probe("HostedGroup", None, "add_member", "api", "detail", _o(HOSTED + "{hostedgroup}/add-member/"),
          None, "post", swap=False, target_key="hostedgroup",
          data=lambda s: {"person": str(s.people["professional"].pk)}),
]
# fmt: on
