"""Widgets for long lists, where Django's one-template-per-option rendering dominates the page time."""

from collections.abc import Iterable
from html import escape
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe


def options_html(choices: Iterable[Any]) -> str:
    """The <option> elements of a select, escaped, none selected (cacheable)."""
    return "".join(
        f'<option value="{escape(str(v))}">{escape(str(label))}</option>' for v, label in choices
    )


class FastSelect(forms.Select):
    """A plain single select rendered in one pass (no per-option template). A form may set
    `prerendered` to options built once by `options_html` (and cached) for long lists."""

    prerendered: str | None = None

    def use_required_attribute(self, initial: Any) -> bool:
        # Select's version walks every choice (to look at the first); an optional field needs none.
        return self.is_required and super().use_required_attribute(initial)

    def render(
        self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        attr_html = "".join(
            f' {escape(str(k))}="{escape(str(v))}"'
            for k, v in final.items()
            if v not in (None, False)
        )
        options = self.prerendered if self.prerendered is not None else options_html(self.choices)
        if value not in (None, ""):
            marker = f'value="{escape(str(value))}"'
            options = options.replace(marker + ">", marker + " selected>", 1)
        return mark_safe(f"<select{attr_html}>{options}</select>")  # noqa: S308 - every part escaped above  # nosec B308 B703


# What a browser's <input type="date|time|datetime-local"> reads and sends, whatever the language:
# a localised value ("08/02/2027") is shown as an empty field and the day is lost on submit.
HTML_INPUT_FORMATS = {
    "date": "%Y-%m-%d",
    "time": "%H:%M",
    "datetime-local": "%Y-%m-%dT%H:%M",
}


def html_input_type(widget: forms.Widget) -> str:
    """The `type` the widget renders (its attrs win over the class's `input_type`)."""
    return str(widget.attrs.get("type") or getattr(widget, "input_type", ""))


def _format_value(self: forms.widgets.DateTimeBaseInput, value: Any) -> Any:
    iso = HTML_INPUT_FORMATS.get(html_input_type(self))
    if iso is None or not hasattr(value, "strftime"):
        return _localised_format_value(self, value)
    return value.strftime(iso)


_localised_format_value = forms.widgets.DateTimeBaseInput.format_value


def render_html_dates_as_iso() -> None:
    """Every DateInput, TimeInput and DateTimeInput of the product (any form, any app) renders a
    browser date/time input with the ISO value; text inputs keep the reader's format. Installed
    once at start-up (CoreConfig.ready) so no form has to remember `format="%Y-%m-%d"`."""
    forms.widgets.DateTimeBaseInput.format_value = _format_value  # type: ignore[method-assign]
