"""The command line: the app by default, and JSON-or-table commands over the same index.

Every command brings a stale index up to date first, prints a rich table for people or, with
``--json``, one JSON object per line for scripts (and nothing else on stdout). A mistake the
user can fix is one line on stderr and exit code 2; a failure is exit code 1; Ctrl-C is 130.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from explorer.errors import ExplorerError, UsageError
from explorer.export import FORMATS
from explorer.index.query import MAX_LIMIT
from explorer.index.query_language import SUBJECTS
from explorer.records import ENTITY_KINDS
from explorer.safe_text import clean, clean_line, json_line
from explorer.table import Column, render

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
# Rows a query prints unless given --limit or --all: a screenful or two, never 200k lines.
PAGE = 50


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


class Stderr:
    """Where the one-line messages go: coloured on a terminal (unless NO_COLOR), plain in a log.

    Not a rich Console: loading rich's console costs a tenth of a second, a fifth of what a
    whole command may take; it is loaded only to draw the progress bar of a long update.
    """

    _STYLES = {"red": "31", "yellow": "33", "dim": "2"}

    def __init__(self) -> None:
        self.stream = sys.stderr
        try:
            self.is_terminal = self.stream.isatty()
        except (AttributeError, ValueError):
            self.is_terminal = False
        self._colour = self.is_terminal and "NO_COLOR" not in os.environ

    def print(self, line: str, style: str | None = None) -> None:
        """Write ``line`` (already cleaned of control characters) and a newline."""
        code = self._STYLES.get(style or "") if self._colour else None
        self.stream.write(f"\x1b[{code}m{line}\x1b[0m\n" if code else line + "\n")
        self.stream.flush()


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
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local (default: incremental, a process pool here) or dask (the whole folder as"
        " shards on a Dask cluster, merged here)",
    )
    p.add_argument("--workers", type=_positive, help="dask: worker processes of a local cluster")
    p.add_argument("--scheduler", help="dask: the address of a running scheduler (tcp://HOST:8786)")

    p = sub.add_parser("docs", help="list documents")
    _common(p)
    _query_arg(p, "words of the article, fields, OR, NOT (see `explorer help query`)")
    p.add_argument("--sort", choices=("date", "-date", "title"), default="date")
    p.add_argument("--entity", help="only documents mentioning this person/place/org")
    _page(p, "documents")

    p = sub.add_parser("show", help="print a document's text (the text all offsets index into)")
    _common(p)
    p.add_argument("doc", metavar="DOC", help="document id, as `explorer docs` lists it")

    p = sub.add_parser("timeline", help="dated events in date order")
    _common(p)
    _query_arg(p, "words of the event's sentence, fields, OR, NOT (see `explorer help query`)")
    p.add_argument("--entity", help="only events naming this person/place/org")
    p.add_argument("--since", help="YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--until", help="YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--doc", help="only events of this document")
    _page(p, "events")

    p = sub.add_parser("quotes", help="direct quotes and who said them")
    _common(p)
    _query_arg(p, "words of the quote (typos tolerated), fields, OR, NOT (`explorer help query`)")
    p.add_argument("--speaker", help="speaker name (fuzzy, aliases included)")
    p.add_argument("--entity", help="quotes by or about this person/place/org")
    p.add_argument("--doc", help="only quotes of this document")
    _page(p, "quotes")

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
        help="a QUERY of names (`explorer help query`), or merge A B | split ENTITY ALIAS |"
        " rename ENTITY NAME | kind ENTITY KIND",
    )
    p.add_argument("--kind", choices=ENTITY_KINDS)
    p.add_argument("--doc", help="only entities of this document")
    _saved_arg(p)
    _page(p, "entities")

    p = sub.add_parser("mentions", help="every place a name is named, with its offsets")
    _common(p)
    p.add_argument("--doc", help="only mentions in this document")
    p.add_argument("--entity", help="only mentions of this person/place/org (id or name)")
    p.add_argument("--kind", choices=ENTITY_KINDS)
    _page(p, "mentions")

    p = sub.add_parser("find", help="fuzzy lookup of names and places")
    _common(p)
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--kind", choices=ENTITY_KINDS)
    p.add_argument("--limit", type=_positive, default=10, help="at most N names (default 10)")

    p = sub.add_parser(
        "export",
        help="the records of a query with their citations: CSV, JSON lines, Markdown, GeoJSON",
        description="Every row carries doc, doc_title, doc_date, source, url, path, start and"
        " end before the record's fields. All matching rows unless --limit is given.",
    )
    _common(p, json_flag=False)
    p.add_argument("subject", choices=SUBJECTS, metavar="docs|timeline|quotes|entities")
    _query_arg(p, "which records (see `explorer help query`); all when left out")
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="csv",
        help="csv (default), jsonl, md, or geojson (entities with coordinates)",
    )
    p.add_argument("--kind", choices=ENTITY_KINDS, help="entities of this kind only")
    p.add_argument("--out", type=_path, metavar="FILE", help="write to FILE (default: stdout)")
    p.add_argument("--limit", type=_positive, help="at most N rows (default: all)")

    p = sub.add_parser(
        "contradictions",
        help="passages that disagree: one event dated two ways, one thing counted two ways",
        description="Records {kind, subject, a, b, note}; a and b are {doc, start, end, text,"
        " value}. QUERY narrows the documents compared (`explorer help query`).",
    )
    _common(p)
    _query_arg(p, "the documents to compare (all when left out)")

    p = sub.add_parser("saved", help="saved searches: add NAME QUERY | list | rm NAME")
    _common(p)
    p.add_argument("action", choices=("add", "list", "rm"), metavar="add|list|rm")
    p.add_argument("words", nargs="*", metavar="NAME [QUERY]")

    p = sub.add_parser("bookmark", help="pin a passage: add DOC:START-END [--note TEXT] | rm N")
    _common(p)
    p.add_argument("action", choices=("add", "rm"), metavar="add|rm")
    p.add_argument("passage", metavar="DOC:START-END|N", help="a passage, or a bookmark's number")
    p.add_argument("--note", help="a note kept with the bookmark")

    p = sub.add_parser("bookmarks", help="pinned passages with their citations")
    _common(p)

    p = sub.add_parser(
        "serve",
        help="the app in a browser (textual-serve), on this machine only unless --host says",
    )
    _common(p, json_flag=False)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=_port, default=8000, help="port to listen on (default 8000)")

    p = sub.add_parser("help", help="more help: `explorer help query`")
    p.add_argument("topic", nargs="?", choices=("query",), metavar="TOPIC")
    return parser


def _query_arg(p: argparse.ArgumentParser, what: str) -> None:
    """The positional QUERY of the query language, and --saved NAME that adds a saved one."""
    p.add_argument("query", nargs="?", metavar="QUERY", help=what)
    _saved_arg(p)


def _saved_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--saved", metavar="NAME", help="run the saved search NAME (and QUERY)")


def _page(p: argparse.ArgumentParser, what: str) -> None:
    """--limit and --all: a query prints a first page unless asked for more (stderr says so)."""
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--limit",
        type=_positive,
        default=PAGE,
        help=f"at most N {what} (default {PAGE})",
    )
    group.add_argument("--all", action="store_true", help=f"all {what}, however many")


def _path(value: str) -> Path:
    """A path option: an empty one would silently mean the current folder."""
    if not value.strip():
        raise argparse.ArgumentTypeError("an empty path names nothing")
    return Path(value)


def _port(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {value!r}") from None
    if not 1 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 1 to 65535, got {n}")
    return n


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
    args = build_parser().parse_args(_negations(sys.argv[1:] if argv is None else argv))
    err = Stderr()
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


def _negations(argv: Sequence[str]) -> list[str]:
    """A query that starts with a minus (``explorer quotes -speaker:wallace``) is a query, not
    an option: argparse takes any word starting with "-" for an option it does not know, so
    such a word gets a leading space (which the query parser skips) and reads as QUERY."""
    out: list[str] = []
    for i, a in enumerate(argv):
        before = argv[i - 1] if i else ""
        value = (
            before.startswith("--") and before != "--" and "=" not in before
        ) and before not in _FLAGS
        dashed = len(a) > 1 and a[0] == "-" and a[1] != "-" and a != "-h" and not a[1].isdigit()
        if dashed and value:  # "--sort -date": the option's value, which argparse would refuse
            out[-1] = f"{before}={a}"
        else:
            out.append(" " + a if dashed else a)
    return out


# Options that take no value: a word after one of them may be a query.
_FLAGS = frozenset({"--json", "--all", "--rebuild", "--help"})


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _run(args: argparse.Namespace, err: Stderr) -> int:
    corpus_dir: Path = getattr(args, "corpus", None) or bundled_corpus()
    index: Path | None = getattr(args, "index", None)
    if args.command is None:
        from explorer.tui.app import run_app  # Textual is loaded only for the app

        return run_app(corpus_dir, index)
    if args.command == "help":
        if args.topic == "query":
            from explorer.index.query_language import HELP

            sys.stdout.write(HELP)
        else:
            build_parser().print_help()
        return EXIT_OK
    if args.command == "serve":
        from explorer.tui.serve import serve  # textual-serve is loaded only for the server

        if not corpus_dir.is_dir():
            raise UsageError(f"serve --corpus: {corpus_dir} is not a folder")
        return serve(corpus_dir, index, args.host, args.port, lambda s: err.print(clean_line(s)))
    if args.command == "saved":
        return _saved(corpus_dir, args, getattr(args, "json", False), err)

    as_json = getattr(args, "json", False)
    if args.command == "index" and args.engine == "dask":
        _dask_build(corpus_dir, index, args, err)
    elif args.command == "index" and (args.workers or args.scheduler):
        raise UsageError("index: --workers and --scheduler are options of --engine dask")
    corpus = _open(
        corpus_dir,
        index,
        err,
        rebuild=getattr(args, "rebuild", False),
        stale_ok=args.command != "index",
    )
    with corpus:
        if corpus.stats().documents == 0:
            skipped = len(corpus.report.skipped) if corpus.report else 0
            raise UsageError(
                f"no documents in {corpus.root}: it holds no readable .txt, .md, .html or .json(l)"
                f" files ({skipped} skipped)"
            )
        if args.command == "index":
            return _index_summary(corpus, as_json)
        if args.command == "show":
            return _show(corpus, args.doc, as_json)
        if args.command == "entities" and len(args.correction) > 1:
            records = _correct(corpus, args.correction)
            _print_json(r.to_dict() for r in records) if as_json else _entities_table(records)
            return EXIT_OK
        if args.command == "entities":  # one word: a QUERY of names
            args.query = args.correction[0] if args.correction else None
        if args.command == "export":
            return _export(corpus, args, err)
        if args.command in ("bookmark", "bookmarks"):
            return _bookmarks(corpus, args, as_json, err)
        if args.command == "contradictions":
            return _contradictions(corpus, args, as_json, err)
        limit = None if getattr(args, "all", False) else args.limit
        # One row past the page says whether there are more, without counting them all.
        records, table = _query(corpus, args, None if limit is None else limit + 1)
        more = limit is not None and len(records) > limit
        records = records[:limit]
        if as_json:
            _print_json(r.to_dict() for r in records)
        else:
            table(records)
        if not records:
            err.print("(no results)", style="dim")
        elif more:
            err.print(
                f"{len(records):,} shown; more match — use --limit N"
                + (" or --all" if args.command != "find" else ""),
                style="dim",
            )
    return EXIT_OK


def _dask_build(
    corpus_dir: Path, index: Path | None, args: argparse.Namespace, err: Stderr
) -> None:
    """`explorer index --engine dask`: the whole folder built on a Dask cluster, in place of the
    index; the summary after it is the local engine's (the index is then up to date)."""
    try:
        from explorer.index import dask_engine
    except ImportError:
        raise UsageError("index --engine dask needs Dask: uv sync --extra dask") from None
    from explorer.index.store import default_index_path

    if not corpus_dir.is_dir():
        raise UsageError(f"index --corpus: {corpus_dir} is not a folder")
    target = index or default_index_path(corpus_dir)
    bar = _Bar(err) if err.is_terminal else None
    try:
        dask_engine.build(
            corpus_dir,
            target,
            workers=args.workers,
            scheduler=args.scheduler,
            progress=bar.progress if bar else None,
            notice=lambda line: _say(err, line, "dim"),
        )
    finally:
        if bar is not None:
            bar.close()


