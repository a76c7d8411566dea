"""Opening times from HSDS schedules (RFC 5545 recurrence rules): the next time a service
opens, and the same rules in words a resident reads. Times are local (Europe/London)."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

from dateutil import rrule

LONDON = ZoneInfo("Europe/London")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = dict(zip(DAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                            "Sunday"), strict=True))  # fmt: skip
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
_BYDAY = re.compile(r"^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$")
_RRULE_DAYS = dict(zip(DAYS, (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA,
                              rrule.SU), strict=True))  # fmt: skip


def _days(byday: str) -> list[tuple[int | None, str]]:
    out = []
    for part in (byday or "").replace(" ", "").upper().split(","):
        match = _BYDAY.match(part)
        if match:
            out.append((int(match.group(1)) if match.group(1) else None, match.group(2)))
    return out


def _rule(schedule, start: datetime.datetime):
    if not schedule.opens_at or schedule.freq not in ("WEEKLY", "MONTHLY"):
        return None
    days = _days(schedule.byday)
    weekdays = [_RRULE_DAYS[d](n) if n else _RRULE_DAYS[d] for n, d in days] or None
    kwargs = {}
    if schedule.bymonthday:
        try:
            kwargs["bymonthday"] = [int(x) for x in schedule.bymonthday.split(",") if x.strip()]
        except ValueError:
            return None
    if not weekdays and not kwargs:
        return None
    return rrule.rrule(
        rrule.WEEKLY if schedule.freq == "WEEKLY" else rrule.MONTHLY,
        interval=schedule.interval or 1,
        byweekday=weekdays,
        byhour=schedule.opens_at.hour,
        byminute=schedule.opens_at.minute,
        bysecond=0,
        dtstart=start,
        until=datetime.datetime.combine(schedule.valid_to or schedule.until, datetime.time.max)
        if (schedule.valid_to or schedule.until)
        else None,
    )


def _local(now: datetime.datetime) -> datetime.datetime:
    return now.astimezone(LONDON).replace(tzinfo=None)


def is_open(schedules, now: datetime.datetime) -> bool:
    here = _local(now)
    for schedule in schedules:
        if not (schedule.opens_at and schedule.closes_at):
            continue
        opened = datetime.datetime.combine(here.date(), schedule.opens_at)
        rule = _rule(schedule, opened - datetime.timedelta(days=1))
        if rule is None:
            continue
        if schedule.valid_from and here.date() < schedule.valid_from:
            continue
        if rule.after(opened, inc=True) == opened and schedule.opens_at <= here.time() < (
            schedule.closes_at
        ):
            return True
    return False


def next_opening(schedules, now: datetime.datetime) -> datetime.datetime | None:
    """When the service next opens (or opened, if it is open now), in London time."""
    here = _local(now)
    found = []
    for schedule in schedules:
        start = max(
            here.replace(hour=0, minute=0, second=0, microsecond=0),
            datetime.datetime.combine(schedule.valid_from, datetime.time())
            if schedule.valid_from
            else here - datetime.timedelta(days=1),
        )
        if schedule.dtstart and schedule.interval and schedule.interval > 1:
            start = datetime.datetime.combine(schedule.dtstart, datetime.time())
        rule = _rule(schedule, start)
        if rule is None:
            continue
        closes = schedule.closes_at or datetime.time(23, 59)
        for when in rule.xafter(here - datetime.timedelta(days=1), count=10, inc=True):
            if datetime.datetime.combine(when.date(), closes) > here:
                found.append(when)
                break
    return min(found).replace(tzinfo=LONDON) if found else None


def _time(value: datetime.time) -> str:
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value == datetime.time(12, 0):
        return "midday"
    return f"{hour}{suffix}" if not value.minute else f"{hour}:{value.minute:02d}{suffix}"


def describe(schedule) -> str:
    """A schedule in words: "Mondays and Thursdays, 9am to 5pm"."""
    days = _days(schedule.byday)
    names = []
    for n, day in days:
        names.append(
            f"{ORDINALS.get(n, str(n))} {DAY_NAMES[day]} of the month"
            if n
            else (DAY_NAMES[day] + "s")
        )
    if len(names) > 1:
        when = ", ".join(names[:-1]) + " and " + names[-1]
    elif names:
        when = names[0]
    else:
        when = schedule.description or "Opening times vary"
    when = when[:1].upper() + when[1:]
    if schedule.freq == "WEEKLY" and (schedule.interval or 1) > 1:
        when = f"Every {schedule.interval} weeks: {when}"
    if schedule.opens_at and schedule.closes_at:
        return f"{when}, {_time(schedule.opens_at)} to {_time(schedule.closes_at)}"
    return when


def when_text(moment: datetime.datetime | None, now: datetime.datetime) -> str:
    """ "Open now", "Today at 2pm", "Tomorrow at 9am", "Monday 3 March at 10am"."""
    if moment is None:
        return ""
    here = now.astimezone(LONDON)
    if moment <= here:
        return "Open now"
    if moment.date() == here.date():
        return f"Today at {_time(moment.time())}"
    if moment.date() == here.date() + datetime.timedelta(days=1):
        return f"Tomorrow at {_time(moment.time())}"
    return f"{moment:%A} {moment.day} {moment:%B} at {_time(moment.time())}"
