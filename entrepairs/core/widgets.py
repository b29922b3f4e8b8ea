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
