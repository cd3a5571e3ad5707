"""`python -m bot.cli`: the same as the `showbot` command."""

from bot.cli.main import main

raise SystemExit(main())
