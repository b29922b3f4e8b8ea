"""makemessages that also extracts `_l(...)`: the code imports gettext_lazy as `_l` beside
gettext as `_`, and a string only `_l` marks must reach the catalogue (issue 15: strings that
never reached it showed in English on French pages). Same for `msg` / `msg_plural`, the texts of
notifications (core.notifications), worded in the reader's language when read."""

from django.core.management.commands.makemessages import Command as MakeMessages


class Command(MakeMessages):
    xgettext_options = [
        *MakeMessages.xgettext_options,
        "--keyword=_l",
        # core.notifications: a notification's texts, translated when read (issue 15 F6/F17).
        "--keyword=msg",
        "--keyword=msg_plural:1,2",
    ]
