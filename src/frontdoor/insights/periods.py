"""The periods a measure is shown over, and the weeks or months inside each.

Weeks run Monday to Sunday and months are calendar months, both in Europe/London, so a
figure for "March" means what a council officer means by March.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
WEEK, MONTH = "week", "month"


@dataclass(frozen=True)
class Period:
    code: str
    label: str
    grain: str
    count: int


PERIODS: dict[str, Period] = {
    p.code: p
    for p in (
        Period("12-weeks", "Last 12 weeks, week by week", WEEK, 12),
        Period("26-weeks", "Last 26 weeks, week by week", WEEK, 26),
        Period("12-months", "Last 12 months, month by month", MONTH, 12),
        Period("24-months", "Last 24 months, month by month", MONTH, 24),
    )
}
DEFAULT_PERIOD = "12-months"


@dataclass(frozen=True)
class Bucket:
    """One week or month of a series: [start, end) as aware datetimes."""

    start: datetime.datetime
    end: datetime.datetime
    label: str
    short_label: str


@dataclass(frozen=True)
class Filters:
    """What the dashboard was asked for: a period ending today, and optionally one case
    type and one ward."""

    period: Period
    buckets: tuple[Bucket, ...]
    case_type: str = ""
    ward: str = ""

    @property
    def since(self) -> datetime.datetime:
        return self.buckets[0].start

    @property
    def until(self) -> datetime.datetime:
        return self.buckets[-1].end

    @property
    def starts(self) -> list[datetime.datetime]:
        return [bucket.start for bucket in self.buckets]


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=LONDON)


def _month_start(day: datetime.date, back: int) -> datetime.date:
    months = day.year * 12 + day.month - 1 - back
    return datetime.date(months // 12, months % 12 + 1, 1)


def buckets_of(period: Period, *, today: datetime.date) -> tuple[Bucket, ...]:
    """The weeks or months of a period, oldest first; the last one holds today."""
    if period.grain == WEEK:
        monday = today - datetime.timedelta(days=today.weekday())
        starts = [monday - datetime.timedelta(weeks=n) for n in range(period.count - 1, -1, -1)]
        ends = [*starts[1:], monday + datetime.timedelta(weeks=1)]
        return tuple(
            Bucket(
                _midnight(start),
                _midnight(end),
                f"Week beginning {start.day} {start:%B %Y}",
                f"{start.day} {start:%b}",
            )
            for start, end in zip(starts, ends, strict=True)
        )
    starts = [_month_start(today, back) for back in range(period.count - 1, -1, -1)]
    ends = [*starts[1:], _month_start(today, -1)]
    return tuple(
        Bucket(_midnight(start), _midnight(end), f"{start:%B %Y}", f"{start:%b %y}")
        for start, end in zip(starts, ends, strict=True)
    )


def filters_for(
    *, period: str = DEFAULT_PERIOD, case_type: str = "", ward: str = "", today=None
) -> Filters:
    chosen = PERIODS[period]
    day = today or datetime.datetime.now(tz=LONDON).date()
    return Filters(chosen, buckets_of(chosen, today=day), case_type, ward)
