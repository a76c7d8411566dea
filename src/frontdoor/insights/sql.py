"""SQL expressions the measures share, written once for SQLite and PostgreSQL."""

from __future__ import annotations

import datetime

from django.db.models import Case, FloatField, Func, IntegerField, Value, When


def bucket(field: str, starts: list[datetime.datetime], first: int = 0):
    """Which week or month (0, 1, ...) a row's `field` falls in, computed by the database.

    The boundaries are London midnights worked out in Python, so both databases bucket
    exactly alike, with no time zone functions and no per-row Python. The CASE is nested
    as a binary search: five comparisons a row for 24 months, not up to 23.
    """
    if len(starts) == 1:
        return Value(first, output_field=IntegerField())
    middle = len(starts) // 2
    return Case(
        When(
            **{f"{field}__lt": starts[middle]},
            then=bucket(field, starts[:middle], first),
        ),
        default=bucket(field, starts[middle:], first + middle),
        output_field=IntegerField(),
    )


class DaysBetween(Func):
    """Days (with fractions) from one datetime column to another."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        start, start_params = compiler.compile(self.source_expressions[0])
        end, end_params = compiler.compile(self.source_expressions[1])
        if connection.vendor == "sqlite":
            return f"(julianday({end}) - julianday({start}))", (*end_params, *start_params)
        return (
            f"(CAST(EXTRACT(EPOCH FROM ({end} - {start})) AS double precision) / 86400.0)",
            (*end_params, *start_params),
        )
