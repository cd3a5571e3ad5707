"""The `showbot` command: one module per group of subcommands.

`main` parses the arguments and imports only the module of the command it runs, so the
offline commands (ask, console, resolve, import, db) never load discord.py.
"""
