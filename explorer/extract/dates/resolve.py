"""Resolution: a candidate's TIMEX3 value, from the article's date and what the text said before.

``Resolver`` holds one document's state (the article date, its sentences, the last date the text
put the reader at); each ``read_<rule>`` method turns a candidate of that rule into
``(type, value, precision)``, or None to drop it. Where the text leaves a choice, the reading a
news reader would make is taken (see the package docstring).
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from explorer.extract.dates.accept import prev_word
from explorer.extract.dates.patterns import (
    _AUX_BEFORE,
    _CLAUSE_END,
    _FUTURE,
    _PAST,
    _R_MDY,
    _REPORTING,
)
from explorer.extract.timex_lex import (
    DECADE_WORDS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    TIME_UNITS,
    UNITS,
    WEEKDAYS,
    number_value,
)
from explorer.model import Sentence
from explorer.timex import SEASON_MONTHS, iso_day, safe_date, start_date

Resolution = tuple[str, str | None, str | None]  # (TIMEX3 type, value, precision)
# "the third quarter", "the second half"
_ORDINAL_PART = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
                 "4th": 4}  # fmt: skip


@dataclass(slots=True)
class Candidate:
    """A match of a rule that its check accepted: the span, the rule, the regex match."""

    start: int
    end: int
    kind: str
    m: re.Match[str]
    prio: int


@dataclass(slots=True)
class Anchor:
    """The last date the text put the reader at, for "three days later" and "the next day"."""

    day: date
    precision: str
    pos: int


class Resolver:
    """Resolution state for one document: the article date, the sentence index, the anchor."""

    __slots__ = ("text", "sentences", "starts", "dct", "anchor", "day_anchor")

    def __init__(self, text: str, sentences: list[Sentence], starts: list[int], dct: date | None):
        self.text = text
        self.sentences = sentences
        self.starts = starts
        self.dct = dct
        self.anchor: Anchor | None = None
        self.day_anchor: Anchor | None = None

    # -- context ---------------------------------------------------------------------------
    def _sentence_bounds(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        if 0 <= i < len(self.sentences) and self.sentences[i].end >= pos:
            return self.sentences[i].start, self.sentences[i].end
        lo = self.text.rfind("\n", 0, pos) + 1
        hi = self.text.find("\n", pos)
        return lo, len(self.text) if hi < 0 else hi

    def tense(self, start: int, end: int) -> str | None:
        """Future when the nearest verb marker before (else after) the expression is future."""
        s0, s1 = self._sentence_bounds(start)
        b0 = max(s0, start - 80)
        before = self.text[b0:start]
        fut = [m.end() for m in _FUTURE.finditer(before)]
        past = [
            m.end()
            for m in _PAST.finditer(before)
            if not _AUX_BEFORE.search(self.text, max(0, b0 + m.start() - 12), b0 + m.start())
        ]
        if fut or past:
            return "future" if (max(fut) if fut else -1) >= (max(past) if past else -1) else "past"
        after = self.text[end : min(s1, end + 40)]
        cut = _CLAUSE_END.search(after)
        if cut:
            after = after[: cut.start()]
        f = _FUTURE.search(after)
        # "... on Wednesday, an official said": the reporting verb is not the event's tense.
        p = next((p for p in _PAST.finditer(after) if not _REPORTING.match(after, p.start())), None)
        if f and (not p or f.start() < p.start()):
            return "future"
        if p:
            return "past"
        return None

    def _ref_day(self, day_level: bool = True) -> date | None:
        """The day the text last put the reader at; the article date when there is none."""
        a = self.day_anchor if day_level else self.anchor
        return a.day if a else self.dct

    # -- resolution ------------------------------------------------------------------------

    def read_iso(self, c: Candidate, g: dict) -> Resolution | None:
        d = safe_date(int(g["y"]), int(g["mo"]), int(g["d"]))
        if d is None:
            return None
        if g.get("h") is not None:
            return "TIME", f"{iso_day(d)}T{int(g['h']):02d}:{g['mi']}", "day"
        return "DATE", iso_day(d), "day"

    def read_numeric(self, c: Candidate, g: dict) -> Resolution | None:
        a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
        options = [d for d in (safe_date(y, b, a), safe_date(y, a, b)) if d is not None]
        if not options:
            return None
        if len(options) == 2 and options[0] != options[1] and self.dct is not None:
            options.sort(key=lambda d: abs((d - self.dct).days))
        elif len(options) == 2 and g["sep"] == "/":
            options.reverse()  # month-first is the common slash order in English news
        return "DATE", iso_day(options[0]), "day"

    def _nearest_sensible(self, options: list[date], c: Candidate, slack: int = 45) -> date:
        """The candidate nearest the article date, unless the tense rules its side out."""
        assert self.dct is not None
        # News mostly looks back: a future reading must be twice as close to win.
        options = sorted(
            options, key=lambda d: (d - self.dct).days * 2 if d > self.dct else (self.dct - d).days
        )
        best = options[0]
        tense = self.tense(c.start, c.end)
        if tense == "past" and (best - self.dct).days > slack:
            earlier = [d for d in options if (d - self.dct).days <= slack]
            best = max(earlier) if earlier else best
        elif tense == "future" and (self.dct - best).days > slack:
            later = [d for d in options if (self.dct - d).days <= slack]
            best = min(later) if later else best
        return best

    def _month_day(self, g: dict, c: Candidate) -> Resolution | None:
        month = MONTHS[g["mon"].lower().rstrip(".")]
        day = int(g["day"])
        if g.get("year"):
            y = int(g["year"])
            era = g.get("era")
            if era and era.upper().startswith("B"):
                return "DATE", None, "day"
            d = safe_date(y, month, day)
            return ("DATE", iso_day(d), "day") if d else None
        if self.dct is None:
            return "DATE", None, "day"
        options = [
            d
            for d in (
                safe_date(y, month, day)
                for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1)
            )
            if d is not None
        ]
        best = self._nearest_sensible(options, c) if options else None
        wdname = g.get("wd") or g.get("wda")
        if wdname and best is not None:
            # A weekday pins the year when the nearest one disagrees ("Friday, Aug. 13").
            wd = WEEKDAYS.get(wdname.lower().rstrip("."))
            if wd is not None and best.weekday() != wd:
                for y in (self.dct.year, self.dct.year - 1, self.dct.year + 1):
                    d = safe_date(y, month, day)
                    if d is not None and d.weekday() == wd:
                        best = d
                        break
        return ("DATE", iso_day(best), "day") if best else None

    def read_mdy(self, c: Candidate, g: dict) -> Resolution | None:
        return self._month_day(g, c)

    read_dmy = read_mdy

    def read_month(self, c: Candidate, g: dict) -> Resolution | None:
        month = MONTHS[g["mon"].lower().rstrip(".")]
        det = (g.get("det") or "").lower()
        if det in ("every", "each"):
            return "SET", f"XXXX-{month:02d}", "month"
        if g.get("year"):
            return "DATE", f"{int(g['year']):04d}-{month:02d}", "month"
        if self.dct is None:
            return "DATE", None, "month"
        if g.get("yrel"):
            y = self.dct.year + {"this": 0, "last": -1, "next": 1}[g["yrel"].lower()]
            return "DATE", f"{y:04d}-{month:02d}", "month"
        y = self.dct.year
        cur = self.dct.month
        if det in ("last", "this past", "the previous"):
            y = y if month < cur else y - 1
        elif det in ("next", "this coming", "the following"):
            y = y if month > cur else y + 1
        elif det == "this":
            pass
        else:
            opts = [date(yy, month, 15) for yy in (y - 1, y, y + 1)]
            y = self._nearest_sensible(opts, c, slack=20).year
        return "DATE", f"{y:04d}-{month:02d}", "month"

    def read_year(self, c: Candidate, g: dict) -> Resolution | None:
        y = int(g["year"])
        era = (g.get("era") or "").upper().replace(".", "")
        if era in ("BC", "BCE"):
            return "DATE", f"-{y:04d}", "year"
        mod = (g.get("mod") or "").lower()
        if "half" in mod or "two quarters" in mod:
            half = "H1" if "first" in mod else "H2"
            return "DATE", f"{y:04d}-{half}", "quarter"
        for season, code in SEASONS.items():
            if season in mod:
                return "DATE", f"{y:04d}-{code}", "season"
        return "DATE", f"{y:04d}", "year"

    def read_decade(self, c: Candidate, g: dict) -> Resolution | None:
        if g.get("dec"):
            if not 10 <= int(g["dec"][:2]) <= 21:
                return None  # "PC 6300s series": a model number, not the 6300s
            return "DATE", g["dec"][:3] + "X", "decade"
        if g.get("dec2"):
            tens = int(g["dec2"][0])
            century = 19
            if self.dct is not None and 2000 + tens * 10 <= self.dct.year:
                century = 20 if tens * 10 <= self.dct.year - 2000 and tens < 3 else 19
            return "DATE", f"{century}{tens}X", "decade"
        tens = DECADE_WORDS[g["decw"].lower()]
        return "DATE", f"19{tens}X", "decade"

    def read_century(self, c: Candidate, g: dict) -> Resolution | None:
        o = g["ord"].lower()
        n = (
            int(re.match(r"\d+", o).group())
            if o[0].isdigit()
            else ORDINALS.get(o.replace("-", " "), ORDINALS.get(o))
        )
        if not n:
            return None
        era = (g.get("era") or "").upper().replace(".", "")
        if era in ("BC", "BCE"):
            return "DATE", f"-{n - 1:02d}", "century"
        return "DATE", f"{n - 1:02d}", "century"

    def read_quarter(self, c: Candidate, g: dict) -> Resolution | None:
        if g.get("q"):
            q = g["q"].upper()
            if g.get("qy"):
                return "DATE", f"{g['qy']}-{q}", "quarter"
            if self.dct is None:
                return "DATE", None, "quarter"
            return "DATE", f"{self.dct.year:04d}-{q}", "quarter"
        unit = g["unit"].lower()
        ordw = (g.get("ord") or "").lower()
        rel = (g.get("rel") or "").lower()
        det = (g.get("det") or "").lower()
        if unit == "period":
            unit = "quarter"
            if rel == "comparable":
                rel = "year-ago"
        if det == "that" and not ordw and not rel:
            a = self.anchor
            if a is not None and a.precision == "quarter":
                return "DATE", f"{a.day.year:04d}-Q{(a.day.month - 1) // 3 + 1}", "quarter"
            return "DATE", None, "quarter"
        n = _ORDINAL_PART.get(ordw)
        if ordw == "final":
            n = 4 if unit == "quarter" else 2
        year = self._quarter_year(g, det, rel, n)
        if year is None:
            return "DATE", None, "quarter"
        if unit == "half":
            return "DATE", f"{year:04d}-H{n or 1}", "quarter"
        if n is None:
            n, year = self._relative_quarter(det, rel, year)
        return "DATE", f"{year:04d}-Q{n}", "quarter"

    def _quarter_year(self, g: dict, det: str, rel: str, n: int | None) -> int | None:
        """The year of a quarter or half: written, or counted from the article's year."""
        year = None
        ypre = (g.get("ypre") or "").lower()
        if ypre[-4:].isdigit():
            year = int(ypre[-4:])
        elif ypre and self.dct is not None:
            year = self.dct.year + {"this": 0, "last": -1, "next": 1}[ypre.split()[0]]
        if g.get("year"):
            return int(g["year"])
        if year is not None or self.dct is None:
            return year
        year = self.dct.year
        yrel = (g.get("yrel") or "").lower()
        if yrel == "last" or det == "last" and n:
            year -= 1
        elif yrel == "next" or det == "next" and n:
            year += 1
        if "year" in rel or rel.startswith("comparable"):
            year -= 1
        return year

    def _relative_quarter(self, det: str, rel: str, year: int) -> tuple[int, int]:
        """(quarter, year) of "this quarter", "next quarter", "the latest quarter"."""
        cur_q = (self.dct.month - 1) // 3 + 1 if self.dct else 1
        if rel in ("current", "this") or det == "this" and not rel:
            n = cur_q
        elif det == "next" or rel == "coming":
            n = cur_q + 1
        else:
            n = cur_q - 1  # "the latest quarter": the last one reported, i.e. completed
        if n == 0:
            return 4, year - 1
        if n == 5:
            return 1, year + 1
        return n, year

    def read_season(self, c: Candidate, g: dict) -> Resolution | None:
        code = SEASONS[g["season"].lower()]
        if g.get("year"):
            return "DATE", f"{g['year']}-{code}", "season"
        if self.dct is None:
            return "DATE", None, "season"
        det = (g.get("det") or "").lower()
        y = self.dct.year
        m = self.dct.month
        # Season the article date sits in, with winter counted from its December.
        cur_code = next(
            k
            for k, (a, b) in SEASON_MONTHS.items()
            if (a <= m <= b if a <= b else m >= a or m <= b)
        )
        cur_year = y - 1 if cur_code == "WI" and m <= 2 else y
        order = ["SP", "SU", "FA", "WI"]

        def shift(code0: str, year0: int, k: int) -> tuple[str, int]:
            i = order.index(code0) + k
            return order[i % 4], year0 + i // 4

        # Index of the wanted season's most recent start at or before the article date.
        k_back = (order.index(cur_code) - order.index(code)) % 4
        past_code, past_year = shift(cur_code, cur_year, -k_back)
        if det in ("last", "this past", "the past"):
            if k_back == 0:
                past_code, past_year = shift(cur_code, cur_year, -4)
            return "DATE", f"{past_year}-{past_code}", "season"
        if det in ("next", "this coming", "the coming"):
            k_fwd = (order.index(code) - order.index(cur_code)) % 4 or 4
            nc, ny = shift(cur_code, cur_year, k_fwd)
            return "DATE", f"{ny}-{nc}", "season"
        if det == "this" or k_back == 0:
            # "this summer" is the article year's summer, gone or coming ("this winter" the one
            # that starts in its December, or the one under way in January).
            y0 = cur_year if code == "WI" else self.dct.year
            return "DATE", f"{y0}-{code}", "season"
        tense = self.tense(c.start, c.end)
        if tense == "future":
            k_fwd = (order.index(code) - order.index(cur_code)) % 4
            nc, ny = shift(cur_code, cur_year, k_fwd)
            return "DATE", f"{ny}-{nc}", "season"
        return "DATE", f"{past_year}-{past_code}", "season"

    def read_relday(self, c: Candidate, g: dict) -> Resolution | None:
        rd = " ".join(g["rd"].lower().split())
        pod = (g.get("pod") or "").lower()
        offset = {
            "today": 0,
            "tonight": 0,
            "tomorrow": 1,
            "yesterday": -1,
            "the day before yesterday": -2,
            "the day after tomorrow": 2,
        }[rd]
        if rd == "tonight":
            pod = "night"
        if self.dct is None:
            return ("TIME" if pod else "DATE"), None, "day"
        d = self.dct + timedelta(days=offset)
        if pod:
            return "TIME", f"{iso_day(d)}T{PARTS_OF_DAY[pod]}", "day"
        return "DATE", iso_day(d), "day"

    def read_pod(self, c: Candidate, g: dict) -> Resolution | None:
        det = " ".join(g["det"].lower().split())
        pod = g["pod"].lower()
        if self.dct is None:
            return "TIME", None, "day"
        offset = 0
        base = self.dct
        if det in ("the next", "the following", "the previous", "that"):
            base = self._ref_day() or self.dct
            offset = {"the next": 1, "the following": 1, "the previous": -1}.get(det, 0)
        elif det.endswith("last") or det == "yesterday":
            offset = -1
        elif det == "tomorrow":
            offset = 1
        rd = (g.get("rd") or "").lower()
        if rd:
            offset += {"yesterday": -1, "today": 0, "tomorrow": 1}[rd]
        d = base + timedelta(days=offset)
        return "TIME", f"{iso_day(d)}T{PARTS_OF_DAY[pod]}", "day"

    def _weekday_date(self, wd: int, det: str, start: int, end: int) -> date | None:
        base = self.dct
        if det in ("the previous", "the following", "the next"):
            base = self._ref_day()
        if base is None:
            return None
        back = (base.weekday() - wd) % 7
        fwd = (wd - base.weekday()) % 7
        if det in ("last", "the previous", "this past"):
            return base - timedelta(days=back or 7)
        if det in ("next", "the following", "the next", "this coming", "coming"):
            return base + timedelta(days=fwd or 7)
        if self.text[end : end + 2] in ("'s", "’s") and not det:
            # "Wednesday's ruling", "Tuesday's election": the clause's verb belongs to another
            # event, so the nearest such day is the best reading (news looks back: a future
            # day must be twice as close).
            return base - timedelta(days=back) if back <= 2 * fwd else base + timedelta(days=fwd)
        tense = self.tense(start, end)
        if tense == "future":
            return base + timedelta(days=fwd)
        return base - timedelta(days=back)

    def read_weekday(self, c: Candidate, g: dict) -> Resolution | None:
        wd = WEEKDAYS[g["wd"].lower()]
        if g.get("plural"):
            return "SET", f"XXXX-WXX-{wd + 1}", None
        det = " ".join((g.get("det") or "").lower().split())
        pod = (g.get("pod") or "").lower()
        d = self._weekday_date(wd, det, c.start, c.end)
        if d is None:
            return ("TIME" if pod else "DATE"), None, "day"
        if pod:
            return "TIME", f"{iso_day(d)}T{PARTS_OF_DAY[pod]}", "day"
        return "DATE", iso_day(d), "day"

    def read_holiday(self, c: Candidate, g: dict) -> Resolution | None:
        hol = " ".join(g["hol"].lower().replace("’", "'").split())

        if g.get("named") and not hol.startswith(("black friday", "cyber")):
            # "Super Tuesday", "Bloody Sunday": a named day, not the nearest weekday.
            return "DATE", None, "day"

        def on(y: int) -> date:
            return holiday_date(hol, y)

        if g.get("year"):
            return "DATE", iso_day(on(int(g["year"]))), "day"
        if self.dct is None:
            return "DATE", None, "day"
        det = (g.get("det") or "").lower()
        options = [on(y) for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1)]
        if det in ("last", "this past"):
            pick = max(d for d in options if d < self.dct)
        elif det == "next":
            pick = min(d for d in options if d > self.dct)
        else:
            tense = self.tense(c.start, c.end)
            if tense == "future":
                pick = min(d for d in options if d >= self.dct)
            elif tense == "past":
                pick = max(d for d in options if d <= self.dct)
            else:
                pick = min(options, key=lambda d: abs((d - self.dct).days))
        return "DATE", iso_day(pick), "day"

    def read_clock(self, c: Candidate, g: dict) -> Resolution | None:
        if g.get("nm"):
            nm = g["nm"].lower()
            hh, mm = (24, 0) if nm == "midnight" else (12, 0)
        elif g.get("h") is not None:
            hh = int(g["h"])
            mm = int(g["mi"] or 0)
            pm = g["ampm"].lower().startswith("p")
            if hh > 12 or hh == 0:
                return None
            if pm and hh != 12:
                hh += 12
            elif not pm and hh == 12:
                hh = 0
        else:
            hh, mm = int(g["h24"]), int(g["mi24"])
        anchor = g.get("anchor")
        d: date | None = None
        if anchor:
            d = self._anchor_day(anchor, c)
        elif self.dct is not None:
            # "at 10 p.m." leans on a day named earlier in the same sentence, else the article day.
            d = self.dct
            if self.day_anchor:
                s0, _ = self._sentence_bounds(c.start)
                if self.day_anchor.pos >= s0:
                    d = self.day_anchor.day
        if d is None:
            return "TIME", None, "day"
        return "TIME", f"{iso_day(d)}T{hh:02d}:{mm:02d}", "day"

    def _anchor_day(self, anchor: str, c: Candidate) -> date | None:
        a = anchor.lower()
        if self.dct is not None:
            rel = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}.get(a)
            if rel is not None:
                return self.dct + timedelta(days=rel)
            if a in WEEKDAYS:
                return self._weekday_date(WEEKDAYS[a], "", c.start, c.end)
        m = _R_MDY.match(anchor)
        if m:
            res = self._month_day(m.groupdict(), c)
            if res and res[1]:
                return start_date(res[1])
        return None

    def _shift(self, base: date, unit: str, n: float, sign: int) -> date:
        k = int(n) * sign
        if unit in ("day", "night"):
            return base + timedelta(days=k)
        if unit in ("week", "fortnight"):
            return base + timedelta(weeks=k * (2 if unit == "fortnight" else 1))
        if unit == "month":
            return base + relativedelta(months=k)
        if unit == "year":
            return base + relativedelta(years=k)
        if unit == "decade":
            return base + relativedelta(years=10 * k)
        return base + relativedelta(years=100 * k)

    def read_ago(self, c: Candidate, g: dict) -> Resolution | None:
        unit = g["unit"].lower()
        unit = "century" if unit.startswith("centur") else unit
        dirw = " ".join(g["dir"].lower().split())
        after = self.text[c.end : c.end + 6]
        n = number_value(g["n"])
        if (dirw in ("before", "after") and not re.match(r"\s*[,.;:)\n]", after or ".")) or (
            dirw in ("earlier", "later") and re.match(r"\s+than\b", after)
        ):
            # "20 years after the U.S. invasion", "a day earlier than planned": a length of time.
            end = c.m.end("unit") + (
                1 if self.text[c.m.end("unit") : c.m.end("unit") + 1] == "s" else 0
            )
            c.end = end
            return "DURATION", _duration(n, unit), None
        backwards = dirw in ("ago", "earlier", "before", "back", "previously")
        if n is None:
            return "DATE", "PAST_REF" if backwards else "FUTURE_REF", None
        if dirw in ("ago", "back", "hence", "from now"):
            base = self.dct
            prec_from_anchor = None
        else:
            day_level = unit in ("day", "night", "week", "fortnight") or unit in TIME_UNITS
            base = self._ref_day(day_level)
            prec_from_anchor = None if day_level or not self.anchor else self.anchor.precision
        if base is None:
            return "DATE", None, None
        if unit in TIME_UNITS:
            return "TIME" if unit != "day" else "DATE", iso_day(base), "day"
        d = self._shift(base, unit, n, -1 if backwards else 1)
        if unit in ("day", "night", "week", "fortnight"):
            return "DATE", iso_day(d), "day"
        if unit == "month":
            return "DATE", f"{d.year:04d}-{d.month:02d}", "month"
        if unit == "year":
            if n == 1 and self.anchor is not None and self.anchor.precision == "quarter":
                d = self._shift(self.anchor.day, "year", 1, -1 if backwards else 1)
                return "DATE", f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}", "quarter"
            if prec_from_anchor == "quarter":
                return "DATE", f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}", "quarter"
            return "DATE", f"{d.year:04d}", "year"
        if unit == "decade":
            return "DATE", f"{str(d.year)[:3]}X", "decade"
        return "DATE", f"{d.year // 100:02d}", "century"

    def read_duration(self, c: Candidate, g: dict) -> Resolution | None:
        unit = g["unit"].lower()
        unit = "century" if unit.startswith("centur") else unit
        n = number_value(g["n"])
        if n is not None and g.get("half"):
            n += 0.5
        return "DURATION", _duration(n, unit), None

    def read_vague(self, c: Candidate, g: dict) -> Resolution | None:
        unit = g["unit"].lower()[:-1]
        unit = "century" if unit.startswith("centur") else unit
        det = " ".join((g.get("det") or "").lower().split())
        if det == "recent" or det in ("the past", "the last", "the previous"):
            return "DATE", "PAST_REF", None
        if det in ("coming", "the coming", "the next", "the following"):
            return "DATE", "FUTURE_REF", None
        return "DURATION", _duration(None, unit), None

    def read_set(self, c: Candidate, g: dict) -> Resolution | None:
        if g.get("adv"):
            adv = g["adv"].lower()
            value = {
                "daily": "P1D",
                "nightly": "P1D",
                "hourly": "PT1H",
                "weekly": "P1W",
                "biweekly": "P2W",
                "fortnightly": "P2W",
                "monthly": "P1M",
                "quarterly": "P3M",
                "annually": "P1Y",
                "yearly": "P1Y",
                "semiannually": "P6M",
                "biannually": "P6M",
            }[adv]
            return "SET", value, None
        u = g["u"].lower()
        k = 2 if g.get("other") else 1
        if u in WEEKDAYS:
            return "SET", f"XXXX-WXX-{WEEKDAYS[u] + 1}", None
        if u in SEASONS:
            return "SET", f"XXXX-{SEASONS[u]}", None
        if u in PARTS_OF_DAY:
            return "SET", f"TXX{PARTS_OF_DAY[u]}", None
        if u == "weekend":
            return "SET", "XXXX-WXX-WE", None
        code = {"day": "D", "week": "W", "month": "M", "year": "Y", "quarter": "Q"}[u]
        if code == "Q":
            return "SET", f"P{3 * k}M", None
        return "SET", f"P{k}{code}", None

    def read_ref(self, c: Candidate, g: dict) -> Resolution | None:
        ref = " ".join(g["ref"].lower().split())
        if ref in ("recently", "lately", "previously", "formerly") or ref.endswith("past"):
            return "DATE", "PAST_REF", None
        if ref.endswith("future") or ref == "soon":
            return "DATE", "FUTURE_REF", None
        return "DATE", "PRESENT_REF", None

    def read_spoken(self, c: Candidate, g: dict) -> Resolution | None:
        if g.get("c"):
            century = {"eighteen": 18, "nineteen": 19, "twenty": 20}[g["c"].lower()]
            yy = _words_to_int(g["yy"])
        else:
            century, yy = 20, _words_to_int(g["y2k"]) if g.get("y2k") else 0
        if yy is None:
            return None
        y = century * 100 + yy
        if g.get("mon"):
            return "DATE", f"{y:04d}-{MONTHS[g['mon'].lower().rstrip('.')]:02d}", "month"
        if g.get("season"):
            return "DATE", f"{y:04d}-{SEASONS[g['season'].lower()]}", "season"
        return "DATE", f"{y:04d}", "year"

    def read_yearago(self, c: Candidate, g: dict) -> Resolution | None:
        """ "the year-earlier period": the period under discussion, one year back."""
        u = (g.get("u") or "").lower()
        if u in ("results", "figures", "level", "levels"):
            c.end = c.m.end("w")
        a = self.anchor
        if a is not None and a.precision == "quarter":
            return "DATE", f"{a.day.year - 1:04d}-Q{(a.day.month - 1) // 3 + 1}", "quarter"
        if self.dct is None:
            return "DATE", None, "year"
        if u in ("quarter", "period"):
            q = (self.dct.month - 1) // 3
            y = self.dct.year - 1 if q else self.dct.year - 2
            return "DATE", f"{y:04d}-Q{q or 4}", "quarter"
        return "DATE", f"{self.dct.year - 1:04d}", "year"

    def read_relunit(self, c: Candidate, g: dict) -> Resolution | None:
        det = " ".join(g["det"].lower().split())
        unit = g["unit"].lower()
        if unit == "end":
            unit = "year"  # "year-end", "year's end"
        anchored = det in (
            "the following",
            "the previous",
            "the same",
            "the preceding",
            "the prior",
            "that",
            "that same",
        )
        anchored = anchored or (det == "the next" and unit == "day")
        base = self._ref_day(unit in ("day", "week", "weekend")) if anchored else self.dct
        if base is None:
            return "DATE", None, _UNIT_PRECISION.get(unit)
        if det in (
            "last",
            "the past",
            "the last",
            "the previous",
            "this past",
            "the preceding",
            "the prior",
        ):
            k = -1
        elif det in ("next", "the next", "the coming", "the following", "this coming"):
            k = 1
        else:
            k = 0
        if unit == "day":
            return "DATE", iso_day(base + timedelta(days=k)), "day"
        if unit in ("week", "weekend"):
            if (
                base.weekday() == 6
                and det == "this"
                and unit == "week"
                and self.tense(c.start, c.end) == "future"
            ):
                k = 1  # on a Sunday, "this week's convention" is the week starting tomorrow
            d = base + timedelta(weeks=k)
            if unit == "weekend" and k == 0 and not anchored and base.weekday() < 5:
                tense = self.tense(c.start, c.end)
                if prev_word(self.text, c.start) in ("over", "during", "since"):
                    tense = "past"
                if tense == "past" or (tense is None and base.weekday() <= 2):
                    d = base - timedelta(weeks=1)
            iso = d.isocalendar()
            suffix = "-WE" if unit == "weekend" else ""
            return "DATE", f"{iso[0]:04d}-W{iso[1]:02d}{suffix}", "week"
        if unit == "month":
            d = base + relativedelta(months=k)
            return "DATE", f"{d.year:04d}-{d.month:02d}", "month"
        if unit == "year":
            return "DATE", f"{base.year + k:04d}", "year"
        if unit == "decade":
            return "DATE", f"{str(base.year + 10 * k)[:3]}X", "decade"
        return "DATE", f"{base.year // 100 + k:02d}", "century"


