"""``python -m explorer``: the same as the ``explorer`` command (``explorer serve`` starts the
app this way, with the very interpreter it runs under)."""

import sys

from explorer.cli import main

sys.exit(main())
