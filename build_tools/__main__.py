"""``python -m build_tools``: see :mod:`build_tools.cli`."""

from .cli import main

raise SystemExit(main())
