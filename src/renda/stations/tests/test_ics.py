"""A station's reception days as an iCalendar file, read back as calendar apps would read it."""

import datetime
import re
import zoneinfo
from decimal import Decimal

import icalendar
import pytest
from dateutil.rrule import rrulestr
from freezegun import freeze_time

from renda.stations import reception
from renda.stations.ics import TZID, reception_calendar
from renda.stations.models import Station

URL = "https://renda.example.cn/stations/7/"
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def station(**fields) -> Station:
    values = {
        "pk": 7,
        "name": "昌元街道人大代表之家",
        "address": "重庆市荣昌区昌元街道海棠大道1号",
        "phone": "023-46731234",
        "reception_rule": "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20",
        "reception_anchor": datetime.date(2024, 1, 25),
        "reception_start_time": datetime.time(9, 0),
        "reception_end_time": datetime.time(11, 30),
    }
    values.update(fields)
    return Station(**values)


def parse(data: bytes) -> icalendar.Calendar:
    calendar = icalendar.Calendar.from_ical(data)
    calendar.validate()
    return calendar


def test_calendar_has_prodid_version_timezone_and_one_event():
    calendar = parse(reception_calendar(station(), URL))
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert calendar["METHOD"] == "PUBLISH"
    [tz] = calendar.timezones
    assert tz["TZID"] == TZID
    [event] = calendar.events
    assert event["UID"] == "station-7-reception@renda"
    assert event["SUMMARY"] == "昌元街道人大代表之家 代表接待日"
    assert event["LOCATION"] == "重庆市荣昌区昌元街道海棠大道1号"
    assert event["URL"] == URL
    assert "023-46731234" in event["DESCRIPTION"]
    assert event["TRANSP"] == "TRANSPARENT"
    assert event.decoded("DTSTAMP").tzinfo is not None


def test_event_starts_on_the_first_reception_day_after_the_anchor_in_shanghai_time():
    """The anchor 25 January is past that month's 20th; every second month from January gives
    20 March, and DTSTART must be that day so the phase matches the station's own dates."""
    data = reception_calendar(station(), URL)
    assert re.search(rb"^DTSTART;TZID=Asia/Shanghai:20240320T090000\r$", data, re.M)
    assert re.search(rb"^DTEND;TZID=Asia/Shanghai:20240320T113000\r$", data, re.M)
    assert re.search(rb"^RRULE:FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20\r$", data, re.M)
    [event] = parse(data).events
    assert event.decoded("DTSTART") == datetime.datetime(2024, 3, 20, 9, 0, tzinfo=SHANGHAI)
    assert event.decoded("DTEND") == datetime.datetime(2024, 3, 20, 11, 30, tzinfo=SHANGHAI)


def test_event_starts_on_the_anchor_when_the_anchor_is_a_reception_day():
    [event] = parse(
        reception_calendar(station(reception_anchor=datetime.date(2024, 1, 20)), URL)
    ).events
    assert event.decoded("DTSTART").date() == datetime.date(2024, 1, 20)


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=MONTHLY;BYMONTHDAY=15",
        "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20",
        "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=31",
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "FREQ=MONTHLY;BYDAY=1MO",
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR",
        "FREQ=WEEKLY;BYDAY=WE",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
    ],
)
@pytest.mark.parametrize("anchor", [datetime.date(2024, 1, 1), datetime.date(2024, 5, 23)])
def test_calendar_apps_get_the_dates_the_station_shows(rule, anchor):
    """What a calendar app expands from DTSTART and RRULE equals `reception.next_dates`."""
    data = reception_calendar(station(reception_rule=rule, reception_anchor=anchor), URL)
    # Read the raw lines the way a client does: dateutil expands DTSTART;TZID + RRULE itself.
    text = data.decode()
    lines = [line for line in text.split("\r\n") if line.startswith(("DTSTART;TZID=", "RRULE:"))]
    occurrences = rrulestr("\n".join(lines), tzinfos={TZID: SHANGHAI})
    from_ics = [moment.date() for moment in occurrences[:12]]
    assert from_ics == reception.next_dates(rule, anchor, count=12, after=anchor)
    later = datetime.date(2026, 7, 1)
    expected_later = reception.next_dates(rule, anchor, count=5, after=later)
    moments = occurrences.xafter(datetime.datetime(2026, 7, 1, tzinfo=SHANGHAI), count=5, inc=True)
    assert [m.date() for m in moments] == expected_later
    assert all(m.timetz() == datetime.time(9, 0, tzinfo=SHANGHAI) for m in occurrences[:12])


def test_station_without_a_rule_gives_a_valid_calendar_with_no_events():
    calendar = parse(reception_calendar(station(reception_rule=""), URL))
    assert calendar.events == []
    assert calendar["VERSION"] == "2.0"


def test_closed_station_gives_no_events():
    assert parse(reception_calendar(station(active=False), URL)).events == []


def test_lower_case_rule_is_written_in_upper_case():
    data = reception_calendar(station(reception_rule="freq=monthly;bymonthday=15"), URL)
    assert b"RRULE:FREQ=MONTHLY;BYMONTHDAY=15\r\n" in data


def test_location_on_the_map_when_known():
    data = reception_calendar(
        station(latitude=Decimal("29.404500"), longitude=Decimal("105.594100")), URL
    )
    [event] = parse(data).events
    assert (event["GEO"].latitude, event["GEO"].longitude) == (29.4045, 105.5941)


@freeze_time("2025-03-01 08:00:00")
def test_dtstamp_is_the_time_of_writing_in_utc():
    data = reception_calendar(station(), URL)
    assert b"DTSTAMP:20250301T080000Z\r\n" in data
