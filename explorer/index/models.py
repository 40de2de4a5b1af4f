"""The extraction models, loaded once by each process that extracts: the gazetteer's tables
(from a snapshot file kept between runs) and the names tagger.

Why a snapshot: every extraction worker of a build (each process of the local pool, each
Dask worker) used to build the gazetteer's tables from three packages' data before its first
document, about a second of its core; reading them back from a snapshot takes a third of that.
The snapshot names what it was built from (``gazetteer.fingerprint``: the code, the lists, the
packages' versions), so one of other code or data is never read; a missing, foreign or damaged
file only means the tables are built as before and the snapshot written anew.

Why here and not in ``explorer.extract``: extraction is pure, text in and facts out; where a
process may keep files between runs is the application's business. The snapshot lives with
the default indexes, in the user's cache folder (``EXPLORER_CACHE_DIR`` overrides it).
"""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path

from explorer.extract import gazetteer
from explorer.index.store import cache_dir

__all__ = ["load", "snapshot_path"]

_PREFIX = "gazetteer-"


def snapshot_path() -> Path:
    """Where the snapshot of this code's and these packages' gazetteer is kept."""
    return cache_dir() / f"{_PREFIX}{gazetteer.fingerprint()[:24]}.json"


@cache
def load() -> None:
    """Load the gazetteer (from its snapshot when there is one of this fingerprint, else built
    and its snapshot written) and the names tagger, once per process."""
    path = snapshot_path()
    try:
        blob: bytes | None = path.read_bytes()
    except OSError:
        blob = None
    if blob is None or not gazetteer.restore(blob):
        _save(path, gazetteer.snapshot())  # builds the tables
    from explorer.extract.names import tagger

    tagger.load()


def _save(path: Path, data: bytes) -> None:
    """Write the snapshot whole or not at all (a temporary file renamed over it: two workers
    of a first build may both write), and drop snapshots of other fingerprints. A cache
    folder that cannot be written to is no error: the next process builds the tables again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for old in path.parent.glob(f"{_PREFIX}*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        return
