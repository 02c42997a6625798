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

# What each document column holds, for the dataset card (one place, beside the schema).
DESCRIPTIONS = {
    "id": "stable document id: a hash of the URL and the part number",
    "url": "address the page or file was fetched from (file:// for local files)",
    "site": "host the page came from, without www. or m. (local for files)",
    "part": "0 for a whole page; 1..n for the pieces of a compilation page",
    "title": "the document's title",
    "text": "the cleaned text in Simplified Chinese, one paragraph per line",
    "genre": "document, about (a text about such documents) or other",
    "genre_score": "0..1: how strongly the text reads as a work document",
    "doc_type": "kind of work document (工作总结, 工作计划, 述职报告 …), null when unclear",
    "year": "the year the document is about, null when it does not say",
    "region": "the place the title names (a province, city, county, town …), null when none",
    "region_level": "level of that place: 省, 市, 县, 区, 乡镇, 村, 社区",
    "issuer_kind": "kind of body the title names: 政府, 党委, 局, 学校, 医院, 企业 …",
    "source_script": "script of the page before conversion (zh-Hans or zh-Hant)",
    "script_converted": "true when the text was converted from Traditional Chinese",
    "crawl_time": "when the page was fetched (UTC, ISO 8601)",
    "sha256": "sha256 of the text: changes whenever the text does",
    "chars": "characters in the text",
    "cjk_ratio": "share of CJK characters in the text",
    "placeholder_density": "masked names and figures (XX, ***) per 1,000 characters",
    "repeated_line_ratio": "share of lines that repeat another line",
    "mean_paragraph_chars": "mean paragraph length in characters",
    "noise_chars": "characters of injected noise that were repaired (pinyin, watermarks, junk)",
    "pii_phone": "phone numbers replaced by [PHONE]",
    "pii_id_number": "ID numbers replaced by [ID]",
    "pii_email": "e-mail addresses replaced by [EMAIL]",
    "duplicate_of": "id of the document kept in this one's duplicate cluster; null for kept documents",
    "dup_reason": "exact, near or contained for a duplicate; null for kept documents",
    "dup_similarity": "similarity to the kept copy; null for kept documents",
    "warc_file": "the WARC file (or document file) the page was read from",
}
