"""Answers to questions about shows: the answer service, which reads the catalogue, and
Discord-free answer cards and plain text built from its answers."""
