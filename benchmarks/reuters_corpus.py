"""Convert Reuters-21578 (SGML) into a corpus folder the explorer reads like any other.

Why a converter and not a special reader: the benchmark must measure the same path a user's
folder takes (scan, decode, front matter, extraction), so Reuters becomes what a journalist's
folder looks like: one ``.txt`` per article with a ``---`` front matter block (title, ISO date,
source) and the story after it, in sub-folders of at most 1,000 files.

The story is re-flowed: Reuters wraps lines at 70 columns and marks paragraphs with an indent,
which would read as one paragraph per line; a saved article has one line per paragraph. Tables
(``TYPE="UNPROC"`` items) keep their lines. Briefs with no body keep their headline as the text.

Usage::

    uv run python benchmarks/reuters_corpus.py --out /tmp/explorer-bench/reuters
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

DEFAULT_SRC = Path(__file__).resolve().parents[2] / "shared" / "data" / "reuters21578"
if not DEFAULT_SRC.is_dir():
    DEFAULT_SRC = Path("/work/shared/data/reuters21578")
DEFAULT_OUT = Path("/tmp/explorer-bench/reuters")
PER_FOLDER = 1000

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
        start=1,
    )
}
_DOC = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'NEWID="(\d+)"')
_TEXT_OPEN = re.compile(r"<TEXT\b([^>]*)>", re.S)
_DATE = re.compile(r"<DATE>\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})")
_TAGGED = {tag: re.compile(rf"<{tag}>(.*?)</{tag}>", re.S) for tag in ("TITLE", "DATELINE", "BODY")}
_LABELS = {
    tag: re.compile(rf"<{tag}>(.*?)</{tag}>", re.S)
    for tag in ("TOPICS", "PLACES", "PEOPLE", "ORGS")
}
_D = re.compile(r"<D>(.*?)</D>", re.S)
_ANY_TAG = re.compile(r"<[^>]+>")
# SGML numeric references to control characters (&#2; &#3; &#22;...) are transmission codes.
_CONTROL_REF = re.compile(r"&#(?:[0-9]|[12][0-9]|3[01]);")
_SIGNOFF = re.compile(r"\s*\bReuter\s*$")
_SPACES = re.compile(r"[ \t]+")


@dataclass(slots=True)
class Article:
    """One Reuters item, decoded."""

    newid: int
    date: str | None  # ISO YYYY-MM-DD
    title: str
    dateline: str
    body: str  # re-flowed paragraphs separated by blank lines ("" for briefs)
    kind: str  # "NORM" | "BRIEF" | "UNPROC"
    places: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)


def _clean(raw: str) -> str:
    return html.unescape(_CONTROL_REF.sub("", raw))


def _reflow(body: str) -> str:
    """Join wrapped lines; a line opening with an indent starts a new paragraph."""
    paragraphs: list[list[str]] = []
    for line in body.split("\n"):
        if not line.strip():
            if paragraphs and paragraphs[-1]:
                paragraphs.append([])
            continue
        if line[:1] in " \t" or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    out = [_SPACES.sub(" ", " ".join(p)) for p in paragraphs if p]
    return "\n\n".join(out)


def parse_sgml(path: Path) -> Iterator[Article]:
    """Every item of one ``reut2-NNN.sgm`` file (one file holds a stray non-UTF-8 byte)."""
    data = path.read_bytes().decode("latin-1")
    for m in _DOC.finditer(data):
        attrs, inner = m.group(1), m.group(2)
        idm = _NEWID.search(attrs)
        if not idm:
            continue
        date = None
        dm = _DATE.search(inner)
        if dm and dm.group(2).upper() in _MONTHS:
            day, month, year = int(dm.group(1)), _MONTHS[dm.group(2).upper()], int(dm.group(3))
            date = f"{year:04d}-{month:02d}-{day:02d}"
        tm = _TEXT_OPEN.search(inner)
        text_attrs = tm.group(1) if tm else ""
        kind = "BRIEF" if "BRIEF" in text_attrs else "UNPROC" if "UNPROC" in text_attrs else "NORM"
        text = inner[tm.end() :] if tm else ""
        title_m = _TAGGED["TITLE"].search(text)
        title = _SPACES.sub(" ", _clean(title_m.group(1))).strip() if title_m else ""
        dateline_m = _TAGGED["DATELINE"].search(text)
        dateline = _SPACES.sub(" ", _clean(dateline_m.group(1))).strip() if dateline_m else ""
        body_m = _TAGGED["BODY"].search(text)
        if body_m:
            body = _reflow(_SIGNOFF.sub("", _clean(body_m.group(1))))
        elif kind == "UNPROC":
            raw = _clean(_ANY_TAG.sub("", text.split("</TEXT>")[0]))
            body = "\n".join(line.rstrip() for line in raw.strip("\n").split("\n"))
            body = _SIGNOFF.sub("", body).strip()
        else:
            body = ""
        labels = {
            tag: [_clean(d) for d in _D.findall(rx.search(inner).group(1))]
            if rx.search(inner)
            else []
            for tag, rx in _LABELS.items()
        }
        yield Article(
            newid=int(idm.group(1)),
            date=date,
            title=title,
            dateline=dateline,
            body=body,
            kind=kind,
            places=labels["PLACES"],
            people=labels["PEOPLE"],
            orgs=labels["ORGS"],
            topics=labels["TOPICS"],
        )


def iter_articles(src: Path = DEFAULT_SRC) -> Iterator[Article]:
    """Every Reuters item in NEWID order of the files (reut2-000 .. reut2-021)."""
    files = sorted(src.glob("reut2-*.sgm"))
    if not files:
        raise FileNotFoundError(f"no reut2-*.sgm files in {src}")
    for path in files:
        yield from parse_sgml(path)


def _fm_value(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(
    title: str,
    date: str | None,
    body: str,
    dateline: str = "",
    source: str = "Reuters",
    front_matter: bool = True,
) -> str:
    """The text of one article file: front matter, headline, dateline and story."""
    if not front_matter:
        story = f"{dateline} {body}" if dateline and body else body
        return "\n\n".join(p for p in (title, story) if p) + "\n"
    lines = ["---"]
    if title:
        lines.append(f"title: {_fm_value(title)}")
    if date:
        lines.append(f"date: {date}")
    lines.append(f"source: {source}")
    lines.append("---")
    head = "\n".join(lines) + "\n"
    story = body
    if dateline and body:
        story = f"{dateline} {body}"
    parts = [p for p in (title, story) if p]
    return head + "\n\n".join(parts) + "\n"


def article_path(out: Path, n: int, prefix: str = "reut", per_folder: int = PER_FOLDER) -> Path:
    """Where document number ``n`` (0-based) goes: at most ``per_folder`` files a folder."""
    return out / f"{n // per_folder:04d}" / f"{prefix}-{n:07d}.txt"


def write_corpus(src: Path, out: Path, front_matter: bool = True, saved: bool = False) -> int:
    """Write every Reuters item as a file under ``out``; returns how many. ``saved``: each
    file's modification time is its story's day, as when a scraper saved it that day."""
    n = 0
    made: set[Path] = set()
    for art in iter_articles(src):
        n += 1
        path = article_path(out, art.newid - 1)
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        text = render(art.title, art.date, art.body, art.dateline, front_matter=front_matter)
        path.write_text(text, encoding="utf-8")
        if saved and art.date:
            noon = datetime.fromisoformat(art.date[:10]).replace(hour=12, tzinfo=UTC)
            os.utime(path, (noon.timestamp(), noon.timestamp()))
    return n


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--src", type=Path, default=DEFAULT_SRC, help="folder of reut2-*.sgm")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="corpus folder to write")
    p.add_argument(
        "--no-front-matter",
        action="store_true",
        help="headline, dateline and story only, as many archives save them",
    )
    p.add_argument(
        "--saved-on-date",
        action="store_true",
        help="set each file's modification time to its story's day",
    )
    args = p.parse_args(argv)
    if args.out.resolve().is_relative_to(Path(__file__).resolve().parents[1]):
        p.error("write the corpus outside the repository")
    t0 = time.perf_counter()
    n = write_corpus(
        args.src, args.out, front_matter=not args.no_front_matter, saved=args.saved_on_date
    )
    print(f"wrote {n} articles to {args.out} in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
