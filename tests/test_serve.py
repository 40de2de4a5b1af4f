"""`explorer serve`: the app in a real browser. The server starts on a free port, headless
Chromium loads the page, the three pane titles arrive in the terminal the page draws, a
screenshot is kept as an artefact (test-artifacts/serve.png, or $EXPLORER_TEST_ARTIFACTS),
and Ctrl-C stops the server cleanly."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tui_corpus import ARTICLES, write_articles

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("EXPLORER_TEST_ARTIFACTS", REPO / "test-artifacts"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Chromium in a closed sandbox: no first-run work, no calls home (refused here, and slow).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Keeps what the page's websocket brings: the bytes the app writes to its terminal.
RECORD_TERMINAL = """
(() => {
  window.__terminal = "";
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    const decoder = new TextDecoder();
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        window.__terminal += decoder.decode(new Uint8Array(event.data), {stream: true});
      }
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, Native);
})();
"""
ESCAPES = re.compile(r"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(tmp_path: Path, port: int) -> subprocess.Popen:
    folder = write_articles(tmp_path / "news", ARTICLES)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "explorer", "serve", "--port", str(port),
               "--corpus", str(folder), "--index", str(tmp_path / "index.sqlite")]  # fmt: skip
    server = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    assert server.stdout is not None
    first = server.stdout.readline()
    assert f"http://127.0.0.1:{port}" in first, first
    return server


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium: .ci/run installs Debian's chromium")
def test_the_app_runs_in_a_browser(tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    port = free_port()
    server = start_server(tmp_path, port)
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.add_init_script(RECORD_TERMINAL)
            page.goto(f"http://127.0.0.1:{port}/")
            seen = ""
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                seen = ESCAPES.sub("", page.evaluate("window.__terminal || ''"))
                if all(t in seen for t in ("Documents", "Timeline", "Quotes", "Kandahar")):
                    break
                time.sleep(0.5)
            time.sleep(1)  # the last frame drawn
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shot = ARTIFACTS / "serve.png"
            page.screenshot(path=str(shot))
            before = len(page.evaluate("window.__terminal"))
            page.click("#terminal")  # the keys go to the terminal
            page.keyboard.press("m")  # and reach the app: the map opens
            mapped = ""
            while time.monotonic() < deadline and "places" not in mapped:
                mapped = ESCAPES.sub("", page.evaluate("window.__terminal")[before:])
                time.sleep(0.5)
            time.sleep(1)
            page.screenshot(path=str(ARTIFACTS / "serve-map.png"))
            browser.close()
        for title in ("Documents", "Timeline", "Quotes"):
            assert title in seen, f"{title!r} never reached the page"
        assert "Kandahar" in seen  # the articles, not an empty app
        assert "Map" in mapped and "places" in mapped
        assert shot.stat().st_size > 10_000
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C
        out, _ = server.communicate(timeout=30)
    assert server.returncode == 0, out
    assert "stopped" in out


def test_serve_refuses_a_busy_port_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "explorer", "serve", "--port", str(port), "--corpus",
             str(write_articles(tmp_path / "news", ARTICLES))],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "choose another with --port" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_checks_its_options() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "explorer", "serve", "--port", "0"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2 and "port" in done.stderr
