"""No personal data or secret in the logs (issue 17 §3): a realistic session, logged through the
production formatter (JSON, entrepairs.logs), leaves none of the e-mails, password, searched
name or tokens it used in any line; every line is one JSON event with its time, level, logger
and the request's id."""

import json
import logging
from collections.abc import Iterator
from io import StringIO

import pytest
from django.urls import reverse

from entrepairs.logs import logging_config, mask_text


@pytest.fixture
def production_log() -> Iterator[StringIO]:
    """Every logger's events, as production writes them, at every level."""
    config = dict(logging_config(json=True, level="DEBUG")["formatters"]["structured"])
    factory = config.pop("()")
    stream = StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(factory(**config))
    loggers = [logging.getLogger(), logging.getLogger("django"), logging.getLogger("django.server")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    yield stream
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_a_session_leaves_no_personal_data_nor_secret_in_the_logs(
    world, client, api_for, production_log
):
    from entrepairs.groups import services as groups

    coordinator = world.coordinator
    searched = world.colleague.last_name
    _, feed_secret = groups.calendar_feed_create(person=world.facilitator, scope="member")

    client.post("/accounts/login/", {"login": coordinator.user.email, "password": "Wrong-pass-42"})
    signed_in = client.post(
        "/accounts/login/", {"login": coordinator.user.email, "password": world.password}
    )
    assert signed_in.status_code == 302
    assert client.get(reverse("people:list"), {"q": searched}).status_code == 200
    assert client.get("/api/v1/people/", {"search": searched}).status_code == 200
    assert client.get(reverse("groups:ics", args=[feed_secret])).status_code == 200
    assert client.get(reverse("groups:ics", args=[feed_secret + "x"])).status_code == 404
    api = api_for(world.manager)
    assert api.get("/api/v1/people/", {"search": searched}).status_code == 200
    # A form that names a person in its answer, and a page that fails (logged with its error).
    logging.getLogger("entrepairs.test").warning(
        "sent to %s", world.professional.user.email, extra={"email": world.colleague.user.email}
    )

    text = production_log.getvalue()
    lines = [json.loads(line) for line in text.splitlines()]
    finished = [line for line in lines if line["event"] == "request_finished"]
    assert len(finished) >= 7
    assert all({"timestamp", "level", "logger", "request_id"} <= set(line) for line in finished)
    assert all(line["timestamp"].endswith("Z") for line in lines)
    for secret in (
        coordinator.user.email,
        world.professional.user.email,
        world.colleague.user.email,
        world.password,
        "Wrong-pass-42",
        searched,
        feed_secret,
    ):
        assert secret not in text, secret


def test_masking_keeps_what_an_operator_needs():
    line = "GET /groups/ics/abcDEF123456.ics?x=1 from ana@example.org, /people/?q=Dupont page 2"
    assert mask_text(line) == (
        "GET /groups/ics/[masked]?[masked] from [masked], /people/?[masked] page 2"
    )


@pytest.mark.django_db(transaction=True)
def test_a_job_logs_the_id_of_the_request_that_enqueued_it(world, production_log):
    import io

    import structlog
    from django.core.management import call_command

    from entrepairs.core.notifications import notify
    from entrepairs.core.tests.notifying import EXAMPLE, LINK

    structlog.contextvars.bind_contextvars(request_id="request-17")  # as RequestMiddleware does
    try:
        notify(
            kind=EXAMPLE,
            link=LINK,
            recipient=world.professional.user,
            subject="Séance demain",
            body="Salle 2",
            organisation=world.org_a,
        )
    finally:
        structlog.contextvars.clear_contextvars()
    call_command("db_worker", batch=True, reload=False, startup_delay=False, stdout=io.StringIO())

    lines = [json.loads(line) for line in production_log.getvalue().splitlines()]
    events = {line["event"]: line for line in lines if line["event"].startswith("task_")}
    assert events["task_enqueued"]["request_id"] == "request-17"
    assert events["task_started"]["request_id"] == "request-17"
    assert events["task_succeeded"]["request_id"] == "request-17"
    assert events["task_started"]["timestamp"]
