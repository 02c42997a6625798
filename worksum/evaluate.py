"""`worksum eval FOLDER`: score a build against a labelled set.

Two kinds of set: a devset (pages.warc.gz + gold.jsonl + duplicates.json: text scored against
gold) and a real set (pages.jsonl of labelled page texts: which pages the build keeps, and
what noise the kept text still carries).
"""
from __future__ import annotations

import html
import json
import logging
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote

import pyarrow.dataset as ds

from worksum.corpus.build import BuildConfig, build

from .metrics import chrome_left, listed_chrome_left, noise_left, pairwise_pr, prf, traditional_left

log = logging.getLogger(__name__)

CLEAN_P, CLEAN_R = 0.995, 0.99
REAL_LABELS = ("DOC", "META", "OTHER", "STUB", "FOREIGN")  # DOC pages are the ones to keep
TITLE_MAX_CHARS = 60  # a longer first line is body text, not a title


def _baseline_texts(devset: Path) -> dict[str, str]:
    """Plain trafilatura.extract followed by OpenCC t2s, the reference to beat."""
    import opencc
    import trafilatura

    from worksum.cleaning.decode import decode_html
    from worksum.corpus.warc import find_warcs, iter_pages

    t2s = opencc.OpenCC("t2s")
    out = {}
    for page in iter_pages(find_warcs([devset / "pages.warc.gz"])):
        html, _ = decode_html(page.body, page.content_type)
        out[page.url] = t2s.convert(trafilatura.extract(html) or "")
    return out


def _load_rows(out: Path) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = defaultdict(list)
    table = ds.dataset(out / "data", format="parquet").to_table(
        columns=["url", "part", "title", "text", "duplicate_of", "id"])
    for row in table.to_pylist():
        rows[row["url"]].append(row)
    for docs in rows.values():
        docs.sort(key=lambda r: r["part"])
    return rows


def _score_page(g: dict, docs: list[dict]) -> dict:
    """Text scores for one gold page (whole pages and compilation pieces alike)."""
    if g["kind"] == "compilation":
        parts = g.get("parts") or []
        scores = [prf(d["text"], p) for d, p in zip(docs, parts)]
        scores += [(0.0, 0.0, 0.0)] * (len(parts) - len(scores))
        text = "\n".join(d["text"] for d in docs)
        p = sum(s[0] for s in scores) / max(len(scores), 1)
        r = sum(s[1] for s in scores) / max(len(scores), 1)
        f = sum(s[2] for s in scores) / max(len(scores), 1)
        split_ok = len(docs) == len(parts)
    else:
        text = "\n".join(d["text"] for d in docs)
        p, r, f = prf(text, g["text"], g["title"])
        split_ok = None
    gold_text = g["text"] if g["kind"] != "compilation" else "\n".join(g.get("parts") or [])
    chrome = chrome_left(text, gold_text)
    return {"p": p, "r": r, "f": f, "chrome": chrome, "trad": traditional_left(text), "split_ok": split_ok,
            "clean": p >= CLEAN_P and r >= CLEAN_R and not chrome}


def evaluate(devset: str | Path, workers: int = 2, with_baseline: bool = True) -> dict:
    devset = Path(devset)
    gold = [json.loads(line) for line in open(devset / "gold.jsonl", encoding="utf-8")]
    with tempfile.TemporaryDirectory(prefix="worksum-eval-") as tmp:
        build([str(devset / "pages.warc.gz")], tmp, BuildConfig(keep_duplicates=True, workers=workers,
                                                               progress=False))
        rows = _load_rows(Path(tmp))
    base = _baseline_texts(devset) if with_baseline else {}
    per_style: dict[str, list[dict]] = defaultdict(list)
    negatives = {"total": 0, "rejected": 0}
    compilations = {"total": 0, "split": 0}
    pages = []
    for g in gold:
        docs = rows.get(g["url"], [])
        if g["kind"] == "negative":
            negatives["total"] += 1
            negatives["rejected"] += not docs
            continue
        s = _score_page(g, docs)
        if g["kind"] == "compilation":
            compilations["total"] += 1
            compilations["split"] += bool(s["split_ok"])
        if base:
            s["baseline_f"] = prf(base.get(g["url"], ""), g["text"] if g["kind"] != "compilation"
                                  else "\n".join(g["parts"]), g["title"])[2]
        s.update(file=g.get("file", g["url"]), style=g["style"])
        per_style[g["style"]].append(s)
        pages.append(s)
    return {"styles": {k: _summary(v) for k, v in sorted(per_style.items())}, "overall": _summary(pages),
            "negatives": negatives, "compilations": compilations, "pages": pages,
            "duplicates": _dup_scores(devset, gold, rows)}


