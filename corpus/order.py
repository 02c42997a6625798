"""The corpus order: the one rule both build engines (local, Ray) follow, so that they write the same corpus.

- inputs: the WARC files in the order `find_inputs` lists them, then the document files in that order;
- pages: in record order within their file (of several copies of a URL only the chosen one is a page);
- documents: in the order the cleaning cuts them from their page (part 0, or parts 1..n).
Every position that depends on order follows it: the rows of data/ and of dedup/clusters.parquet,
the rows of rejected/ (first the WARC records that never became pages, then the rejected documents),
and the row numbers of the dedup candidates, which break ties in clustering (the first copy of an
exact duplicate, the first of equally good containers). A distributed build numbers its pieces of
work in this order and puts their outputs back together in it.
"""
from __future__ import annotations

from .files import input_order

__all__ = ["input_order"]
