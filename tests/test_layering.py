"""The data layer must stay usable without Textual: scripts, notebooks and workers import it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "explorer"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_nothing_outside_tui_imports_textual() -> None:
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if "tui" not in path.relative_to(PACKAGE).parts and "textual" in _imports(path)
    ]
    assert offenders == []


def test_extractors_do_not_import_the_index_or_sqlite() -> None:
    extract = PACKAGE / "extract"
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for path in extract.rglob("*.py")
        if {"sqlite3", "textual"} & _imports(path)
        or "explorer.index" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_importing_the_api_and_cli_does_not_load_textual() -> None:
    code = (
        "import sys, explorer.api, explorer.cli, explorer.corpus, explorer.index.writer;"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