def _summary(scores: list[dict]) -> dict:
    n = max(len(scores), 1)
    out = {"pages": len(scores),
           "f1": sum(s["f"] for s in scores) / n, "precision": sum(s["p"] for s in scores) / n,
           "recall": sum(s["r"] for s in scores) / n, "clean": sum(s["clean"] for s in scores) / n,
           "chrome_left": sum(bool(s["chrome"]) for s in scores) / n,
           "traditional_left": max((s["trad"] for s in scores), default=0.0)}
    if scores and "baseline_f" in scores[0]:
        out["baseline_f1"] = sum(s["baseline_f"] for s in scores) / n
    return out


def _dup_scores(devset: Path, gold: list[dict], rows: dict[str, list[dict]]) -> dict:
    """Pairwise P/R over doc pages: together when the build put them in one cluster."""
    groups = json.loads((devset / "duplicates.json").read_text(encoding="utf-8"))
    truth_of = {url: doc for doc, urls in groups.items() for url in urls}
    docs = [g for g in gold if g["kind"] == "doc"]
    truth = {g["url"]: truth_of.get(g["url"], g["url"]) for g in docs}
    predicted = {}
    for g in docs:
        found = rows.get(g["url"])
        predicted[g["url"]] = (found[0]["duplicate_of"] or found[0]["id"]) if found else g["url"]
    p, r, n_pred, n_true = pairwise_pr(predicted, truth)
    merged_styles = sum(1 for i, a in enumerate(docs) for b in docs[i + 1:]
                        if a["style"] == b["style"] and predicted[a["url"]] == predicted[b["url"]]
                        and truth[a["url"]] != truth[b["url"]])
    return {"precision": p, "recall": r, "predicted_pairs": n_pred, "true_pairs": n_true,
            "wrong_same_style_merges": merged_styles}


def format_report(res: dict) -> str:
    lines = [f"{'style':<12}{'pages':>6}{'F1':>8}{'P':>8}{'R':>8}{'clean':>8}{'chrome':>8}{'trad':>8}{'base F1':>9}"]

    def row(name, s):
        return (f"{name:<12}{s['pages']:>6}{s['f1']:>8.4f}{s['precision']:>8.4f}{s['recall']:>8.4f}{s['clean']:>8.0%}"
                f"{s['chrome_left']:>8.0%}{s['traditional_left']:>8.4f}{s.get('baseline_f1', float('nan')):>9.4f}")

    for name, s in res["styles"].items():
        lines.append(row(name, s))
    lines.append(row("overall", res["overall"]))
    neg, comp, dup = res["negatives"], res["compilations"], res["duplicates"]
    lines.append(f"negatives rejected: {neg['rejected']}/{neg['total']}   "
                 f"compilations split: {comp['split']}/{comp['total']}")
    lines.append(f"duplicates: pairwise precision {dup['precision']:.3f} recall {dup['recall']:.3f} "
                 f"({dup['predicted_pairs']} predicted / {dup['true_pairs']} true pairs), "
                 f"different documents of one style merged: {dup['wrong_same_style_merges']}")
    bad = [p for p in res["pages"] if not p["clean"]]
    for p in bad:
        lines.append(f"  not clean: {p['file']} P={p['p']:.4f} R={p['r']:.4f} chrome={p['chrome']}")
    return "\n".join(lines)


# ---- real sets: labelled page texts -------------------------------------------------------

def is_realset(folder: str | Path) -> bool:
    folder = Path(folder)
    return (folder / "pages.jsonl").exists() and not (folder / "gold.jsonl").exists()


def read_realset(path: Path) -> list[dict]:
    """The labelled pages of pages.jsonl; a bad line is reported and skipped."""
    pages, seen = [], set()
    for n, line in enumerate(open(path, encoding="utf-8"), start=1):
        if not line.strip():
            continue
        try:
            page = json.loads(line)
            ok = isinstance(page.get("url"), str) and isinstance(page.get("text"), str) and page.get("label") in REAL_LABELS
        except (json.JSONDecodeError, AttributeError):
            ok = False
        if not ok:
            log.warning("%s line %d: not a labelled page (needs url, text and a label in %s); skipped",
                        path, n, "/".join(REAL_LABELS))
            continue
        if page["url"] in seen:
            log.warning("%s line %d: url %s appears twice; skipped", path, n, page["url"])
            continue
        seen.add(page["url"])
        pages.append(page)
    return pages


