"""Template side of `entrepairs.core.french`: `{{ sentence|french }}` (elision, "1er mai") and
`{{ day|long_date }}` or `{{ day|long_date:"l j F Y" }}` ("1er mai 2027"), and `{% colon %}`, the
colon after a label or a name (« Nom : obligatoire », with a no-break space in French)."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.messages.storage.base import Message
from django.utils.safestring import SafeData, mark_safe

from entrepairs.core import french as rules

register = template.Library()


@register.filter(name="french", is_safe=True)
def french(value: Any) -> Any:
    """Elision and "1er" on a sentence. Markup a view built safely (`format_html`: a message with
    its "Fix it" link) stays markup: elision only drops a vowel and a space and adds "’", so it
    never makes markup of escaped text; anything else is escaped as usual (outside test: the
    line-manager warning's link was shown as raw HTML, a message being no string itself)."""
    if value is None or value == "":
        return value
    text = value.message if isinstance(value, Message) else value
    result = rules.french_text(str(text))
    if isinstance(text, SafeData):
        return mark_safe(result)  # noqa: S308 - derived from SafeData by elision only  # nosec B308 B703
    return result


@register.filter(name="long_date")
def long_date(value: Any, fmt: str = "DATE_FORMAT") -> str:
    if not value:
        return ""
    return rules.long_date(value, fmt)


@register.filter(name="clock")
def clock(value: Any) -> str:
    """A time of day the reader's way: "14 h 00" in French, "14:00" in English
    (`core.french.clock`, the one helper of documents, e-mails and pages)."""
    if not value:
        return ""
    return rules.clock(value)


@register.simple_tag(name="colon")
def colon(after: Any = "") -> str:
    """`{{ field.label }}{% colon field.label %} {{ error }}`: never a bare ":" after a variable, a
    tag or a closing element in a template (core/tests/test_french_colons.py looks at every
    template). Given the label, no colon after one ending with « ? », « ! », « : » or « … »."""
    return rules.colon(after)
