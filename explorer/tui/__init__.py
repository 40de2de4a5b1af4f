"""The terminal app (Textual). Nothing outside this package imports textual.

Frames every 1/120 s rather than Textual's default 1/60, unless the user set ``TEXTUAL_FPS``
(Textual reads it when first imported, so it is set here, before). A screen only repaints
what changed, and only when something did; but a keystroke's echo, the suggestions it brings
and the scroll after them are separate frames, each waiting for the next tick. At 120 the
keystroke-to-suggestions p95 on Reuters-21578 went from 60 to 40 ms and a filter's p95 from
347 to 227 ms (``benchmarks/bench_app.py``, same machine, one run after the other).
"""

import os

os.environ.setdefault("TEXTUAL_FPS", "120")
