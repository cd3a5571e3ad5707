"""Writing to the catalogue: merge show records into what is stored.

`CatalogueWriter` is the way in; the modules beside it are its parts: `show_index` finds a
record's stored show, `merge` diffs a record against it, `credits` and `sources` resolve the
rows shows share, and `lookups` holds the reads done by key.
"""

from db.catalogue.lookups import count_shows
from db.catalogue.sources import UnknownSourceError
from db.catalogue.writer import CatalogueWriter, UpsertOutcome

__all__ = ["CatalogueWriter", "UnknownSourceError", "UpsertOutcome", "count_shows"]
