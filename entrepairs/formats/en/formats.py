"""English dates the way the app's readers write them: day first, 24-hour clock (issue 15: an
English page showed « Wednesday 20 January 2027 » next to « Oct. 26, 2026 » and « 11/29/2026 »).
Django's `en` formats are American; our English readers work in Europe, next to French colleagues
who write 29/11/2026. Input accepts the day-first form and ISO only: reading 01/02/2027 as
2 January, as Django's `en` does, would silently swap day and month."""

DATE_FORMAT = "j F Y"  # 16 October 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j F Y, H:i"  # 16 October 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # October 2026
MONTH_DAY_FORMAT = "j F"  # 16 October
SHORT_DATE_FORMAT = "d/m/Y"  # 16/10/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 16/10/2026 14:30
FIRST_DAY_OF_WEEK = 1  # Monday

# ISO (2026-10-16) is always added by Django after these.
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 16/10/2026
    "%Y-%m-%d",  # 2026-10-16
    "%d %B %Y",  # 16 October 2026
    "%d %b %Y",  # 16 Oct 2026
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",  # 16/10/2026 14:30:59
    "%d/%m/%Y %H:%M",  # 16/10/2026 14:30
    "%Y-%m-%d %H:%M:%S",  # 2026-10-16 14:30:59
    "%Y-%m-%d %H:%M",  # 2026-10-16 14:30
]
TIME_INPUT_FORMATS = [
    "%H:%M:%S",  # 14:30:59
    "%H:%M",  # 14:30
]
