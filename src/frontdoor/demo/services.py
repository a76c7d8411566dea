"""Load and reset the demo council. Refuses in production mode."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import transaction


def _refuse_in_production() -> None:
    if settings.IN_PRODUCTION:
        raise ImproperlyConfigured("demo data is never loaded in production mode")


def demo_steps():
    """Each capability's demo module (`frontdoor/demo/<app label>.py`), in INSTALLED_APPS
    order so that an app's demo data can rely on the apps before it."""
    steps = []
    for config in apps.get_app_configs():
        if not config.name.startswith("frontdoor."):
            continue
        try:
            module = importlib.import_module(f"frontdoor.demo.{config.label}")
        except ModuleNotFoundError as error:
            if error.name != f"frontdoor.demo.{config.label}":
                raise
            continue
        steps.append(module.create)
    return steps


def demo_is_needed() -> bool:
    """True when the database holds no people yet: a fresh install."""
    return not get_user_model().objects.exists()


@transaction.atomic
def demo_load() -> None:
    """Make the whole demo council in one transaction: all of it or none of it."""
    _refuse_in_production()
    for step in demo_steps():
        step()


def demo_reset() -> None:
    """Empty every table, then load the demo council again."""
    _refuse_in_production()
    call_command("flush", interactive=False, verbosity=0)
    demo_load()
