"""Settings for benchmarks: Frontdoor's own, plus a bare view to compare against."""

from frontdoor.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
