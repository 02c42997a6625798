"""The explicit, versioned Parquet schemas of a built corpus (never inferred from data)."""
from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "1.1"  # 1.1: genre, genre_score, noise_chars

DOCUMENTS = pa.schema([
    pa.field("id", pa.string(), nullable=False),
    pa.field("url", pa.string(), nullable=False),
    pa.field("site", pa.string()),
    pa.field("part", pa.int16()),  # 0 for a whole page, 1..n for the pieces of a compilation page
    pa.field("title", pa.string()),
    pa.field("text", pa.string()),
    pa.field("genre", pa.string()),  # document / about / other (cleaning/genre.py)
    pa.field("genre_score", pa.float32()),  # 0..1: how strongly the text reads as a work document
    pa.field("doc_type", pa.string()),
    pa.field("year", pa.int16()),
    pa.field("region", pa.string()),
    pa.field("region_level", pa.string()),
    pa.field("issuer_kind", pa.string()),
    pa.field("source_script", pa.string()),
    pa.field("script_converted", pa.bool_()),
    pa.field("crawl_time", pa.string()),
    pa.field("sha256", pa.string()),
    pa.field("chars", pa.int32()),
    pa.field("cjk_ratio", pa.float32()),
    pa.field("placeholder_density", pa.float32()),
    pa.field("repeated_line_ratio", pa.float32()),
    pa.field("mean_paragraph_chars", pa.float32()),
    pa.field("noise_chars", pa.int32()),  # injected noise repaired (pinyin, watermark runs, junk): dedup keeps the cleanest copy
    pa.field("pii_phone", pa.int16()),
    pa.field("pii_id_number", pa.int16()),
    pa.field("pii_email", pa.int16()),
    pa.field("duplicate_of", pa.string()),  # null for kept documents
    pa.field("dup_reason", pa.string()),  # exact / near / contained, null for kept documents
    pa.field("dup_similarity", pa.float32()),
    pa.field("warc_file", pa.string()),
], metadata={"worksum.schema_version": SCHEMA_VERSION})

REJECTED = pa.schema([
    pa.field("id", pa.string(), nullable=False),
    pa.field("url", pa.string(), nullable=False),
    pa.field("site", pa.string()),
    pa.field("part", pa.int16()),
    pa.field("title", pa.string()),
    pa.field("reason", pa.string(), nullable=False),
    pa.field("text", pa.string()),
    pa.field("genre", pa.string()),  # null when the page was rejected before its text was read
    pa.field("genre_score", pa.float32()),
    pa.field("crawl_time", pa.string()),
    pa.field("warc_file", pa.string()),
], metadata={"worksum.schema_version": SCHEMA_VERSION})

CLUSTERS = pa.schema([
    pa.field("id", pa.string(), nullable=False),
    pa.field("cluster_id", pa.string(), nullable=False),  # the id of the document the cluster keeps
    pa.field("similarity", pa.float32()),
    pa.field("reason", pa.string()),  # kept / exact / near / contained
    pa.field("build", pa.string()),  # start time of the build that decided this row
], metadata={"worksum.schema_version": SCHEMA_VERSION})

# A release holds kept documents only: the duplicate columns would always be empty.
RELEASE = pa.schema([f for f in DOCUMENTS if f.name not in ("duplicate_of", "dup_reason", "dup_similarity")],
                    metadata={"worksum.schema_version": SCHEMA_VERSION})
