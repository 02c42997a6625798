"""The dataset card (README.md) of a release: Hugging Face YAML front matter, then the description.

Everything in it comes from release.json and the first document of the release, so releasing the
same corpus twice gives the same card. The front matter follows the Hub's dataset card metadata:
`license: other` with `license_name` and `license_link` (LICENSE.md in the release), `configs` naming
only splits that hold documents, and `dataset_info` with the features and split sizes.
"""
from __future__ import annotations

import json
import re

from . import schema
from .stats import counts_text

LICENSE_FILE = "LICENSE.md"
LICENSE_NAME = "worksum-source-pages"
SIZE_CATEGORIES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
                   (10_000_000, "1M<n<10M"))
EXAMPLE_TEXT_CHARS = 160  # of the example row's text shown in the card

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def size_category(n: int) -> str:
    return next((name for limit, name in SIZE_CATEGORIES if n < limit), "10M<n<100M")


def _cell(value) -> str:
    """A value as one Markdown table cell: no line breaks or control characters, markup escaped."""
    text = _CONTROL.sub(" ", str(value)).strip()
    return _MARKDOWN.sub(r"\\\1", text).replace("<", "&lt;").replace(">", "&gt;")


def _table(counts: dict, head: str) -> str:
    rows = "".join(f"| {_cell(k)} | {v:,} |\n" for k, v in counts.items())
    return f"| {head} | documents |\n|---|---:|\n{rows}"


def hf_dtype(t) -> str:
    """The `datasets` dtype name of an Arrow type of the schema (float32 is "float" to Arrow)."""
    return {"float": "float32", "double": "float64"}.get(str(t), str(t))


def front_matter(info: dict) -> str:
    total = sum(info["counts"][s]["documents"] for s in info["splits"])
    features = "".join(f"  - name: {f.name}\n    dtype: {hf_dtype(f.type)}\n" for f in schema.DOCUMENTS)
    data_files = "".join(f"  - split: {s}\n    path: data/{s}-*\n" for s in info["splits"])
    splits = "".join(f"  - name: {s}\n    num_examples: {info['counts'][s]['documents']}\n" for s in info["splits"])
    download = sum(f["bytes"] for f in info["files"])
    return (
        "---\n"
        "pretty_name: worksum — Chinese work-summary documents\n"
        "language:\n- zh\n"
        "license: other\n"
        f"license_name: {LICENSE_NAME}\n"
        f"license_link: {LICENSE_FILE}\n"
        "task_categories:\n- text-generation\n"
        f"size_categories:\n- {size_category(total)}\n"
        f"configs:\n- config_name: default\n  data_files:\n{data_files}"
        f"dataset_info:\n  features:\n{features}  splits:\n{splits}"
        f"  download_size: {download}\n"
        "---\n"
    )


def _example(row: dict) -> str:
    """The first document of the release as JSON, its text cut short, floats rounded."""
    shown = {}
    for name in schema.DOCUMENTS.names:
        value = row.get(name)
        if name == "text" and value and len(value) > EXAMPLE_TEXT_CHARS:
            value = value[:EXAMPLE_TEXT_CHARS] + "…"
        shown[name] = round(value, 4) if isinstance(value, float) else value
    body = json.dumps(shown, ensure_ascii=False, indent=2)
    fence = "`" * max(3, max((len(m) for m in re.findall(r"`+", body)), default=0) + 1)
    return f"{fence}json\n{body}\n{fence}"


def _number(value, default) -> str:
    return f"{value:,}" if isinstance(value, (int, float)) else str(default)


def _totals(info: dict) -> str:
    rows = "".join(f"| {s} | {info['counts'][s]['documents']:,} | {info['counts'][s]['chars']:,} |\n"
                   for s in info["splits"])
    docs = sum(info["counts"][s]["documents"] for s in info["splits"])
    chars = sum(info["counts"][s]["chars"] for s in info["splits"])
    return f"| split | documents | characters |\n|---|---:|---:|\n{rows}| all | {docs:,} | {chars:,} |\n"


def _loading(info: dict) -> str:
    files = ", ".join(f'"{s}": "data/{s}-*.parquet"' for s in info["splits"])
    return f"""```python
from datasets import load_dataset
ds = load_dataset("path/to/this/folder")   # or the Hub id it is published under; the splits come from this card
ds = load_dataset("parquet", data_files={{{files}}})

import pandas as pd;  df = pd.read_parquet("data")
import duckdb;        duckdb.sql("select doc_type, count(*) from 'data/*.parquet' group by 1").df()
import polars as pl;  pl.scan_parquet("data/*.parquet").filter(pl.col("year") == 2023).collect()
```"""


def _build_figures(source: dict) -> str:
    builds = source.get("all_builds") or {}
    if not builds.get("builds"):
        return "The build figures of the corpus were not recorded."
    dups, rejected = counts_text(builds.get("duplicates_by_reason", {})), counts_text(builds.get("rejected_by_reason", {}))
    return (f"Over the {builds['builds']} build(s) of the corpus this release comes from, {builds['pages']:,} pages "
            f"were read: {builds['kept']:,} kept, {builds['duplicates']:,} removed as duplicates"
            + (f" ({dups})" if dups else "") + f" and {builds['rejected']:,} rejected" + (f" ({rejected})" if rejected
                                                                                          else "") + ".")


