"""A station's reception days as an iCalendar (RFC 5545) file to import or subscribe to.

One recurring event per station carries the station's own rule, so a phone calendar shows every
future reception day and follows a changed rule the next time a subscription refreshes. The words
are Chinese, as the notice on the station's wall reads; calendar apps put the recurrence into the
reader's own language themselves.
"""

import datetime
import zoneinfo

import icalendar
from django.utils import timezone

from renda.stations import reception

TZID = "Asia/Shanghai"
PRODID = "-//renda//station reception days//ZH"
SUMMARY = "{name} 代表接待日"
CALENDAR_NAME = "{name} 代表接待日"
DESCRIPTION_TIME = "人大代表在此接待群众，{start}—{end}。"
DESCRIPTION_ADDRESS = "地址：{address}"
DESCRIPTION_PHONE = "电话：{phone}"
# Subscribers fetch again once a day, so a changed rule reaches their phones the next day.
REFRESH = datetime.timedelta(days=1)


def _vtimezone() -> icalendar.Timezone:
    """Asia/Shanghai, UTC+8 without daylight saving since 1991.

    Written out rather than generated from the tz database: icalendar's generator stops at a
    fixed year and says so in a COMMENT, while a reception rule has no end.
    """
    standard = icalendar.TimezoneStandard()
    standard.add("dtstart", datetime.datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", datetime.timedelta(hours=8))
    standard.add("tzoffsetto", datetime.timedelta(hours=8))
    standard.add("tzname", "CST")
    tz = icalendar.Timezone()
    tz.add("tzid", TZID)
    tz.add_component(standard)
    return tz


def station_uid(station) -> str:
    """The event's UID; stable, so a re-import updates the event instead of duplicating it."""
    return f"station-{station.pk}-reception@renda"


def _reception_event(station, url: str) -> icalendar.Event | None:
    """The station's recurring reception event, or None when it holds no reception days."""
    if not station.reception_rule or not station.active:
        return None
    rule = station.reception_rule.strip().upper()
    # DTSTART must be an occurrence itself (RFC 5545 counts it as the first one) and fixes the
    # phase of "every second month", so it is the first reception day on or after the anchor.
    first = reception.next_dates(
        rule, station.reception_anchor, count=1, after=station.reception_anchor
    )
    if not first:
        return None
    tz = zoneinfo.ZoneInfo(TZID)
    start = datetime.datetime.combine(first[0], station.reception_start_time, tzinfo=tz)
    end = datetime.datetime.combine(first[0], station.reception_end_time, tzinfo=tz)

    lines = [
        DESCRIPTION_TIME.format(
            start=station.reception_start_time.strftime("%H:%M"),
            end=station.reception_end_time.strftime("%H:%M"),
        ),
        DESCRIPTION_ADDRESS.format(address=station.address),
    ]
    if station.phone:
        lines.append(DESCRIPTION_PHONE.format(phone=station.phone))
    if url:
        lines.append(url)

    event = icalendar.Event()
    event.add("uid", station_uid(station))
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("rrule", icalendar.vRecur.from_ical(rule))
    event.add("summary", SUMMARY.format(name=station.name))
    event.add("location", station.address)
    event.add("description", "\n".join(lines))
    if url:
        event.add("url", url)
    if station.latitude is not None and station.longitude is not None:
        event.add("geo", (float(station.latitude), float(station.longitude)))
    # A public reception day should not mark the subscriber as busy.
    event.add("transp", "TRANSPARENT")
    return event


def reception_calendar(station, url: str) -> bytes:
    """The station's reception days as an .ics file; no events if it has no rule or is closed.

    `url` is the station's public page, linked from the event.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # PUBLISH: a published schedule, not an invitation to accept or decline.
    calendar.add("method", "PUBLISH")
    name = CALENDAR_NAME.format(name=station.name)
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)  # the name Apple and Google calendars show
    calendar.add("x-wr-timezone", TZID)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add(
        "x-published-ttl", icalendar.vDuration(REFRESH)
    )  # Outlook's spelling of the refresh interval
    # RFC 5545 wants at least one component in a calendar, so the time zone is there even when
    # there is no event to use it.
    calendar.add_component(_vtimezone())
    event = _reception_event(station, url)
    if event is not None:
        calendar.add_component(event)
    return calendar.to_ical()
