"""The Discord adapter, the only part of `bot` that imports discord.py: the client, the
command tree and its error handler, replies on time, embeds from answer cards, message
components and slash-command options. The cogs build on it."""
