"""The day a file's path names: ``nyt_2016-10-02_story.txt``, ``2016/10/02/story.html``,
``APW19980807.0261.txt``.

Why: news archives and scrapers file articles under their day far more often than they write
it into the text, and an article whose text states no date of its own stays undated (the
extractors never guess from the clock): its "yesterday" and "on Thursday" stay unresolved and it
drops out of every date range. The path is the archive's own statement of the day, so it is
taken when the article states none (``explorer.extract.pipeline.pubdate`` decides where it
ranks among the text's evidence).

Only a whole day counts, written year first (the order archives sort by): four digits of a
year from 1900 to 2099, then month and day, joined by ``-``, ``_`` or ``.``, or run together
(eight digits, not part of a longer number), or as three folders ``YYYY/MM/DD``. Month first
or day first ("10-02-2016") is ambiguous between conventions and is not read. Where a path
holds several days, the one nearest the file name wins (a file ``2016-10-03.txt`` in a folder
``2016-10-02``).
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["date_in_path"]

_YEAR = r"(?P<y>(?:19|20)\d\d)"
_DAY_IN_PATH = re.compile(
    # 2016-10-02, 2016_10_02, 2016.10.02 (one separator throughout)
    rf"(?<![\d])(?:{_YEAR}(?P<sep>[-_.])(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)"
    # 20161002, not inside a longer run of digits
    r"|(?P<y2>(?:19|20)\d\d)(?P<m2>[01]\d)(?P<d2>[0-3]\d)"
    # 2016/10/02/ (folders; the day may be the last one before the file)
    r"|(?P<y3>(?:19|20)\d\d)/(?P<m3>[01]?\d)/(?P<d3>[0-3]?\d)(?=/))"
    r"(?![\d])"
)


def date_in_path(rel: str) -> str | None:
    """The day (ISO ``YYYY-MM-DD``) the relative path ``rel`` names, or None.

    >>> date_in_path("nyt/nyt_2016-10-02_a-curious-plan.txt")
    '2016-10-02'
    >>> date_in_path("2016/10/02/story.html")
    '2016-10-02'
    >>> date_in_path("APW19980807.0261.txt")
    '1998-08-07'
    >>> date_in_path("reut-0012345.txt") is None
    True
    """
    found: str | None = None
    for m in _DAY_IN_PATH.finditer(rel.replace("\\", "/")):
        y = m.group("y") or m.group("y2") or m.group("y3")
        mo = m.group("m") or m.group("m2") or m.group("m3")
        d = m.group("d") or m.group("d2") or m.group("d3")
        try:
            found = date(int(y), int(mo), int(d)).isoformat()
        except ValueError:
            continue  # "20161340": digits, not a day
    return found
