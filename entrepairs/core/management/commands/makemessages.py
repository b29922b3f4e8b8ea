"""makemessages that also extracts `_l(...)`: the code imports gettext_lazy as `_l` beside
gettext as `_`, and a string only `_l` marks must reach the catalogue (issue 15: strings that
never reached it showed in English on French pages)."""

from django.core.management.commands.makemessages import Command as MakeMessages


class Command(MakeMessages):
    xgettext_options = [*MakeMessages.xgettext_options, "--keyword=_l"]
