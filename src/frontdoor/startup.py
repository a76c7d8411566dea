"""Start-up for every entry point: a wrong setting stops us with one sentence, not a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import NoReturn, TypeVar

T = TypeVar("T")


def _stop(sentence: str) -> NoReturn:
    print(f"Frontdoor cannot start: {sentence}", file=sys.stderr)
    raise SystemExit(2)


def guarded(start: Callable[[], T]) -> T:
    """Run `start`, turning configuration and database-connection errors into one sentence."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.db.utils import OperationalError

    from frontdoor import environment

    try:
        return start()
    except environment.ConfigurationError as error:
        _stop(str(error))
    except ImproperlyConfigured as error:
        _stop(f"{error}.")
    except OperationalError as error:
        if _database_reachable():
            raise  # a real error in a working database, not a wrong DATABASE_URL
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        url = environment.redact(environment.value("DATABASE_URL"))
        _stop(
            f"the database at DATABASE_URL={url} cannot be reached ({reason}); start that "
            "server or set DATABASE_URL to one that is running."
        )


def _database_reachable() -> bool:
    from django.db import connection
    from django.db.utils import OperationalError

    try:
        connection.ensure_connection()
    except OperationalError:
        return False
    return True


def manage(argv: list[str]) -> None:
    from django.core.management import execute_from_command_line

    guarded(lambda: execute_from_command_line(argv))