def page_html(text: str) -> bytes:
    """A minimal page for a text: a short first line as <title> and <h1>, each further line a <p>."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    title = lines.pop(0) if lines and len(lines[0]) <= TITLE_MAX_CHARS else ""
    head = f"<title>{html.escape(title)}</title>" if title else ""
    body = (f"<h1>{html.escape(title)}</h1>" if title else "") + "".join(f"<p>{html.escape(ln)}</p>" for ln in lines)
    return f'<!DOCTYPE html><html><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'.encode("utf-8")


def warc_url(url: str) -> str:
    """The URL as a WARC header holds it: non-ASCII characters percent-encoded."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def write_pages_warc(pages: list[dict], directory: Path) -> Path:
    from worksum.corpus.warc import RotatingWarcWriter

    writer = RotatingWarcWriter(directory, prefix="realset", max_bytes=1 << 40)
    for page in pages:
        writer.write_exchange(warc_url(page["url"]), [], "GET", 200, "OK", [("Content-Type", "text/html; charset=utf-8")],
                              page_html(page["text"]), {"page-kind": "document"})
    writer.close()
    [path] = writer.finished
    return path


def _built_rows(out: Path, kind: str, columns: list[str]) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = defaultdict(list)
    if not any((out / kind).glob("*.parquet")):
        return rows
    for row in ds.dataset(out / kind, format="parquet").to_table(columns=columns).to_pylist():
        rows[row["url"]].append(row)
    return rows


def evaluate_realset(folder: str | Path, workers: int = 2) -> dict:
    """Build the labelled page texts of `folder`/pages.jsonl and score what the build keeps."""
    folder = Path(folder)
    pages = read_realset(folder / "pages.jsonl")
    if not pages:
        raise ValueError(f"{folder / 'pages.jsonl'} holds no labelled pages")
    with tempfile.TemporaryDirectory(prefix="worksum-eval-") as tmp:
        warc = write_pages_warc(pages, Path(tmp) / "warc")
        build([str(warc)], Path(tmp) / "out", BuildConfig(keep_duplicates=True, workers=workers, progress=False))
        kept = _built_rows(Path(tmp) / "out", "data", ["url", "part", "text", "duplicate_of"])
        rejected = _built_rows(Path(tmp) / "out", "rejected", ["url", "part", "reason"])
    labels = {label: {"pages": 0, "kept": 0} for label in REAL_LABELS}
    doc_reasons: Counter = Counter()
    noisy: Counter = Counter()
    rows_kept = rows_noisy = 0
    noisy_pages = []
    for page in pages:
        url = warc_url(page["url"])
        label, rows = page["label"], kept.get(url, [])
        labels[label]["pages"] += 1
        labels[label]["kept"] += bool(rows)
        if label == "DOC" and not rows:
            doc_reasons.update({r["reason"] for r in rejected.get(url, [])} or {"missing"})
        for row in rows:
            found = (listed_chrome_left(row["text"], page["chrome"]) if "chrome" in page
                     else noise_left(row["text"]))
            rows_kept += 1
            if found:
                rows_noisy += 1
                noisy.update(set(found) if "chrome" not in page else {"listed chrome"})
                noisy_pages.append({"url": page["url"], "part": row["part"], "label": label, "found": found})
    n_kept = sum(v["kept"] for v in labels.values())
    n_doc = labels["DOC"]["pages"]
    return {
        "pages": len(pages), "labels": labels,
        "genre_precision": labels["DOC"]["kept"] / n_kept if n_kept else 1.0,
        "genre_recall": labels["DOC"]["kept"] / n_doc if n_doc else 1.0,
        "stubs_kept": labels["STUB"]["kept"], "foreign_kept": labels["FOREIGN"]["kept"],
        "doc_rejections": dict(doc_reasons.most_common()),
        "rows_kept": rows_kept, "rows_with_chrome": rows_noisy,
        "chrome_left": rows_noisy / rows_kept if rows_kept else 0.0,
        "chrome_kinds": dict(noisy.most_common()), "chrome_rows": noisy_pages,
        "kept_not_doc": [p["url"] for p in pages if p["label"] != "DOC" and kept.get(warc_url(p["url"]))],
    }


def format_realset_report(res: dict) -> str:
    lines = [f"{'label':<10}{'pages':>6}{'kept':>6}"]
    for label, c in res["labels"].items():
        lines.append(f"{label:<10}{c['pages']:>6}{c['kept']:>6}")
    lines.append(f"genre precision (kept pages that are DOC): {res['genre_precision']:.1%}   "
                 f"recall (DOC pages kept): {res['genre_recall']:.1%}")
    lines.append(f"stubs kept: {res['stubs_kept']}   foreign kept: {res['foreign_kept']}")
    reasons = ", ".join(f"{k}: {v}" for k, v in res["doc_rejections"].items()) or "none"
    lines.append(f"DOC pages rejected, by reason: {reasons}")
    kinds = ", ".join(f"{k}: {v}" for k, v in res["chrome_kinds"].items())
    lines.append(f"chrome left: {res['rows_with_chrome']}/{res['rows_kept']} kept rows "
                 f"({res['chrome_left']:.1%})" + (f"  [{kinds}]" if kinds else ""))
    for url in res["kept_not_doc"]:
        lines.append(f"  kept, not DOC: {url}")
    return "\n".join(lines)
