"""Pure per-document extraction: text and metadata in, facts out.

Nothing here touches the disk, the index or the terminal, so the same function runs in a
process pool, a Dask/Ray worker or a test, and its output depends only on its input. The
components and their order are in ``explorer.extract.pipeline``.

The names below load on first use (PEP 562): the index's reader and the command line use a
few small modules of this package (spelling, the gazetteer) and must not pay a third of a
second for the whole pipeline, its models and its rule tables on every command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from explorer.extract.doc import Doc
    from explorer.extract.pipeline import PIPELINE, extract_document
    from explorer.extract.sentences import split_sentences

__all__ = ["PIPELINE", "Doc", "extract_document", "split_sentences"]

_HOMES = {
    "PIPELINE": "explorer.extract.pipeline",
    "extract_document": "explorer.extract.pipeline",
    "Doc": "explorer.extract.doc",
    "split_sentences": "explorer.extract.sentences",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