def _open(
    corpus_dir: Path, index: Path | None, err: Stderr, rebuild: bool = False, stale_ok: bool = True
):
    from explorer.corpus import Corpus

    if not err.is_terminal:
        return Corpus.open(
            corpus_dir,
            index,
            rebuild=rebuild,
            warn=lambda line: _say(err, line, "yellow"),
            stale_ok=stale_ok,
        )
    bar = _Bar(err)
    try:
        return Corpus.open(
            corpus_dir,
            index,
            rebuild=rebuild,
            warn=bar.warn,
            progress=bar.progress,
            stale_ok=stale_ok,
        )
    finally:
        bar.close()


class _Bar:
    """The progress bar of an update on a terminal, drawn (and rich loaded) only when the
    update has files to read: an index already up to date costs no import."""

    def __init__(self, err: Stderr) -> None:
        self.err = err
        self.bar: Any = None
        self.console: Any = None
        self.task: Any = None

    def progress(self, done: int, total: int) -> None:
        if self.bar is None:
            if not total:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self.console = Console(stderr=True, highlight=False, soft_wrap=True)
            self.bar = Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=self.console,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("indexing", total=total)
        self.bar.update(self.task, completed=done, total=total or None)

    def warn(self, line: str) -> None:
        """A warning line; above the bar while it is drawn, so the bar stays whole."""
        if self.console is None:
            _say(self.err, line, "yellow")
            return
        from rich.text import Text

        self.console.print(Text(f"explorer: {clean_line(line)}", style="yellow"))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


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
            " (list entities with `explorer entities`, or search them with one QUERY in quotes)"
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


