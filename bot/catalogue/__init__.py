"""The catalogue of shows: the service that keeps the title index in step with the database,
the built-in records, and the importers that turn catalogue files into records."""
