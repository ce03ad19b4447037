"""The build's one "now": aware of its time zone, to the minute, pinned by SOURCE_DATE_EPOCH.

Every rule that depends on the date or time asks this module, so one build sees one
moment: which key dates are past today, and (as the programme grows phases) whether
entries are open. UK programmes live in UK time, so that is the default zone.
"""

from __future__ import annotations

import datetime
import os
import re
from zoneinfo import ZoneInfo

UK = "Europe/London"
LATEST = datetime.datetime(2200, 1, 1, tzinfo=datetime.timezone.utc)  # dates in content stop before 2200


def now(zone: str = UK) -> datetime.datetime:
    """Now in `zone`, to the minute; SOURCE_DATE_EPOCH (seconds since 1970) pins it."""
    return _instant().astimezone(ZoneInfo(zone)).replace(second=0, microsecond=0)


def today(zone: str = UK) -> datetime.date:
    """Today's date in `zone` (a UK programme's day turns at UK midnight, in summer time too)."""
    return now(zone).date()


def _instant() -> datetime.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.datetime.now(datetime.timezone.utc)
    latest = int(LATEST.timestamp()) - 1
    if not re.fullmatch(r"[0-9]{1,12}", epoch) or int(epoch) > latest:
        raise ValueError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, up to {latest} "
                         f"(the end of {LATEST.year - 1}), not `{epoch[:40]}`")
    return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
