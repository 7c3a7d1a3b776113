"""The meetings API's date-times (``endDate``, ``startDate``; insights' ``createdAt``
bounds): how one is read, with its time and as RFC 3339 writes it (Whereby's ``format:
date-time``), UTC when it has no offset, and how one is shown, in UTC to the second as
Whereby's examples are (docs/api.md)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, ValidationError, ValidatorFunctionWrapHandler, WrapValidator

ISO_DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}")
"""How an ISO 8601 date-time of the API starts (``2025-05-07T17:42:49-05:00``): a date and
a time, since a date alone would be read as its first midnight, when a customer who sends
``2025-05-07`` as an endDate may well mean the day's end."""
DATE_TIME_FORMAT = ("must be an RFC 3339 date-time with its time, e.g. 2025-05-07T17:42:49Z or "
                    "2025-05-07T17:42:49-05:00 (UTC unless it has an offset, written Z or +hh:mm)")
"""Why endDate or startDate is refused when it is no date-time: Whereby's document gives
them as ``format: date-time``, RFC 3339 section 5.6's (``+00`` alone is ISO 8601's, not
RFC 3339's). Without an offset it is UTC, as Whereby's endDate says."""
MAX_UTC_OFFSET = dt.timedelta(hours=14)
"""The furthest any time zone is from UTC (Kiribati's +14:00; -12:00 the other way)."""


def utc_when_naive(value: dt.datetime) -> dt.datetime:
    # Whereby's endDate: "By default in UTC but a timezone can be specified".
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    offset = value.utcoffset()
    if offset is not None and abs(offset) > MAX_UTC_OFFSET:
        # ISO 8601 parsers take up to +-23:59; no zone is that far, and +23:59 for +02:00
        # would end the meeting most of a day early.
        raise ValueError("UTC offset beyond +-14:00 (no time zone is further)")
    try:
        # In UTC here, so that a date near year 1 or 9999 whose offset moves it out of
        # the years Python represents is a 400 naming the field, not an OverflowError
        # (a 500) where the handler compares it.
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError("out of range (years 1 to 9999 in UTC)") from None


def date_time_text(value: object, handler: ValidatorFunctionWrapHandler) -> dt.datetime:
    """``value`` read by pydantic if it is date-time text; else ValueError(DATE_TIME_FORMAT).

    Pydantic would read a number as a Unix time, and a string of digits too ("1796554800" as
    seconds, "1796554800000" as milliseconds): the API takes date-time text only, which
    starts with its date. Text it cannot read (an hour-only offset "+00", which RFC 3339 does
    not have, or February 30) it refused in its own words ("unexpected extra characters at
    the end of the input"): the format is named instead.
    """
    if not (isinstance(value, str) and ISO_DATE_TIME.match(value)):
        raise ValueError(DATE_TIME_FORMAT)
    try:
        return handler(value)
    except ValidationError as exc:
        if any(error["type"].startswith("datetime_") for error in exc.errors()):
            raise ValueError(DATE_TIME_FORMAT) from None
        raise


def whereby_date_time(value: dt.datetime) -> str:
    """``value`` (aware) as Whereby's meetings show a date-time, in UTC to the second:
    ``2025-05-12T16:42:49Z`` (its ``Meeting`` example). A fraction of a second is dropped, as
    at creation (``signaling.api.create_meeting``), so the meeting keeps what it shows."""
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


UtcByDefault = Annotated[dt.datetime, AfterValidator(utc_when_naive),
                         WrapValidator(date_time_text)]
"""Date-time text (:func:`date_time_text`); one without an offset is UTC (Whereby's
``endDate``)."""
