"""Judgement calls of the events, network news and mailing list rows (same conventions as
known.py, which imports this module once its `_judge` exists). The matrix found no leak in these
rows: every cell but the ones below is the table's outcome."""

from __future__ import annotations

from .known import _judge

_judge(
    ["NetworkNews[-].create@api", "MailingList[-].create@api"],
    ["platform_admin", "coordinator_other_org", "case_worker", "case_worker_other_agency"],
    "refused",
    "Publishing news or creating a list for a network the caller does not see: 400 on the field "
    "`network` (core.api.fields.VisibleRelatedField over networks.selectors.networks_for: the "
    "answer of an id that does not exist, security review F9), not 404, which a POST to a "
    "collection cannot give. Nothing is written; nothing tells that the network exists. The "
    "table's deny_404 is about seeing the network, which these callers do not.",
)
