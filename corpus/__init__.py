"""Corpus I/O: WARC archives, dedup, Parquet shards, builds, releases; `load` for notebooks."""

__all__ = ["load"]


def __getattr__(name: str):
    # `load` brings pandas and pyarrow.dataset (~0.7 s): imported when asked for, not by every process
    # that touches the package (the crawler writes WARC files with corpus.warc).
    if name == "load":
        from .loader import load

        return load
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
