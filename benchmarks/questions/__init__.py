"""The question-answering evaluation sets (`*.jsonl`, README.md) and what checks them against
the sources of the catalogue."""
