"""Index step: statements -> token-bounded chunks -> embeddings (chromadb) and BM25."""
