"""How counts and citations are written in the app (pure functions, tested alone).

Dates are written by ``explorer.timex.describe``, the one reader of TIMEX3 values.
"""

from __future__ import annotations

from explorer.safe_text import clean_line


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def citation(
    text: str,
    speaker: str | None,
    title: str | None,
    date: str | None,
    *,
    outlet: str | None = None,
    where: str | None = None,
    doc: str | None = None,
    span: tuple[int, int] | None = None,
) -> str:
    """A quote as a journalist pastes it, with what lets a reader check it:
    “…” — Speaker, “Title”, Outlet, 2021-08-13, https://… (doc a1.json, characters 120–160).
    ``where`` is the article's URL, else its path in the folder."""
    who = clean_line(speaker) if speaker else "unattributed"
    parts = [f"“{clean_line(text)}” — {who}"]
    if title:
        parts.append(f"“{clean_line(title)}”")
    if outlet:
        parts.append(clean_line(outlet))
    parts.append(date or "undated")
    if where:
        parts.append(clean_line(where))
    out = ", ".join(parts)
    if doc is not None:
        chars = f", characters {span[0]}–{span[1]}" if span is not None else ""
        out += f" (doc {clean_line(doc)}{chars})"
    return out
