"""``python -m archive``: see cli.py."""

from .cli import main

raise SystemExit(main())
