"""Finding the article files under a corpus folder, and telling a changed file from a touched one.

Discovery looks at names and ``stat`` only; content is read by the format readers. Hidden files
are ignored; everything else that is not read is reported as ``Skipped`` with its reason.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from explorer.errors import UsageError
from explorer.ingest.raw import Skipped

# A single article is a few KB; a 50 MB "article" is a log, a dump or a mistake, and reading it
# would stall the index. Records files (.jsonl/.json) legitimately hold many articles.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_RECORDS_FILE_BYTES = 1024 * 1024 * 1024

TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
RECORDS_SUFFIXES = JSONL_SUFFIXES | JSON_SUFFIXES
SUPPORTED_SUFFIXES: frozenset[str] = (
    TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | RECORDS_SUFFIXES
)


@dataclass(slots=True, frozen=True)
class FileEntry:
    """One file found under the root."""

    rel: str  # path relative to the root, '/'-separated (stable id)
    fspath: str | Path  # absolute; a string from scan (a Path per file cost a third of a scan)
    size: int
    mtime_ns: int

    @property
    def path(self) -> Path:
        """The absolute path, as a ``Path``."""
        return Path(self.fspath)


def scan(root: Path) -> tuple[list[FileEntry], list[Skipped]]:
    """Find every article file under ``root``, recursively, sorted by relative path.

    Only directory listings and one ``stat`` per supported file are done here, so a folder of
    200k files scans in under two seconds; content is looked at by ``read_file``. Hidden files and
    folders (``.git``, ``.DS_Store``, editor swap files) are ignored silently because nobody
    expects them to be articles; everything else that is not read (unsupported type, too large,
    broken link, unreadable folder) is returned as ``Skipped`` so the caller can count it.
    Symbolic links are followed within the corpus; a link to anything outside it is skipped
    with a reason (see ``OUTSIDE_LINK``), and a folder reached twice (a link loop) is listed
    once.
    """
    root = Path(root)
    try:
        st = os.stat(root)
    except FileNotFoundError:
        raise UsageError(f"no such folder: {root}") from None
    except OSError as e:
        raise UsageError(f"cannot open folder {root}: {e.strerror or e}") from None
    if not stat.S_ISDIR(st.st_mode):
        raise UsageError(f"{root} is a file, not a folder: give the folder that holds the articles")
    base = Path(os.path.abspath(root))
    real_root = os.path.realpath(base)
    files: list[FileEntry] = []
    skipped: list[Skipped] = []
    visited: set[tuple[int, int]] = {(st.st_dev, st.st_ino)}
    stack: list[tuple[str, str]] = [(str(base), "")]
    while stack:
        dir_path, prefix = stack.pop()
        try:
            with os.scandir(dir_path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            if not prefix:
                raise UsageError(f"cannot read folder {root}: {e.strerror or e}") from None
            skipped.append(Skipped(prefix, f"unreadable folder: {e.strerror or e}"))
            continue
        subdirs: list[tuple[str, str]] = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = prefix + _safe_name(name)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if _leaves(entry, real_root):
                skipped.append(Skipped(rel + ("/" if is_dir else ""), OUTSIDE_LINK))
                continue
            if is_dir:
                try:
                    dst = entry.stat()
                except OSError as e:
                    skipped.append(Skipped(rel + "/", f"unreadable folder: {e.strerror or e}"))
                    continue
                key = (dst.st_dev, dst.st_ino)
                if key in visited:
                    continue  # a link back to a folder already listed: a loop or a duplicate
                visited.add(key)
                subdirs.append((os.path.join(dir_path, name), rel + "/"))
                continue
            suffix = suffix_of(name)
            if suffix not in SUPPORTED_SUFFIXES:
                reason = (
                    f"unsupported type {suffix}" if suffix else "unsupported type (no extension)"
                )
                skipped.append(Skipped(rel, reason))
                continue
            try:
                fst = entry.stat()
            except FileNotFoundError:
                reason = "broken symbolic link" if entry.is_symlink() else "vanished while scanning"
                skipped.append(Skipped(rel, reason))
                continue
            except OSError as e:
                skipped.append(Skipped(rel, f"unreadable: {e.strerror or e}"))
                continue
            if not stat.S_ISREG(fst.st_mode):
                skipped.append(Skipped(rel, "not a regular file"))
                continue
            limit = size_limit(suffix)
            if fst.st_size > limit:
                skipped.append(Skipped(rel, too_large(fst.st_size, limit)))
                continue
            files.append(FileEntry(rel, entry.path, fst.st_size, fst.st_mtime_ns))
        # Reverse so that popping visits sub-folders in name order: with symbolic links, the
        # first path that reaches a folder wins, and it must be the same one on every run.
        stack.extend(reversed(subdirs))
    files.sort(key=lambda f: f.rel)
    skipped.sort(key=lambda s: s.rel)
    return files, skipped


# A link whose target lies outside the corpus: never followed, so a folder from a stranger
# cannot make the index read (and `show` print) /etc/passwd or a home directory.
OUTSIDE_LINK = "symbolic link to outside the corpus, not followed"


def _leaves(entry: os.DirEntry, real_root: str) -> bool:
    """True for a symbolic link whose target is not inside the corpus folder."""
    try:
        if not entry.is_symlink():
            return False
    except OSError:
        return False
    target = os.path.realpath(entry.path)
    return target != real_root and not target.startswith(real_root.rstrip(os.sep) + os.sep)


def _safe_name(name: str) -> str:
    """A file name as a printable, storable, stable id, never shared by two files.

    Bytes that are not UTF-8 are written ``\\xff``; a backslash of the name itself is written
    twice, so a name that really holds ``\\xff`` can never take another file's id (it did, and
    one of the two files was lost).
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(name).replace(b"\\", b"\\\\")
        return raw.decode("utf-8", errors="backslashreplace")
    return name.replace("\\", "\\\\") if "\\" in name else name


def suffix_of(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def size_limit(suffix: str) -> int:
    return MAX_RECORDS_FILE_BYTES if suffix in RECORDS_SUFFIXES else MAX_FILE_BYTES


def too_large(size: int, limit: int) -> str:
    return f"too large ({size / 1e6:.1f} MB > {limit / 1e6:.0f} MB limit)"


def digest(data: bytes) -> str:
    """Fingerprint of a file's raw bytes, to tell a changed file from a touched one.

    BLAKE2b is faster than SHA-256 in CPython and a 128-bit digest is plenty for change
    detection (this is not a security boundary).
    """
    return hashlib.blake2b(data, digest_size=16).hexdigest()
