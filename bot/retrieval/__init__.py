"""Retrieve step: hybrid search (dense + BM25, reciprocal rank fusion), filters, per-document cap."""
