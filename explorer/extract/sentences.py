"""Sentence, list-item and headline segmentation with character offsets.

News text mixes running prose with bullets, datelines and headline lines, so a line break is
always a boundary and a full stop only sometimes is: "U.S.", "Maj.", "Aug." and "Mr." do not end
a sentence, while a full stop followed by a capitalised word usually does.
"""

from __future__ import annotations

import re

from explorer.model import Sentence

# Abbreviations after which a full stop does not end the sentence (compared lower-case,
# without the final dot).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof rev fr sr jr st mt ft gen lt col maj capt cmdr cdr sgt cpl pvt adm brig
    cmdr gov sen rep pres supt insp det atty hon amb messrs mmes esq jan feb mar apr jun jul aug
    sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun no nos vol vols fig figs ch
    pp approx est dept univ corp inc ltd co bros assn intl govt vs v etc al cf ie eg e.g i.e a.m
    p.m u.s u.k u.n u.s.a e.u d.c n.y l.a
    """.split()  # noqa: SIM905
)

_BULLET = re.compile(r"[ \t]*(?:[•◦▪‣●○■□–—*-]|\d{1,3}[.)])[ \t]+")
# Candidate sentence end: terminal punctuation, optional closing quotes/brackets, whitespace.
_END = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s+)""")
_NEXT_START = re.compile(r"""\s+["'“‘«(\[]*[A-Z0-9]""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_ENTRY_SEPARATOR = re.compile(r"\s[–—-]\s")


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, items and headlines; offsets index into ``text``."""
    out: list[Sentence] = []
    paragraph = 0
    pos = 0
    for line_match in re.finditer(r"[^\n]+", text):
        line_start, line_end = line_match.span()
        if line_start > pos and text.count("\n", pos, line_start) >= 1 and out:
            paragraph += 1
        pos = line_end
        line = line_match.group()
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        trail = len(line) - len(line.rstrip())
        start, end = line_start + lead, line_end - trail
        if _BULLET.match(line) or _is_dated_entry(line):
            out.append(Sentence(start, end, "item", paragraph))
            continue
        pieces = list(_split_line(text, start, end))
        if len(pieces) == 1 and _looks_like_headline(stripped):
            out.append(Sentence(start, end, "headline", paragraph))
            continue
        out.extend(Sentence(s, e, "sentence", paragraph) for s, e in pieces)
    return out


def _is_dated_entry(line: str) -> bool:
    """A chronology entry: "Aug. 6 – ZARANJ – The Taliban take…" or "10:45 - Police say…".

    Live blogs and timelines put a short date or time, then a dash, before the item; the whole
    line is one entry, so the date stays with everything it dates.
    """
    m = _ENTRY_SEPARATOR.search(line, 0, 40)
    if not m:
        return False
    prefix = line[: m.start()].strip()
    return bool(prefix) and len(prefix.split()) <= 4 and any(c.isdigit() for c in prefix)


def _looks_like_headline(line: str) -> bool:
    """A short line with no closing punctuation reads as a headline, dateline or caption."""
    return len(line) <= 160 and line[-1] not in ".!?\"'”’…:;,"


def _split_line(text: str, start: int, end: int):
    """Yield (start, end) of the sentences in one line."""
    seg_start = start
    for m in _END.finditer(text, start, end):
        stop = m.end()
        nxt = _NEXT_START.match(text, stop, end)
        if not nxt:
            continue
        punct = text[m.start()]
        if punct == "." and _is_abbreviation(text, seg_start, m.start()):
            continue
        yield seg_start, stop
        seg_start = stop + (len(text[stop:end]) - len(text[stop:end].lstrip()))
    if seg_start < end:
        yield seg_start, end


def _is_abbreviation(text: str, seg_start: int, dot: int) -> bool:
    """True when the full stop at ``dot`` belongs to an abbreviation or an initial."""
    m = _WORD_BEFORE.search(text, seg_start, dot)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # Single capital initials ("John F. Kennedy") and dotted acronyms ("U.S.", "D.C.").
    if len(word) == 1:
        return True
    return "." in word and all(len(p) <= 2 for p in word.split("."))


_SOFT_BREAK = re.compile(r"(?<=\S)\n(?=[^\s])")


def unwrap(text: str) -> str:
    """Join hard-wrapped lines when the whole text is wrapped at a fixed width.

    Wire copy wraps every ~70 characters and marks paragraphs by an indented or blank line;
    treating each line as a paragraph would cut quotes mid-sentence. Text with one paragraph
    per line (most web news) is returned unchanged, as the same object.
    """
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 4:
        return text
    widths = [len(ln.rstrip()) for ln in lines]
    wrapped = sum(1 for w in widths if 40 <= w <= 85) / len(lines)
    open_ended = sum(1 for ln in lines if ln.rstrip()[-1:] not in ".!?\"'”’:") / len(lines)
    if wrapped < 0.6 or open_ended < 0.4:
        return text
    # Wrapped lines fill the width but for a paragraph's last; a web page's lines (a menu, a
    # byline, captions, one-sentence paragraphs) have any length and must stay lines.
    width = sorted(widths)[(3 * len(widths)) // 4]
    if sum(1 for w in widths if width - 12 <= w <= width + 2) < 0.5 * len(lines):
        return text
    return _SOFT_BREAK.sub(" ", text)
