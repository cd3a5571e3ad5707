"""`python -m bot.cli`: the same as the `showbot` command."""

from bot.cli.main import run_and_exit

run_and_exit()
