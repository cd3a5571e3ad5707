"""showbot's application core: settings, the bot, the CLI and the Discord-free services."""
