"""Service level targets in working days: Monday to Friday, not bank holidays in England
and Wales, counted in Europe/London."""

from __future__ import annotations

import datetime
from functools import cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")


@cache
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    # England and Wales share one list of bank holidays; "ENG" is that list.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def due_at(received: datetime.datetime, working_days: int) -> datetime.datetime:
    """The end (23:59:59 in London) of the Nth working day after the one it arrived on.

    Zero means by the end of the day it arrived (or the next working day, if it arrived on
    a weekend or bank holiday).
    """
    day = received.astimezone(LONDON).date()
    if not is_working_day(day):
        working_days = max(working_days, 1)
    counted = 0
    while counted < working_days:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=LONDON)
