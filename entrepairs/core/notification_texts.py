"""The texts of notifications, kept as msgids and parameters and worded in the READER's language
when shown (outside test, issue 15 F6/F17). core.notifications is their door (import from there);
this module imports no model, so the Notification model renders through it without a cycle."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext

from .french import clock, french_text, joined, long_date


@dataclass(frozen=True)
class When:
    """A moment or a span of time in a sentence: "12 janvier 2027, 14 h 00 – 17 h 30", worded
    in the reader's language and read in the platform's time zone."""

    start: datetime
    end: datetime | None = None


class Message:
    """A text of a notification kept as its English msgid (and plural) with its parameters, put
    into words in the language active when shown. Parameters: text and numbers as they are, a
    date or a moment (When) worded in the reader's language, another Message, a lazy translated
    string (a choice's label), a list (of names) joined with "and"."""

    def __init__(
        self,
        msgid: str,
        params: Mapping[str, Any] | None = None,
        *,
        plural: str = "",
        count: int = 0,
    ) -> None:
        self.msgid, self.plural, self.count = str(msgid), str(plural), int(count)
        self.params = {key: _encoded(value) for key, value in (params or {}).items()}

    def with_params(self, **params: Any) -> "Message":
        """The same text with more parameters (a title worded for each recipient)."""
        more = Message(self.msgid, params, plural=self.plural, count=self.count)
        more.params = {**self.params, **more.params}
        return more

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.msgid}
        if self.plural:
            data.update(plural=self.plural, count=self.count)
        if self.params:
            data["params"] = self.params
        return data

    def render(self) -> str:
        """The text in the active language, French writing rules applied when it is French."""
        return str(french_text(_rendered(self.as_json())))

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Message({self.msgid!r}, {self.params!r})"


def msg(msgid: str, /, **params: Any) -> Message:
    """A notification's text, translated when read: msg("Lunch with %(name)s on %(date)s",
    name=str(person), date=day). makemessages extracts `msgid` (keyword `msg`)."""
    return Message(msgid, params)


def msg_plural(singular: str, plural: str, count: int, /, **params: Any) -> Message:
    """A text whose words depend on `count` (ngettext when read); `count` is also a parameter."""
    return Message(singular, {"count": count, **params}, plural=plural, count=count)


def lines(*texts: Message | str, sep: str = "\n") -> Message:
    """Several texts, one a line (a list of tasks in a body), or joined by `sep`."""
    return Message("", {"lines": list(texts), "sep": sep})


def _encoded(value: Any) -> Any:
    if isinstance(value, Message):
        return {"msg": value.as_json()}
    if isinstance(value, When):
        return {"when": [value.start.isoformat(), value.end.isoformat() if value.end else None]}
    if isinstance(value, datetime):
        return {"moment": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Promise):
        # A lazy translated string (a choice's label, _l("online")): kept by its English msgid.
        with translation.override(None):
            return {"msg": {"id": str(value)}}
    if isinstance(value, (list, tuple)):
        return {"list": [_encoded(v) for v in value]}
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)


def _decoded(value: Any) -> Any:
    """A stored parameter as words of the active language (before French rules, applied once on
    the whole sentence)."""
    if not isinstance(value, dict):
        return value
    if "msg" in value:
        return _rendered(value["msg"])
    if "date" in value:
        day = parse_date(value["date"])
        return long_date(day) if day else value["date"]
    if "moment" in value:
        moment = parse_datetime(value["moment"])
        return when_words(moment, None) if moment else value["moment"]
    if "when" in value:
        start, end = (parse_datetime(v) if v else None for v in value["when"])
        return when_words(start, end) if start else ""
    if "list" in value:
        return joined(_decoded(v) for v in value["list"])
    return ""


def when_words(start: datetime, end: datetime | None) -> str:
    """ "12 janvier 2027, 14 h 00 – 17 h 30" in French, "12 January 2027, 14:00 – 17:30"; a
    moment alone "1er mai 2027 à 14 h 00"."""
    start = timezone.localtime(start) if timezone.is_aware(start) else start
    day = long_date(start, "j F Y")
    if end is None:
        return gettext("%(day)s at %(time)s") % {"day": day, "time": clock(start)}
    end = timezone.localtime(end) if timezone.is_aware(end) else end
    if start.date() == end.date():
        return f"{day}, {clock(start)} – {clock(end)}"
    return f"{day} {clock(start)} – {long_date(end, 'j F Y')} {clock(end)}"


def _rendered(data: Any) -> str:
    if isinstance(data, str):
        return data
    raw = data.get("params") or {}
    if not data.get("id") and "lines" in raw:
        sep = str(raw.get("sep", "\n"))
        return sep.join(str(_decoded(line)) for line in raw["lines"]["list"])
    params = {key: _decoded(value) for key, value in raw.items()}
    if data.get("plural"):
        text = ngettext(data["id"], data["plural"], int(data.get("count", 0)))
    else:
        text = gettext(data["id"]) if data.get("id") else ""
    return text % params if params else text


def language_of(user: Any) -> str:
    """The language a user reads their e-mail in: their preference when the platform offers it,
    else the platform's (French)."""
    chosen = str(getattr(user, "preferred_language", "") or "")
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def shown(notification: Any, part: str) -> str:
    """`part` ("subject", "title" or "body") of a notification in the active language; a
    notification stored before issue 15 (or sent as plain text) shows its stored text."""
    data = (notification.texts or {}).get(part)
    if data is None:
        return str(getattr(notification, part))
    return str(french_text(_rendered(data)))