_UNIT_PRECISION = {
    "day": "day",
    "week": "week",
    "weekend": "week",
    "month": "month",
    "year": "year",
    "decade": "decade",
    "century": "century",
}


def _words_to_int(words: str) -> int | None:
    """ "ninety-six" -> 96, "oh five" -> 5, "twelve" -> 12."""
    parts = [p for p in re.split(r"[\s-]+", words.lower()) if p and p != "oh"]
    total = 0
    for p in parts:
        v = NUMBER_WORDS.get(p)
        if v is None or p in ("a", "an"):
            return None
        total += int(v)
    return total if 0 <= total < 100 else None


def _nth_weekday(y: int, month: int, wd: int, n: int) -> date:
    """The n-th (or, with n=-1, last) given weekday of a month: Thanksgiving, Labor Day..."""
    if n > 0:
        d = date(y, month, 1)
        d += timedelta(days=(wd - d.weekday()) % 7)
        return d + timedelta(weeks=n - 1)
    d = date(y, month, calendar.monthrange(y, month)[1])
    return d - timedelta(days=(d.weekday() - wd) % 7)


def _duration(n: float | None, unit: str) -> str:
    """TIMEX3 duration value: P3M, PT2H, P1.5Y; unknown amounts are X ("for months" -> PXM)."""
    code = UNITS.get(unit, "X")
    if unit in ("decade", "century"):
        mult = 10 if unit == "decade" else 100
        return f"P{int(n * mult) if n is not None else 'X'}{'Y' if n is not None else code}"
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    if unit == "fortnight" and n is not None:
        amount = str(int(2 * n))
    if unit in TIME_UNITS:
        return f"PT{amount}{code}"
    return f"P{amount}{code}"


