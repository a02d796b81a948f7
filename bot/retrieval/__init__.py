"""Retrieve step: hybrid search (dense + BM25, fused by standardised scores), filters, per-document cap."""