def dataset_card(info: dict, example: dict) -> str:
    source = info.get("source", {})
    dedup = (source.get("settings") or {}).get("dedup") or {}
    minhash = dedup.get("minhash") or {}
    counts = info["counts"]
    total = sum(counts[s]["documents"] for s in info["splits"])
    dates = info.get("crawl_dates") or {}
    crawled = ("on dates not recorded" if not dates else f"on {dates['first']}" if dates["first"] == dates["last"]
               else f"from {dates['first']} to {dates['last']}")
    split_text = ", ".join(f"{counts[s]['documents']:,} {s}" for s in info["splits"])
    if "validation" in info["splits"]:
        split_text += (f" (a {info['validation_share']:.0%} split by a hash of the document id, so a document stays "
                       "in its split across releases)")
    else:
        split_text += " (no validation split: no document fell into it)"
    columns = "".join(f"| `{f.name}` | {hf_dtype(f.type)} | {_cell(schema.DESCRIPTIONS.get(f.name, ''))} |\n"
                      for f in schema.DOCUMENTS)
    contact = (f"to {info['contact']}" if info.get("contact") else
               "through the discussions (Community tab) of the page where this dataset is published, or to its "
               "publisher")
    year = dates.get("last", "")[:4]
    body = f"""
# worksum {info['version']}

Chinese work-summary documents (工作总结, 工作汇报, 工作计划, 述职报告, 心得体会 …) collected
from document-sharing and 范文 sites, cleaned of site furniture, converted to Simplified
Chinese and deduplicated. {total:,} documents: {split_text}. Pages crawled {crawled}.

{_totals(info)}
## Loading

{_loading(info)}

## Uses

Intended: pretraining and fine-tuning data for Chinese language models in the register of
official and workplace writing; research on genre, templates and text reuse in this register;
evaluation of extraction and deduplication. Not intended: facts about real people, bodies or
figures (范文 are templates; names and numbers are often invented or masked), or any use that
tries to identify the people or bodies a document mentions.

## Sources

Pages fetched by the worksum crawler (robots.txt obeyed, throttled) and archived as WARC
files, plus documents (PDF, DOCX) the sites offered as downloads; {_number(source.get('inputs'), 0)}
input file(s) went into the corpus this release comes from.

{_table(info['by_site'], 'site')}
## Columns

Schema version {info['schema_version']}, the same as a worksum corpus folder (the duplicate
columns are null here: a release holds kept documents only).

| column | type | description |
|---|---|---|
{columns}
An example (the first training document, its text cut short):

{_example(example)}

## Cleaning

1. Main text extracted with trafilatura; document-site chrome removed by rules (download and
   report buttons, page counters, paywall notices, editor intros and outros, related lists,
   copyright and ICP footers) and by lines repeated across many pages of one site. PDF and
   DOCX documents are read from their text layer, without running headers and page numbers.
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
original-script copy. {_build_figures(source)}

## Composition

{_table(info['by_doc_type'], 'doc_type')}
{_table(info['by_year'], 'year')}
## Personal information

Phone numbers, ID numbers and e-mail addresses are replaced; names of people and bodies are
not (they are part of what a work document is), though 范文 often mask them (XX, ***).

## Removal requests

Anyone whose text or name appears here can ask for a document to be removed: send its `id` or
`url` {contact}. The publisher adds it to the release's removal list and it is left out of
every later release ({info.get('removed_on_request', 0):,} removed on request in this one).

## Known limitations

- 范文 texts are templates: names are often masked (***, XX) and numbers invented; the
  `placeholder_density` column measures it.
- Site chrome rules were written from the sites' current layouts; new furniture may slip through.
- Traditional→Simplified conversion cannot resolve every ambiguous phrase (資料 → 资料 or 数据).
- Documents are what the sites published: quality, accuracy and political content are not reviewed.

## License

The texts stay the work of their authors and the sites that published them; see
[{LICENSE_FILE}]({LICENSE_FILE}). The cleaning, metadata and packaging are worksum's.

## Citation

```bibtex
@misc{{worksum_{info['version'].replace('.', '_')},
  title        = {{worksum {info['version']}: a corpus of Chinese work-summary documents}},
  howpublished = {{Dataset release, {total:,} documents crawled {crawled}}},
  year         = {{{year or 'n.d.'}}},
  note         = {{Built with the worksum tool}}
}}
```
"""
    return front_matter(info) + body


def license_text(info: dict) -> str:
    return f"""# Terms of worksum {info['version']}

The documents in this release are texts published on public web pages. Their rights stay
with their authors and the sites that published them; this release does not grant any.

They are shared for research and for training and evaluating language models. Whoever uses
them is responsible for doing so lawfully where they are.

A document is removed from every later release on request: see "Removal requests" in README.md.
"""