def _thanksgiving(y: int) -> date:
    return _nth_weekday(y, 11, 3, 4)


# How a holiday is written (lower-case; a trailing "*" takes any ending: "christmas day") and
# its date in a year. The first row that matches wins, so "christmas eve*" comes before
# "christmas*"; Veterans Day is what the pattern's last alternatives leave.
HOLIDAYS: tuple[tuple[str, Callable[[int], date]], ...] = (
    ("black friday", lambda y: _thanksgiving(y) + timedelta(days=1)),
    ("cyber monday", lambda y: _thanksgiving(y) + timedelta(days=4)),
    ("ash wednesday", lambda y: easter(y) - timedelta(days=46)),
    ("palm sunday", lambda y: easter(y) - timedelta(days=7)),
    ("maundy thursday", lambda y: easter(y) - timedelta(days=3)),
    ("shrove tuesday", lambda y: easter(y) - timedelta(days=47)),
    ("christmas eve*", lambda y: date(y, 12, 24)),
    ("christmas*", lambda y: date(y, 12, 25)),
    ("new year's eve", lambda y: date(y, 12, 31)),
    ("new year*", lambda y: date(y, 1, 1)),
    ("thanksgiving*", _thanksgiving),
    ("easter monday", lambda y: easter(y) + timedelta(days=1)),
    ("good friday", lambda y: easter(y) - timedelta(days=2)),
    ("easter*", easter),
    ("halloween", lambda y: date(y, 10, 31)),
    ("boxing day", lambda y: date(y, 12, 26)),
    ("valentine*", lambda y: date(y, 2, 14)),
    ("independence day", lambda y: date(y, 7, 4)),
    ("labo*", lambda y: _nth_weekday(y, 9, 0, 1)),
    ("memorial day", lambda y: _nth_weekday(y, 5, 0, -1)),
    ("*", lambda y: date(y, 11, 11)),  # Veterans Day
)


def holiday_date(name: str, year: int) -> date:
    """The date of the holiday written ``name`` (lower-case, spaces normalised) in ``year``."""
    for written, day in HOLIDAYS:
        if name == written or (written.endswith("*") and name.startswith(written[:-1])):
            return day(year)
    raise AssertionError("the table ends with a catch-all row")
