"""``python -m bot`` is the same as the ``ringetraener`` command."""

from bot.cli import main

raise SystemExit(main())
