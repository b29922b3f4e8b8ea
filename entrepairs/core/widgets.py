"""Widgets for long lists, where Django's one-template-per-option rendering dominates the page time."""

from html import escape
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe


class FastSelect(forms.Select):
    """A plain single select rendered in one pass (no per-option template)."""

    def render(
        self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        selected = "" if value is None else str(value)
        attr_html = "".join(
            f' {escape(str(k))}="{escape(str(v))}"'
            for k, v in final.items()
            if v not in (None, False)
        )
        options = "".join(
            f'<option value="{escape(str(v))}"{" selected" if str(v) == selected else ""}>{escape(str(label))}</option>'
            for v, label in self.choices
        )
        return mark_safe(f"<select{attr_html}>{options}</select>")  # noqa: S308 - every part escaped above
