"""How counts and citations are written in the app (pure functions, tested alone).

Dates are written by ``explorer.timex.describe``, the one reader of TIMEX3 values.
"""

from __future__ import annotations

from explorer.safe_text import clean_line


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def citation(text: str, speaker: str | None, title: str | None, date: str | None) -> str:
    """A quote as a journalist pastes it: “…” — Speaker, “Title”, 2021-08-13."""
    who = clean_line(speaker) if speaker else "unattributed"
    parts = [f"“{clean_line(text)}” — {who}"]
    if title:
        parts.append(f"“{clean_line(title)}”")
    parts.append(date or "undated")
    return ", ".join(parts)