def _index_summary(corpus: Any, as_json: bool) -> int:
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
        print(
            f"{stats.documents:,} documents, {stats.events:,} events, {stats.quotes:,} quotes, "
            f"{stats.entities:,} names · {report.added} added, {report.changed} changed, "
            f"{report.removed} removed, {report.unchanged} unchanged, "
            f"{len(report.skipped)} skipped\nindex: {corpus.index_path}"
        )
    return EXIT_OK


def _say(err: Stderr, line: str, style: str) -> None:
    """One line on stderr; file names and document text in it are shown, never obeyed."""
    err.print(f"explorer: {clean_line(line)}", style=style)


def _print_json(records: Iterable[dict[str, Any]]) -> None:
    write = sys.stdout.write
    for record in records:
        write(json_line(record) + "\n")
    sys.stdout.flush()


def _query_text(corpus_dir: Path, args: argparse.Namespace) -> str | None:
    """QUERY, and the saved search --saved names, as one query (both must hold)."""
    query = getattr(args, "query", None)
    name = getattr(args, "saved", None)
    if not name:
        return query
    from explorer.saved import Kept

    saved = Kept(corpus_dir).search(name)
    return f"({saved}) ({query})" if query and query.strip() else saved


def _query(
    corpus: Any, args: argparse.Namespace, limit: int | None
) -> tuple[list, Callable[[list], None]]:
    cmd = args.command
    query = _query_text(corpus.root, args)
    if cmd == "docs":
        return (
            corpus.documents(entity=args.entity, query=query, sort=args.sort, limit=limit),
            _docs_table,
        )
    if cmd == "timeline":
        return (
            corpus.timeline(
                entity=args.entity,
                since=args.since,
                until=args.until,
                doc=args.doc,
                limit=limit,
                query=query,
            ),
            _timeline_table,
        )
    if cmd == "quotes":
        return (
            corpus.quotes(
                query=query,
                speaker=args.speaker,
                entity=args.entity,
                doc=args.doc,
                limit=limit,
            ),
            _quotes_table,
        )
    if cmd == "entities":
        return (
            corpus.entities(kind=args.kind, doc=args.doc, limit=limit, query=query),
            _entities_table,
        )
    if cmd == "mentions":
        return (
            corpus.mentions(entity=args.entity, doc=args.doc, kind=args.kind, limit=limit),
            _mentions_table,
        )
    if cmd == "find":
        return corpus.find(args.query, kind=args.kind, limit=limit), _entities_table
    raise UsageError(f"unknown command {cmd!r}")


