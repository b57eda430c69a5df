"""A VTIMEZONE in the compact form calendar programs read best: one STANDARD and one
DAYLIGHT rule with a yearly RRULE, as Outlook and Google write them.

icalendar can build a VTIMEZONE from zoneinfo, but as long lists of RDATEs, which
several readers (dateutil, so vobject; older Outlook) take wrongly. The rule here comes
from the zone's transitions in the first year the calendar needs, and is used only if it
gives every transition of every year the calendar spans; otherwise (a zone whose rules
changed in between) the caller falls back to icalendar's own VTIMEZONE.
"""

from __future__ import annotations

import calendar as months
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def transitions(zone: ZoneInfo, year: int) -> list[tuple[dt.datetime, dt.timedelta,
                                                          dt.timedelta]]:
    """(UTC instant, offset before, offset after) for each change of offset in `year`."""
    found = []
    day = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC)
    while day < end:
        after = day + dt.timedelta(days=1)
        before_offset, after_offset = day.astimezone(zone).utcoffset(), \
            after.astimezone(zone).utcoffset()
        if before_offset != after_offset:
            low, high = day, after  # the change is in (low, high]: halve to the minute
            while high - low > dt.timedelta(minutes=1):
                mid = low + (high - low) / 2
                if mid.astimezone(zone).utcoffset() == before_offset:
                    low = mid
                else:
                    high = mid
            assert before_offset is not None and after_offset is not None
            found.append((high.replace(second=0, microsecond=0), before_offset, after_offset))
        day = after
    return found


def _rule(local: dt.datetime) -> tuple[str, str]:
    """The yearly rule that lands on this local day: the nth (or last) weekday of its month."""
    last = local.day + 7 > months.monthrange(local.year, local.month)[1]
    nth = -1 if last else (local.day - 1) // 7 + 1
    return f"{nth}{WEEKDAYS[local.weekday()]}", str(local.month)


def _fits(zone: ZoneInfo, rules: list[tuple[str, str, dt.time]], years: range) -> bool:
    for year in years:
        seen = []
        for instant, before, _after in transitions(zone, year):
            local = instant + before
            seen.append((*_rule(local), local.time()))
        if sorted(seen) != sorted(rules):
            return False
    return True


def vtimezone(name: str, first: dt.date, last: dt.date) -> Any | None:
    """The zone as a compact VTIMEZONE for dates from `first` to `last`, or None when no
    single yearly rule holds over those years."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    zone = ZoneInfo(name)
    start = first.year - 1  # observances begin before the first meeting, for every reader
    changes = transitions(zone, start)
    rules = []
    tz = Timezone()
    tz.add("tzid", name)
    if not changes:
        offset = dt.datetime(start, 1, 1, tzinfo=zone).utcoffset()
        part: Any = TimezoneStandard()
        part.add("dtstart", dt.datetime(1970, 1, 1))
        part.add("tzoffsetfrom", offset)
        part.add("tzoffsetto", offset)
        part.add("tzname", dt.datetime(start, 1, 1, tzinfo=zone).tzname() or name)
        tz.add_component(part)
    for instant, before, after in changes:
        local = instant + before  # the wall clock just before the change
        byday, bymonth = _rule(local)
        rules.append((byday, bymonth, local.time()))
        part = TimezoneDaylight() if after > before else TimezoneStandard()
        part.add("dtstart", local.replace(tzinfo=None))
        part.add("rrule", {"freq": "yearly", "bymonth": int(bymonth), "byday": byday})
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", after)
        part.add("tzname", (instant + dt.timedelta(minutes=1)).astimezone(zone).tzname())
        tz.add_component(part)
    if not _fits(zone, rules, range(start, last.year + 1)):
        return None
    return tz
