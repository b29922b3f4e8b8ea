"""Events, networks and mailing lists of a side (issue 16): an event of the organisation (coming)
and a past one (for attendance); a network founded by the coordinator (its organiser), whose only
member organisation is the side's, with a piece of news, a coming event (and a past one), a
mailing list with a message in its archive, and a list open to its members' posts. The twin X
builds the same, so every object has another organisation's twin."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from .world import Side, marker


def add_events_and_networks(side: Side) -> None:
    from entrepairs.events import services as events
    from entrepairs.mailing import services as mailing
    from entrepairs.mailing.models import MailingList
    from entrepairs.networks import services as networks

    coordinator, tag = side.people["coordinator"], side.tag
    now = timezone.now().replace(microsecond=0)
    soon, past = now + timedelta(days=10), now - timedelta(days=10)

    def event(title: str, starts: datetime, **host: Any) -> Any:
        return events.event_create(
            by=coordinator,
            kind="meeting",
            title=marker(tag, title),
            place="Salle du conseil",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            already_held=starts < now,
            **host,
        )

    network = networks.network_create(
        organisation=side.org, name=marker(tag, "netname"), level="regional", by=coordinator
    )
    news = networks.news_publish(
        network=network, title=marker(tag, "networknews"), body="Des nouvelles", by=coordinator
    )
    mailing_list = mailing.mailing_list_save(
        mailing_list=MailingList(network=network, name=marker(tag, "mailinglist")),
        by=coordinator.user,  # the mailing services take the account (their rules read it)
    )
    open_list = mailing.mailing_list_save(
        mailing_list=MailingList(
            network=network, name=marker(tag, "openlist"), open_to_member_posts=True
        ),
        by=coordinator.user,
    )
    message = mailing.list_message_post(
        mailing_list=mailing_list,
        subject=marker(tag, "listmessage"),
        body="Bonjour",
        by=coordinator.user,
    )
    side.objects.update(
        event_org=event("eventorg", soon, organisation=side.org),
        event_org_past=event("pastorgevent", past, organisation=side.org),
        network=network,
        networknews=news,
        event_network=event("eventnetwork", soon, network=network),
        event_network_past=event("pastnetevent", past, network=network),
        mailinglist=mailing_list,
        mailinglist_open=open_list,
        listmessage=message,
    )
