"""``explorer serve``: the same app in a browser, through textual-serve.

textual-serve runs one ``explorer`` process per browser tab and streams its terminal to the
page over a websocket. It listens on localhost unless asked otherwise: the app shows every
article of the folder, and a newsroom's folder is not for the whole network.
"""

from __future__ import annotations

import shlex
import socket
import sys
from pathlib import Path
from typing import Any

from explorer.errors import ExplorerError, UsageError

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def app_command(corpus: Path, index: Path | None) -> str:
    """The command each browser tab runs: this interpreter, the same corpus and index."""
    argv = [sys.executable, "-m", "explorer", "--corpus", str(corpus.resolve())]
    if index is not None:
        argv += ["--index", str(index.resolve())]
    return shlex.join(argv)


def check_port_free(host: str, port: int) -> None:
    """Fail with one line before the server starts, not with aiohttp's traceback after."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UsageError(f"serve --host: cannot resolve {host!r} ({exc.strerror})") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise ExplorerError(
                f"serve: cannot listen on {host}:{port} ({exc.strerror}); "
                "choose another with --port"
            ) from None


def serve(corpus: Path, index: Path | None, host: str, port: int, say: Any) -> int:
    """Serve the app on ``host:port`` until Ctrl-C; ``say`` prints a line for the user."""
    from textual_serve.server import Server

    check_port_free(host, port)

    class _Server(Server):
        async def on_startup(self, app: Any) -> None:  # textual-serve prints a banner here
            say(f"explorer: serving {corpus} at {self.public_url} (Ctrl-C stops)")
            if host not in LOCAL_HOSTS:
                say(f"explorer: listening on {host}: other machines can open it too")

    server = _Server(app_command(corpus, index), host=host, port=port, title="explorer")
    server.serve()
    say("explorer: stopped")
    return 0
