"""Settings for the people-list benchmark: the real settings plus a bare view to compare against."""

from entrepairs.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bare_urls"
