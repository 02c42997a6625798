"""Corpus I/O: WARC archives, dedup, Parquet shards, builds, releases; `load` for notebooks."""
from .loader import load

__all__ = ["load"]
