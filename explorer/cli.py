"""The command line: the app by default, and JSON-or-table commands over the same index.

Every command brings a stale index up to date first, prints a rich table for people or, with
``--json``, one JSON object per line for scripts (and nothing else on stdout). A mistake the
user can fix is one line on stderr and exit code 2; a failure is exit code 1; Ctrl-C is 130.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from explorer.errors import ExplorerError, UsageError
from explorer.index.query import MAX_LIMIT
from explorer.records import ENTITY_KINDS
from explorer.safe_text import clean, clean_line, json_line

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def bundled_corpus() -> Path:
    """The corpus shipped with the explorer, opened when no --corpus is given."""
    env = os.environ.get("EXPLORER_CORPUS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "corpus", here / "corpus", Path.cwd() / "corpus"):
        if candidate.is_dir():
            return candidate
    return Path.cwd() / "corpus"


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line plus a hint, exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"explorer: error: {message} (see `explorer --help`)\n")


def _common(p: argparse.ArgumentParser, json_flag: bool = True) -> None:
    p.add_argument(
        "--corpus",
        type=_path,
        default=argparse.SUPPRESS,
        help="corpus folder (default: the bundled corpus/)",
    )
    p.add_argument(
        "--index",
        type=_path,
        default=argparse.SUPPRESS,
        help="index file (default: in the user cache folder, keyed by corpus path)",
    )
    if json_flag:
        p.add_argument(
            "--json",
            action="store_true",
            default=argparse.SUPPRESS,
            help="one JSON object per line on stdout",
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="explorer",
        description="Explore a folder of news articles: who said what, what happened when, and where.",
    )
    _common(parser, json_flag=False)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    p = sub.add_parser("index", help="build or update the index (incremental)")
    _common(p)
    p.add_argument("--rebuild", action="store_true", help="discard the index and build it anew")

    p = sub.add_parser("docs", help="list documents")
    _common(p)
    p.add_argument("--sort", choices=("date", "-date", "title"), default="date")
    p.add_argument("--entity", help="only documents mentioning this person/place/org")

    p = sub.add_parser("show", help="print a document's text (the text all offsets index into)")
    _common(p)
    p.add_argument("doc", metavar="DOC", help="document id, as `explorer docs` lists it")

    p = sub.add_parser("timeline", help="dated events in date order")
    _common(p)
    p.add_argument("--entity", help="only events naming this person/place/org")
    p.add_argument("--since", help="YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--until", help="YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--doc", help="only events of this document")
    p.add_argument("--limit", type=_positive, help="at most N events")

    p = sub.add_parser("quotes", help="direct quotes and who said them")
    _common(p)
    p.add_argument("query", nargs="?", metavar="QUERY", help="words to search (typos tolerated)")
    p.add_argument("--speaker", help="speaker name (fuzzy, aliases included)")
    p.add_argument("--entity", help="quotes by or about this person/place/org")
    p.add_argument("--doc", help="only quotes of this document")
    p.add_argument("--limit", type=_positive, help="at most N quotes")

    p = sub.add_parser(
        "entities",
        help="people, places and organisations; merge, split, rename or set the kind of one",
        description="List entities, or correct one: `entities merge A B` (B becomes part of A),"
        " `entities split ENTITY ALIAS`, `entities rename ENTITY NAME`, `entities kind ENTITY"
        " person|place|org`. An entity is named by its id or by a name or alias in full."
        " Corrections are kept beside the index and survive rebuilds.",
    )
    _common(p)
    p.add_argument(
        "correction",
        nargs="*",
        metavar="ACTION",
        help="merge A B | split ENTITY ALIAS | rename ENTITY NAME | kind ENTITY KIND",
    )
    p.add_argument("--kind", choices=ENTITY_KINDS)
    p.add_argument("--doc", help="only entities of this document")

    p = sub.add_parser("mentions", help="every place a name is named, with its offsets")
    _common(p)
    p.add_argument("--doc", help="only mentions in this document")
    p.add_argument("--entity", help="only mentions of this person/place/org (id or name)")
    p.add_argument("--kind", choices=ENTITY_KINDS)
    p.add_argument("--limit", type=_positive, help="at most N mentions")

    p = sub.add_parser("find", help="fuzzy lookup of names and places")
    _common(p)
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--kind", choices=ENTITY_KINDS)
    p.add_argument("--limit", type=_positive, default=10)
    return parser


def _path(value: str) -> Path:
    """A path option: an empty one would silently mean the current folder."""
    if not value.strip():
        raise argparse.ArgumentTypeError("an empty path names nothing")
    return Path(value)


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if not 1 <= n <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(
            f"expected a number of at least 1 and at most {MAX_LIMIT:,}, got {n}"
        )
    return n


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``explorer`` command; returns the exit code."""
    args = build_parser().parse_args(argv)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        return _run(args, err)
    except UsageError as exc:
        _say(err, str(exc), "red")
        return EXIT_USAGE
    except KeyboardInterrupt:
        err.print("explorer: interrupted; the index keeps what was fully written", style="yellow")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `explorer docs --json | head`: the reader left; that is not a failure. (Caught
        # before OSError, of which it is a kind.)
        _quiet_stdout()
        return EXIT_OK
    except (ExplorerError, OSError, sqlite3.Error) as exc:
        _say(err, str(exc), "red")
        return EXIT_FAILURE


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _run(args: argparse.Namespace, err: Console) -> int:
    corpus_dir: Path = getattr(args, "corpus", None) or bundled_corpus()
    index: Path | None = getattr(args, "index", None)
    if args.command is None:
        from explorer.tui.app import run_app  # Textual is loaded only for the app

        return run_app(corpus_dir, index)

    as_json = getattr(args, "json", False)
    corpus = _open(
        corpus_dir,
        index,
        err,
        rebuild=getattr(args, "rebuild", False),
        stale_ok=args.command != "index",
    )
    out = Console(highlight=False, soft_wrap=False)
    with corpus:
        if corpus.stats().documents == 0:
            skipped = len(corpus.report.skipped) if corpus.report else 0
            raise UsageError(
                f"no documents in {corpus.root}: it holds no readable .txt, .md, .html or .json(l)"
                f" files ({skipped} skipped)"
            )
        if args.command == "index":
            return _index_summary(corpus, as_json, out)
        if args.command == "show":
            return _show(corpus, args.doc, as_json)
        if args.command == "entities" and args.correction:
            records, table = _correct(corpus, args.correction), _entities_table
            _print_json(r.to_dict() for r in records) if as_json else out.print(table(records))
            return EXIT_OK
        records, table = _query(corpus, args)
        if as_json:
            _print_json(r.to_dict() for r in records)
        else:
            out.print(table(records))
        if not as_json and corpus.report is not None and not records:
            err.print("(no results)", style="dim")
    return EXIT_OK


def _open(
    corpus_dir: Path, index: Path | None, err: Console, rebuild: bool = False, stale_ok: bool = True
):
    from explorer.corpus import Corpus

    def warn(line: str) -> None:
        _say(err, line, "yellow")

    if not err.is_terminal:
        return Corpus.open(corpus_dir, index, rebuild=rebuild, warn=warn, stale_ok=stale_ok)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("indexing", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        return Corpus.open(
            corpus_dir, index, rebuild=rebuild, warn=warn, progress=progress, stale_ok=stale_ok
        )


def _show(corpus: Any, doc_id: str, as_json: bool) -> int:
    """The article text every offset indexes; with --json, its metadata beside it."""
    doc = corpus.document(doc_id)
    text = corpus.text(doc_id)
    if as_json:
        fields = ("id", "title", "date", "date_source", "source", "url", "author")
        record = {f: getattr(doc, f, None) for f in fields}
        sys.stdout.write(json_line({**record, "text": text}) + "\n")
    else:
        # Same length as the indexed text: every offset still points at its characters.
        sys.stdout.write(clean(text) if text.endswith("\n") else clean(text) + "\n")
    return EXIT_OK


_CORRECTIONS = {
    "merge": "merge_entities",
    "split": "split_entity",
    "rename": "rename_entity",
    "kind": "set_entity_kind",
}


def _correct(corpus: Any, words: list[str]) -> list:
    """`explorer entities merge A B` and the like: the entities as the correction leaves them."""
    op, *rest = words
    if op not in _CORRECTIONS:
        raise UsageError(
            f"entities: expected merge, split, rename or kind, got {op!r}"
            " (list entities with `explorer entities`)"
        )
    if len(rest) != 2:
        usage = {
            "merge": "merge A B",
            "split": "split ENTITY ALIAS",
            "rename": "rename ENTITY NAME",
            "kind": "kind ENTITY person|place|org",
        }[op]
        raise UsageError(
            f"entities {op}: expected `explorer entities {usage}` (quote names with spaces)"
        )
    return getattr(corpus, _CORRECTIONS[op])(*rest)


def _index_summary(corpus: Any, as_json: bool, out: Console) -> int:
    report = corpus.report
    stats = corpus.stats()
    summary = {
        "corpus": str(corpus.root),
        "index": str(corpus.index_path),
        "documents": stats.documents,
        "events": stats.events,
        "quotes": stats.quotes,
        "entities": stats.entities,
        "files_scanned": report.scanned,
        "files_added": report.added,
        "files_changed": report.changed,
        "files_removed": report.removed,
        "files_unchanged": report.unchanged,
        "files_skipped": len(report.skipped),
        "documents_extracted": report.documents,
    }
    if as_json:
        _print_json([summary])
    else:
        out.print(
            f"{stats.documents:,} documents, {stats.events:,} events, {stats.quotes:,} quotes, "
            f"{stats.entities:,} names · {report.added} added, {report.changed} changed, "
            f"{report.removed} removed, {report.unchanged} unchanged, "
            f"{len(report.skipped)} skipped\nindex: {corpus.index_path}"
        )
    return EXIT_OK


def _say(err: Console, line: str, style: str) -> None:
    """One line on stderr; file names and document text in it are shown, never obeyed."""
    err.print(Text(f"explorer: {clean_line(line)}", style=style))


def _print_json(records: Iterable[dict[str, Any]]) -> None:
    write = sys.stdout.write
    for record in records:
        write(json_line(record) + "\n")
    sys.stdout.flush()


def _query(corpus: Any, args: argparse.Namespace) -> tuple[list, Callable[[list], Table]]:
    cmd = args.command
    if cmd == "docs":
        return corpus.documents(entity=args.entity, sort=args.sort), _docs_table
    if cmd == "timeline":
        return (
            corpus.timeline(
                entity=args.entity,
                since=args.since,
                until=args.until,
                doc=args.doc,
                limit=args.limit,
            ),
            _timeline_table,
        )
    if cmd == "quotes":
        return (
            corpus.quotes(
                query=args.query,
                speaker=args.speaker,
                entity=args.entity,
                doc=args.doc,
                limit=args.limit,
            ),
            _quotes_table,
        )
    if cmd == "entities":
        return corpus.entities(kind=args.kind, doc=args.doc), _entities_table
    if cmd == "mentions":
        return (
            corpus.mentions(entity=args.entity, doc=args.doc, kind=args.kind, limit=args.limit),
            _mentions_table,
        )
    if cmd == "find":
        return corpus.find(args.query, kind=args.kind, limit=args.limit), _entities_table
    raise UsageError(f"unknown command {cmd!r}")


class _Table(Table):
    """A table whose cells are plain text: article text is never read as Rich markup, and its
    control characters are shown, not sent to the terminal."""

    def add_row(self, *cells: Any, **kwargs: Any) -> None:  # type: ignore[override]
        super().add_row(
            *(Text(clean_line(c)) if isinstance(c, str) else c for c in cells), **kwargs
        )


def _table(*columns: str) -> Table:
    table = _Table(show_edge=False, pad_edge=False, expand=False, header_style="bold")
    for c in columns:
        table.add_column(c, overflow="fold")
    return table


def _docs_table(docs: list) -> Table:
    t = _table("date", "id", "title", "words", "events", "quotes", "names")
    for d in docs:
        t.add_row(
            d.date or "undated",
            d.id,
            d.title,
            str(d.words),
            str(d.events),
            str(d.quotes),
            str(d.entities),
        )
    return t


def _timeline_table(events: list) -> Table:
    t = _table("date", "expression", "text", "doc")
    for e in events:
        t.add_row(e.date or "unresolved", e.expression, e.text, e.doc)
    return t


def _quotes_table(quotes: list) -> Table:
    t = _table("speaker", "quote", "date", "doc", "docs")
    for q in quotes:
        t.add_row(
            q.speaker or "—", q.display or q.text, q.doc_date or "undated", q.doc, str(q.docs)
        )
    return t


def _mentions_table(mentions: list) -> Table:
    t = _table("doc", "start", "end", "text", "kind", "entity")
    for m in mentions:
        t.add_row(m.doc, str(m.start), str(m.end), m.text, m.kind, str(m.entity_id))
    return t


def _entities_table(entities: list) -> Table:
    t = _table("name", "kind", "aliases", "mentions", "docs")
    for e in entities:
        t.add_row(
            e.name,
            e.kind,
            ", ".join(a for a in e.aliases if a != e.name),
            str(e.mentions),
            str(e.docs),
        )
    return t


if __name__ == "__main__":
    sys.exit(main())
