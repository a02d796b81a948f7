"""Kansli: answers from, and first drafts grounded in, a municipality's past statements."""

__version__ = "0.1.0"
