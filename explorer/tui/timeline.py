"""The Timeline pane: events in date order, grouped by day, with a density strip on top."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from explorer.api import date_range
from explorer.safe_text import clean_line
from explorer.timex import describe, is_day
from explorer.tui.formatting import plural
from explorer.tui.widgets.pane import ListPane, MoreRow, count_title, more_text
from explorer.tui.widgets.submit_input import SubmitInput
from explorer.tui.widgets.virtual_list import VirtualList

if TYPE_CHECKING:
    from explorer.api import Event

_BARS = " ▁▂▃▄▅▆▇█"
_DAY = r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?"
_RANGE = re.compile(rf"\s*({_DAY})?\s*(\.\.|–|—|\bto\b)?\s*({_DAY})?\s*")


@dataclass(frozen=True, slots=True)
class DayHeader:
    """A group header row: all events at one date (at its own precision)."""

    date: str | None
    precision: str | None
    count: int


def group_events(events: list[Event]) -> tuple[list[DayHeader | Event], list[int]]:
    """Rows for the list (a header before each run of one date) and the headers' indexes.

    ``events`` come in timeline order from the index (a day before the month holding it,
    unresolved last); grouping keeps that order.
    """
    ordered = events
    rows: list[DayHeader | Event] = []
    headers: list[int] = []
    i = 0
    while i < len(ordered):
        date = ordered[i].date
        j = i
        while j < len(ordered) and ordered[j].date == date:
            j += 1
        headers.append(len(rows))
        rows.append(DayHeader(date, ordered[i].precision, j - i))
        rows.extend(ordered[i:j])
        i = j
    return rows, headers


def density(events: list[Event], width: int) -> tuple[Text, str]:
    """A one-line bar chart of events per day (per month past ~3 months) and its caption."""
    days = Counter(e.date for e in events if is_day(e.date))
    if not days or width < 4:
        return Text("no dated events", style="dim", end=""), ""
    first, last, outside = _core_span(days)
    by_month = first[:7] != last[:7] and (_months(first, last) > 3 or len(days) > width)
    if by_month:
        counts: Counter[str] = Counter()
        for day, n in days.items():
            counts[day[:7]] += n
        keys = _month_range(first[:7], last[:7])
    else:
        counts = days
        keys = _day_range(first, last)
    values = [counts.get(k, 0) for k in keys]  # days outside the core span are left out
    if len(values) > width:  # merge neighbours so the whole span fits
        size = -(-len(values) // width)
        values = [sum(values[i : i + size]) for i in range(0, len(values), size)]
    top = max(values) or 1
    bars = "".join(_BARS[0 if v == 0 else max(1, round(v / top * 8))] for v in values)
    unit = "month" if by_month else "day"
    caption = f"{keys[0]} → {keys[-1]} · per {unit} · peak {top}"
    if outside:
        caption += f" · {outside} outside"
    return Text(bars, style="bold", end="", no_wrap=True), caption


def _core_span(days: Counter[str]) -> tuple[str, str, int]:
    """First and last day of the story, leaving out stray dates far from the bulk (a 1789
    anniversary in 2016 articles would squash every bar into one column): a day is stray when
    it lies more than three interquartile ranges (at least a week) outside the middle half."""
    import datetime as dt

    ordered = sorted(days)
    try:
        ordinals = [dt.date.fromisoformat(d).toordinal() for d in ordered]
    except ValueError:
        return ordered[0], ordered[-1], 0
    total = sum(days.values())
    cumulative, q1, q3 = 0, None, None
    for day, ordinal in zip(ordered, ordinals, strict=True):
        cumulative += days[day]
        if q1 is None and cumulative >= total / 4:
            q1 = ordinal
        if q3 is None and cumulative >= total * 3 / 4:
            q3 = ordinal
    assert q1 is not None and q3 is not None
    reach = 3 * max(q3 - q1, 7)
    kept = [d for d, o in zip(ordered, ordinals, strict=True) if q1 - reach <= o <= q3 + reach]
    outside = total - sum(days[d] for d in kept)
    return kept[0], kept[-1], outside


def _months(first: str, last: str) -> int:
    return (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7])


def _month_range(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while (y, m) <= (int(last[:4]), int(last[5:7])) and len(out) < 10000:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _day_range(first: str, last: str) -> list[str]:
    import datetime as dt

    try:
        a, b = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    except ValueError:
        return sorted({first, last})
    return [(a + dt.timedelta(days=i)).isoformat() for i in range((b - a).days + 1)]


def render_timeline_row(
    row: DayHeader | Event | MoreRow,
    width: int,
    disputed: frozenset[tuple[str, int, int]] = frozenset(),
) -> Text:
    """One row. An event's badges come first, where a narrow pane still shows them: "≠" when
    its sentence is a side of a contradiction found (``disputed``: doc, start, end), "×N"
    when N documents tell it."""
    if isinstance(row, MoreRow):
        return more_text(row)
    if isinstance(row, DayHeader):
        text = Text(no_wrap=True, end="")
        text.append(describe(row.date), style="bold")
        if row.precision == "week" or (row.date and "-W" in row.date):
            text.append(" (week)", style="dim")
        text.append(f"  {row.count} event{'s' if row.count != 1 else ''}", style="dim")
        return text
    text = Text("  ", no_wrap=True, end="")
    if (row.doc, row.start, row.end) in disputed:
        text.append("≠ ", style="bold red")
    if row.corroborating_docs > 1:
        text.append(f"×{row.corroborating_docs} ", style="dim")
    sentence = clean_line(row.text)
    lead = len(sentence) - len(sentence.lstrip())
    body = Text(sentence.strip(), end="")
    a, b = row.expr_start - row.start - lead, row.expr_end - row.start - lead
    if 0 <= a < b <= len(body):  # the date expression, as in the reader
        body.stylize("underline", a, b)
    text.append_text(body)
    return text


class DensityStrip(Widget):
    """The shape of the story at a glance: one bar per day or month."""

    DEFAULT_CSS = "DensityStrip { height: 2; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._events: list[Event] = []
        self._partial = False

    def show(self, events: list[Event], *, partial: bool = False) -> None:
        """``partial``: the events are the first of a capped list, not all that match."""
        self._events = events
        self._partial = partial
        self.refresh()

    def render(self) -> Text:
        bars, caption = density(self._events, max(1, self.size.width))
        if self._partial and caption:
            caption += " · loaded events only"
        bars.append("\n")
        bars.append(caption, style="dim")
        return bars


def parse_range(text: str) -> tuple[str | None, str | None] | None:
    """``2021-08`` (that month), ``2021-08-01..2021-08-15``, ``2021..`` or ``..1990``, or in
    words ("aug 2021", "since 2021", "the 1980s": ``date_range``), as (since, until) for the
    panes' queries; None when ``text`` is no range. A partial date covers its whole period:
    "2021-08" runs to the 31st."""
    m = _RANGE.fullmatch(text)
    if m is None or not (m.group(1) or m.group(3)):
        # In words: "aug 2021", "since 2021", "spring 2020", "the 1980s", "last week".
        import datetime as dt

        return date_range(text, dt.date.today().isoformat())
    since, sep, until = m.groups()
    if sep is None:
        if since and until:
            return None
        return since, since  # one period: from its first day to its last
    return since, until


def _is_event(row: object) -> bool:
    return not isinstance(row, (DayHeader, MoreRow))


class TimelinePane(ListPane):
    """Events grouped by date; ``[`` and ``]`` jump between days."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "previous_day", "Newer date", id="timeline.previous_day",
                tooltip="Jump up to the newer date (a day, month or year) on the timeline"),
        Binding("right_square_bracket", "next_day", "Older date", id="timeline.next_day",
                tooltip="Jump down to the older date (a day, month or year) on the timeline"),
        # priority: "d" and the dates after it, typed in one burst, all reach the box.
        Binding("d", "dates", "Dates", id="timeline.dates", priority=True,
                tooltip="A date range for every pane: aug 2021, 1990..1995, since 2021"),
    ]  # fmt: skip

    @dataclass
    class RangeChanged(Message):
        """The user set (or cleared, both None) the timeline's date range."""

        since: str | None
        until: str | None

    LIST_ID = "timeline-list"

    def __init__(self, *, id: str | None = "timeline", classes: str | None = "pane") -> None:
        super().__init__(id=id, classes=classes)
        self._headers: list[int] = []
        self._count = 0
        self.total: int | None = None
        self.capped = False
        self.range: tuple[str | None, str | None] = (None, None)
        self._dates = ""
        self.border_title = "2 Timeline"
        # Sentences that are a side of the contradictions last listed (the palette's).
        self.disputed: frozenset[tuple[str, int, int]] = frozenset()

    def compose(self) -> ComposeResult:
        box = SubmitInput(
            placeholder="dates: aug 2021, 1990..1995, since 2021",
            id="timeline-range",
            compact=True,
            leave_to=self._leave_range,
        )
        box.display = False  # shown by `d`: most users never need it
        yield box
        yield DensityStrip(id="timeline-density")
        yield VirtualList(
            lambda row, width: render_timeline_row(row, width, self.disputed),
            _is_event,
            empty_text="Loading…",
            id="timeline-list",
        )

    def mark_disputed(self, spans: frozenset[tuple[str, int, int]]) -> None:
        """Badge the events whose sentence is a side of a contradiction (doc, start, end)."""
        self.disputed = spans
        self.list.refresh_rows()

    def show(
        self,
        events: list[Event],
        *,
        loading: bool = False,
        total: int | None = None,
        capped: bool = False,
        grown: bool = False,
    ) -> None:
        """Show ``events`` (in timeline order) grouped by date.

        ``capped``: more events match than ``events`` holds (``total`` of them, when known).
        ``grown``: ``events`` begin with the rows shown (see ``VirtualList.set_rows``).
        """
        self.total = total if capped else len(events)
        self.capped = capped
        self.list.set_empty_text("Loading…" if loading else "No events yet")
        self._fill(events, *group_events(events), grown=grown)

    def set_total(self, total: int) -> None:
        """The total became known after the rows (the corpus's counts came in later)."""
        if self.capped and self.total != total:
            self.total = total
            self.set_title(count_title("2 Timeline", self._count, total, True))
            self._update_more(max(0, total - self._count))

    def _fill(
        self,
        events: list[Event],
        rows: list[DayHeader | Event | MoreRow],
        headers: list[int],
        *,
        grown: bool = False,
    ) -> None:
        self._headers = headers
        self._count = len(events)
        dated = len(headers) - (1 if rows and rows[headers[-1]].date is None else 0)
        if self.capped:
            hidden = None if self.total is None else max(0, self.total - len(events))
            rows = [*rows, MoreRow(hidden, "event", "narrow with / or a date range (d)")]
        self.list.set_rows(rows, grown=grown)
        self.query_one(DensityStrip).show(events, partial=self.capped)
        self.set_title(count_title("2 Timeline", len(events), self.total, self.capped))
        self._dates = plural(dated, "date") if events else ""
        self._subtitle()

    def _subtitle(self) -> None:
        since, until = self.range
        if since is None and until is None:
            self.border_subtitle = self._dates
            return
        span = since if since == until else f"{since or '…'}..{until or '…'}"
        self.border_subtitle = " · ".join(x for x in (self._dates, span) if x)

    # -- the date range ---------------------------------------------------------------------

    @property
    def range_input(self) -> Input:
        return self.query_one("#timeline-range", Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In the range box, "d" is a letter to type ("dec 2021").
        return not (action == "dates" and isinstance(self.screen.focused, Input))

    def action_dates(self) -> None:
        box = self.range_input
        box.display = True
        # set_focus, not focus(): the keys typed right after `d` must already land in the box.
        self.screen.set_focus(box)

    def _leave_range(self) -> VirtualList:
        """Enter in the range box: the keys go back to the events, which keep them for the rows
        of the new range (a range that cannot be read gives the box the focus back)."""
        self.list.hold()
        return self.list

    @on(Input.Submitted, "#timeline-range")
    def _range_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        found = parse_range(text) if text else (None, None)
        if found is None:
            self.notify(
                f"Not a date range: {clean_line(text)} (try aug 2021, 1990..1995, since 2021)",
                severity="warning",
                markup=False,
            )
            self.list.release()  # no new rows are coming
            self.screen.set_focus(self.range_input)
            return
        self.set_range(*found)  # the box already gave the focus back (SubmitInput)

    def set_range(self, since: str | None, until: str | None) -> None:
        """Show only events in [since, until] (None: open-ended); the screen reloads them."""
        self.range = (since, until)
        box = self.range_input
        if since is None and until is None:
            box.value = ""
            box.display = False
        self._subtitle()
        self.post_message(self.RangeChanged(since, until))

    def clear_range(self) -> bool:
        """Drop the date range; False when there was none."""
        if self.range == (None, None) and not self.range_input.display:
            return False
        if self.range_input.has_focus:
            self.list.focus()
        self.set_range(None, None)
        return True

    def action_next_day(self) -> None:
        i = bisect.bisect_right(self._headers, self.list.cursor)
        if i < len(self._headers):
            self.list.move_to(self._headers[i] + 1)

    def action_previous_day(self) -> None:
        cursor = self.list.cursor
        i = bisect.bisect_right(self._headers, cursor) - 1  # header of the current group
        if i < 0:
            return
        if cursor > self._headers[i] + 1:  # inside a group: go to its first event
            self.list.move_to(self._headers[i] + 1)
        elif i > 0:
            self.list.move_to(self._headers[i - 1] + 1)

    def fact_of(self, row: Event) -> tuple[str, int | None, int | None]:
        return (row.doc, row.expr_start, row.expr_end)
