"""Calendar reasoning for the dates annotator: what a mention means, given the present.

A date is handled as ``Parts`` — ``(year, month, day)`` with ``None`` for what
is not known — and written out as an ISO string of year, month or day
precision.  Nothing here guesses: a mention whose meaning needs more of the
present than is known resolves to ``None``.

Conventions, the ones a careful reader of news and official texts applies:

- a date written without its year ("Nov. 5", "in June") is in the year of the
  present, unless its tense says otherwise: a future event in a month before
  the present one is next year's, a past event in a later month last year's;
- "on the 30th" is in the present month, or the next one when it is future
  and already past in this month, or the previous one when it is past and
  still to come;
- "last June" is the most recent June before the present month, "next June"
  the first one after it; "last week" is the Monday-to-Sunday week before
  the present one, given at the finest precision that holds all of it;
- a bare weekday is the nearest such day before the present, or after it
  when the sentence speaks of the future.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from .text import Mention

__all__ = ["Parts", "add_amount", "common", "iso", "parse_iso", "resolve", "years_fitting"]

Parts = tuple  # (year | None, month | None, day | None)


def iso(parts: Parts) -> str | None:
    """``(2024, 10, None)`` → ``"2024-10"``; ``None`` without a year or if invalid."""
    year, month, day = (tuple(parts) + (None, None, None))[:3]
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_iso(text: str) -> Parts:
    """``"2024-10"`` → ``(2024, 10, None)``."""
    numbers = [int(p) for p in text.split("-")]
    return tuple(numbers + [None] * (3 - len(numbers)))


def _interval(first: dt.date, last: dt.date) -> str | None:
    """The finest ISO date holding every day from ``first`` to ``last``."""
    if first == last:
        return first.isoformat()
    if (first.year, first.month) == (last.year, last.month):
        return first.isoformat()[:7]
    return str(first.year) if first.year == last.year else None


def common(candidates: list[Parts]) -> tuple[Parts, bool]:
    """Merge partial dates field by field; stop at the first field they disagree on.

    Returns the merged parts and whether any disagreement was found.
    """
    out: list = []
    for i in range(3):
        values = {c[i] for c in candidates if c[i] is not None}
        if len(values) > 1:
            return tuple(out + [None] * (3 - len(out))), True
        out.append(values.pop() if values else None)
    return tuple(out), False


def truncate(parts: Parts) -> Parts:
    """Drop everything after the first unknown field."""
    out: list = []
    for value in parts:
        if value is None:
            break
        out.append(value)
    return tuple(out + [None] * (3 - len(out)))


def add_amount(
    anchor: Parts, amount: tuple[tuple[str, int], ...], keep: bool = False
) -> Parts | None:
    """``anchor`` plus an elapsed amount, at the precision both allow; with
    ``keep``, whole years or months keep the anchor's finer fields ("one year
    after January 2024" is January 2025, for an anniversary)."""
    year, month, day = anchor
    units = dict(amount)
    if year is None:
        return None
    if keep and not (units.keys() - {"year", "month"}):
        total = year * 12 + (month or 1) - 1 + 12 * units.get("year", 0) + units.get("month", 0)
        if month is None:
            return None if units.get("month") else (total // 12, None, None)
        moved = (total // 12, total % 12 + 1, day)
        return moved if iso(moved) else (moved[0], moved[1], None)
    if units.get("day") or units.get("week"):
        if day is None:
            return None
        delta = relativedelta(years=units.get("year", 0), months=units.get("month", 0))
        moved = dt.date(year, month, day) + delta
        moved += dt.timedelta(days=units.get("day", 0) + 7 * units.get("week", 0))
        return moved.year, moved.month, moved.day
    if units.get("month"):
        if month is None:
            return None
        total = year * 12 + month - 1 + 12 * units.get("year", 0) + units["month"]
        return total // 12, total % 12 + 1, None
    return year + units.get("year", 0), None, None


def _first_day(parts: Parts) -> tuple[int, int, int]:
    return parts[0], parts[1] or 1, parts[2] or 1


def _last_day(parts: Parts) -> tuple[int, int, int]:
    return parts[0], parts[1] or 12, parts[2] or 31


def years_fitting(
    month: int,
    day: int | None,
    weekday: int | None,
    after: list[Parts],
    before: list[Parts],
    span: tuple[int, int] = (1900, 2099),
) -> list[int]:
    """The years in ``span`` in which ``day`` ``month`` can be the present.

    The date must exist, fall on ``weekday`` (Monday = 0) when one is given,
    come no earlier than any of ``after`` (events the text puts in the past)
    and no later than any of ``before`` (events it puts in the future).
    """
    years = []
    for year in range(span[0], span[1] + 1):
        if day is not None and iso((year, month, day)) is None:
            continue
        if weekday is not None and (day is None or dt.date(year, month, day).weekday() != weekday):
            continue
        earliest, latest = _first_day((year, month, day)), _last_day((year, month, day))
        if all(latest >= _first_day(p) for p in after) and all(
            earliest <= _last_day(p) for p in before
        ):
            years.append(year)
    return years


# ------------------------------------------------------------------ resolving


def _year_for(m: Mention, present: Parts) -> int:
    """The year of a date written without one (see the module docstring)."""
    year, month = present[0], present[1]
    if month is None or m.month is None:
        return year
    if m.tense == "future" and m.month < month:
        return year + 1
    if m.tense == "past" and m.month > month:
        return year - 1
    return year


def _date(m: Mention, present: Parts | None) -> str | None:
    if m.year is not None:
        return iso((m.year, m.month, m.day))
    if present is None or m.month is None:
        return None
    return iso((_year_for(m, present), m.month, m.day))


def _day(m: Mention, present: Parts | None) -> str | None:
    if present is None or present[1] is None:
        return None
    year, month, today = present
    shift = 0
    if today is not None and m.tense == "future" and m.day < today:
        shift = 1
    elif today is not None and m.tense == "past" and m.day > today:
        shift = -1
    total = year * 12 + month - 1 + shift
    return iso((total // 12, total % 12 + 1, m.day))


def _today(present: Parts | None) -> dt.date | None:
    if present is None or None in present:
        return None
    return dt.date(*present)


def _relative_day(m: Mention, present: Parts | None) -> str | None:
    today = _today(present)
    return None if today is None else (today + dt.timedelta(days=m.shift)).isoformat()


def _shifted_period(m: Mention, present: Parts) -> str | None:
    """The year or month ``m.shift`` units away, when the unit is a year or a month."""
    if m.unit == "year":
        return iso((present[0] + m.shift, None, None))
    if m.unit == "month" and present[1] is not None:
        total = present[0] * 12 + present[1] - 1 + m.shift
        return iso((total // 12, total % 12 + 1, None))
    return None


def _relative_unit(m: Mention, present: Parts | None) -> str | None:
    if present is None:
        return None
    period = _shifted_period(m, present)
    if period is not None:
        return period
    today = _today(present)
    if m.unit != "week" or today is None:
        return None
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=m.shift)
    return _interval(monday, monday + dt.timedelta(days=6))


def _relative_month(m: Mention, present: Parts | None) -> str | None:
    if present is None or (m.shift and present[1] is None):
        return None
    year, month = present[0], present[1]
    if m.shift < 0:
        year = year if m.month < month else year - 1
    elif m.shift > 0:
        year = year if m.month > month else year + 1
    return iso((year, m.month, None))


def _weekday(m: Mention, present: Parts | None) -> str | None:
    today = _today(present)
    if today is None:
        return None
    ahead = (m.day - today.weekday()) % 7
    back = (today.weekday() - m.day) % 7
    if m.shift > 0 or (m.shift == 0 and m.tense == "future"):
        return (today + dt.timedelta(days=ahead or 7 * m.shift)).isoformat()
    if m.shift == 0 and back == 0:
        return today.isoformat()
    return (today - dt.timedelta(days=back or 7)).isoformat()


def _ago(m: Mention, present: Parts | None) -> str | None:
    if present is None:
        return None
    period = _shifted_period(m, present)
    if period is not None:
        return period
    today = _today(present)
    if today is None:
        return None
    if m.unit == "day":
        return (today + dt.timedelta(days=m.shift)).isoformat()
    centre = today + dt.timedelta(weeks=m.shift)
    return _interval(centre - dt.timedelta(days=3), centre + dt.timedelta(days=3))


RESOLVERS = {
    "date": _date,
    "day": _day,
    "relative-day": _relative_day,
    "relative-unit": _relative_unit,
    "relative-month": _relative_month,
    "weekday": _weekday,
    "ago": _ago,
}


def resolve(m: Mention, present: Parts | None) -> str | None:
    """The ISO date ``m`` stands for when the text's present is ``present``."""
    return RESOLVERS[m.kind](m, present)
