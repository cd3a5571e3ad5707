"""Persistence: SQLModel models, the engine and sessions, query functions and migrations.

All SQL in the project lives in this package.
"""