def _export(corpus: Any, args: argparse.Namespace, err: Stderr) -> int:
    """`explorer export SUBJECT [QUERY]`: every matching record with its citation."""
    from explorer.export import citation_rows, write
    from explorer.index.query import Query

    query = _query_text(corpus.root, args)
    if args.kind and args.subject != "entities":
        raise UsageError("export --kind: only entities have a kind (export entities --kind place)")
    records = corpus.search(args.subject, query, Query(limit=args.limit, kind=args.kind))
    rows = citation_rows(args.subject, records, corpus.reader)
    if args.out is None:
        write(args.subject, rows, args.format, sys.stdout)
        sys.stdout.flush()
    else:
        out: Path = args.out
        tmp = out.with_name(out.name + ".part")
        try:
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                write(args.subject, rows, args.format, f)
            os.replace(tmp, out)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise ExplorerError(f"cannot write {out}: {exc.strerror or exc}") from None
        err.print(f"explorer: {len(rows):,} rows written to {clean_line(str(out))}", style="dim")
    if not rows:
        err.print("(no results)", style="dim")
    return EXIT_OK


def _contradictions(corpus: Any, args: argparse.Namespace, as_json: bool, err: Stderr) -> int:
    """`explorer contradictions [QUERY]`: disagreements among the documents the query selects."""
    query = _query_text(corpus.root, args)
    records = corpus.contradictions(query)
    if as_json:
        _print_json(r.to_dict() for r in records)
    else:
        _print_table(
            [
                Column("kind"),
                Column("a"),
                Column("b"),
                Column("a doc"),
                Column("b doc"),
                Column("subject", flex=True),
                Column("note", flex=True),
            ],
            (
                (
                    r.kind,
                    str(r.a["value"]),
                    str(r.b["value"]),
                    f"{r.a['doc']}:{r.a['start']}",
                    f"{r.b['doc']}:{r.b['start']}",
                    r.subject,
                    r.note,
                )
                for r in records
            ),
        )
    if not records:
        err.print("(no contradictions found)", style="dim")
    return EXIT_OK


