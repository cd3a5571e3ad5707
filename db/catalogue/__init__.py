"""Writing to the catalogue: merge show records into what is stored.

`CatalogueWriter` is the way in; the modules beside it are its parts: `show_index` finds a
record's stored show, `merge` diffs a record against it, `credits` and `sources` resolve the
rows shows share, and `lookups` holds the reads done by key. `export` writes the catalogue
out as a records document, and `restore` puts a show back as a record says it was.
"""

from db.catalogue.export import export_catalogue, show_record
from db.catalogue.lookups import count_shows
from db.catalogue.restore import recreate_show, replace_show
from db.catalogue.sources import UnknownSourceError
from db.catalogue.writer import CatalogueWriter, UpsertOutcome

__all__ = [
    "CatalogueWriter",
    "UnknownSourceError",
    "UpsertOutcome",
    "count_shows",
    "export_catalogue",
    "recreate_show",
    "replace_show",
    "show_record",
]
