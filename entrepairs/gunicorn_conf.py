"""gunicorn's own lines (start, workers booting, timeouts) in the app's format, one per event:
`gunicorn -c python:entrepairs.gunicorn_conf entrepairs.wsgi …` (docs/deployment.md, "Logs").

No access log: it would write each request line whole, a search's query string and a calendar
feed's token included; the app writes its own, masked (`request_finished`)."""

import os

from entrepairs.logs import logging_config

_production = os.environ.get("ENTREPAIRS_ENV", "development") == "production"
_json = os.environ.get("LOG_FORMAT", "json" if _production else "console") == "json"

logconfig_dict = logging_config(json=_json, level=os.environ.get("LOG_LEVEL", "INFO"))
logconfig_dict["loggers"]["gunicorn.error"] = {
    "handlers": ["console"],
    "level": "INFO",
    "propagate": False,
}
accesslog = None