def _saved(corpus_dir: Path, args: argparse.Namespace, as_json: bool, err: Stderr) -> int:
    """`explorer saved add NAME QUERY | list | rm NAME`; no index is opened."""
    from explorer.saved import Kept

    kept = Kept(corpus_dir)
    words = args.words
    if args.action == "list":
        if words:
            raise UsageError("saved list: takes no NAME")
        records = kept.searches()
    elif args.action == "add":
        if len(words) < 2:
            raise UsageError("saved add: expected `explorer saved add NAME QUERY`")
        records = [kept.save_search(words[0], " ".join(words[1:]))]
    else:
        if len(words) != 1:
            raise UsageError("saved rm: expected `explorer saved rm NAME`")
        records = [kept.remove_search(words[0])]
    if as_json:
        _print_json(r.to_dict() for r in records)
    else:
        _print_table(
            [Column("name"), Column("query", flex=True)], ((r.name, r.query) for r in records)
        )
        if args.action == "list" and not records:
            err.print(
                "(no saved searches; add one with `explorer saved add NAME QUERY`)", style="dim"
            )
    return EXIT_OK


def _bookmarks(corpus: Any, args: argparse.Namespace, as_json: bool, err: Stderr) -> int:
    """`explorer bookmark add|rm ...` and `explorer bookmarks`."""
    from explorer.saved import Kept, parse_passage

    kept = Kept(corpus.root)
    if args.command == "bookmark" and args.action == "add":
        doc, start, end = parse_passage(args.passage)
        records = [kept.add_bookmark(corpus, doc, start, end, args.note)]
    elif args.command == "bookmark":
        records = [kept.remove_bookmark(corpus, args.passage)]
    else:
        records = kept.bookmarks(corpus)
    if as_json:
        _print_json(r.to_dict() for r in records)
        return EXIT_OK
    listing = args.command == "bookmarks"
    columns = [
        Column("passage"),
        Column("status"),
        Column("date"),
        Column("note", flex=True),
        Column("text", flex=True),
    ]
    rows = [
        (f"{b.doc}:{b.start}-{b.end}", b.status, b.doc_date or "undated", b.note or "", b.text)
        for b in records
    ]
    if listing:  # numbered: `explorer bookmark rm N`
        columns.insert(0, Column("n", numeric=True))
        rows = [(str(i), *row) for i, row in enumerate(rows, 1)]
    _print_table(columns, rows)
    if listing and not records:
        err.print("(no bookmarks; add one with `explorer bookmark add DOC:START-END`)", style="dim")
    return EXIT_OK


