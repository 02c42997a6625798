"""The dataset card (README.md) of a release: Hugging Face YAML front matter, then the description."""
from __future__ import annotations

import json
import re

SIZE_CATEGORIES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
                   (10_000_000, "1M<n<10M"))


def size_category(n: int) -> str:
    return next((name for limit, name in SIZE_CATEGORIES if n < limit), "10M<n<100M")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def _cell(value) -> str:
    """A value as one Markdown table cell: no line breaks or control characters, markup escaped."""
    text = _CONTROL.sub(" ", str(value)).strip()
    return _MARKDOWN.sub(r"\\\1", text).replace("<", "&lt;").replace(">", "&gt;")


def _table(counts: dict, head: str) -> str:
    rows = "".join(f"| {_cell(k)} | {v:,} |\n" for k, v in counts.items())
    return f"| {head} | documents |\n|---|---|\n{rows}"


def dataset_card(info: dict, manifest: dict) -> str:
    total = sum(c.get("documents", 0) for c in info["counts"].values())
    settings = manifest.get("settings", {})
    dedup = settings.get("dedup", {})
    minhash = dedup.get("minhash", {})
    built = manifest.get("counts", {})
    front = "\n".join([
        "---",
        "pretty_name: worksum — Chinese work-summary documents",
        "language:\n- zh",
        "license: other",
        "license_name: source-pages",
        "license_details: The texts come from public web pages whose rights stay with their authors and sites; "
        "the corpus is shared for research, and removal requests are honoured.",
        "task_categories:\n- text-generation",
        f"size_categories:\n- {size_category(total)}",
        "configs:\n- config_name: default\n  data_files:\n  - split: train\n    path: data/train-*\n"
        "  - split: validation\n    path: data/validation-*",
        "---",
    ])
    body = f"""
# worksum {info['version']}

Chinese work-summary documents (工作总结, 工作汇报, 工作计划, 述职报告, 心得体会 …) collected
from document-sharing and 范文 sites, cleaned of site furniture, converted to Simplified
Chinese and deduplicated. {total:,} documents: {info['counts']['train'].get('documents', 0):,} train,
{info['counts']['validation'].get('documents', 0):,} validation (a {info['validation_share']:.0%} split by a hash
of the document id, so a document stays in its split across releases).

```python
from datasets import load_dataset
ds = load_dataset("parquet", data_files={{"train": "data/train-*.parquet", "validation": "data/validation-*.parquet"}})
```

## Sources

Pages fetched by the worksum crawler (robots.txt obeyed, throttled) and archived as WARC
files; {info['source'].get('inputs') or 0} WARC input(s) went into the build this release comes from.

{_table(info['by_site'], 'site')}
## Cleaning

1. Main text extracted with trafilatura; document-site chrome removed by rules (download and
   report buttons, page counters, paywall notices, editor intros and outros, related lists,
   copyright and ICP footers) and by lines repeated across many pages of one site.
2. Repairs: pinyin inserted after characters, watermark runs of rare characters, anti-copy
   ASCII junk, stray characters inside words, PDF spaces and chunk numbering.
3. Traditional pages converted with OpenCC (t2s, and Taiwan phrases where mainland usage prefers them).
4. Compilation pages split into one document per piece.
5. Rejected: non-Chinese pages, job ads, product pages, news, pages too short or not work documents.
6. Phone numbers, ID numbers and e-mail addresses replaced by [PHONE], [ID], [EMAIL].

## Deduplication

Exact duplicates (text without whitespace and punctuation), then MinHash LSH over character
{minhash.get('ngram', 5)}-grams ({minhash.get('num_perm', 128)} permutations, {minhash.get('bands', 32)} bands ×
{minhash.get('rows', 4)} rows), candidates verified at Jaccard ≥ {dedup.get('near_jaccard', 0.6)} or, for previews,
containment ≥ {dedup.get('contained', 0.8)}. Each cluster keeps its longest, least-placeholder,
original-script copy. Last build: {built.get('duplicates', 0):,} duplicates removed
({json.dumps(built.get('duplicates_by_reason', {}), ensure_ascii=False)}), {built.get('rejected', 0):,} pages rejected
({json.dumps(built.get('rejected_by_reason', {}), ensure_ascii=False)}).

## Contents

Columns: {', '.join(f'`{c}`' for c in info['columns'])} (schema version {info['schema_version']}).

{_table(info['by_doc_type'], 'doc_type')}
{_table(info['by_year'], 'year')}
## Known limitations

- 范文 texts are templates: names are often masked (***, XX) and numbers invented; the
  `placeholder_density` column measures it.
- Site chrome rules were written from the sites' current layouts; new furniture may slip through.
- Traditional→Simplified conversion cannot resolve every ambiguous phrase (資料 → 资料 or 数据).
- Documents are what the sites published: quality, accuracy and political content are not reviewed.
"""
    return front + "\n" + body