def _print_table(columns: list[Column], rows: Iterable[Sequence[str]]) -> None:
    """A table on stdout (``explorer.table``): fitted to a terminal, uncut into a pipe."""
    out = sys.stdout
    tty = out.isatty()
    width = shutil.get_terminal_size().columns if tty else None
    render(columns, rows, out, width=width, bold=tty and "NO_COLOR" not in os.environ)
    out.flush()


def _docs_table(docs: list) -> None:
    _print_table(
        [
            Column("date"),
            Column("id"),
            Column("words", numeric=True),
            Column("events", numeric=True),
            Column("quotes", numeric=True),
            Column("names", numeric=True),
            Column("title", flex=True),
        ],
        (
            (
                d.date or "undated",
                d.id,
                str(d.words),
                str(d.events),
                str(d.quotes),
                str(d.entities),
                d.title,
            )
            for d in docs
        ),
    )


def _timeline_table(events: list) -> None:
    _print_table(
        [Column("date"), Column("doc"), Column("expression", flex=True), Column("text", flex=True)],
        ((e.date or "unresolved", e.doc, e.expression, e.text) for e in events),
    )


def _quotes_table(quotes: list) -> None:
    _print_table(
        [
            Column("date"),
            Column("doc"),
            Column("docs", numeric=True),
            Column("speaker", flex=True),
            Column("quote", flex=True),
        ],
        (
            (q.doc_date or "undated", q.doc, str(q.docs), q.speaker or "—", q.display or q.text)
            for q in quotes
        ),
    )


def _mentions_table(mentions: list) -> None:
    _print_table(
        [
            Column("doc"),
            Column("start", numeric=True),
            Column("end", numeric=True),
            Column("kind"),
            Column("entity", numeric=True),
            Column("text", flex=True),
        ],
        ((m.doc, str(m.start), str(m.end), m.kind, str(m.entity_id), m.text) for m in mentions),
    )


def _entities_table(entities: list) -> None:
    _print_table(
        [
            Column("mentions", numeric=True),
            Column("docs", numeric=True),
            Column("kind"),
            Column("name", flex=True),
            Column("aliases", flex=True),
        ],
        (
            (
                str(e.mentions),
                str(e.docs),
                e.kind,
                e.name,
                ", ".join(a for a in e.aliases if a != e.name),
            )
            for e in entities
        ),
    )


if __name__ == "__main__":
    sys.exit(main())
