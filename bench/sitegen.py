"""Generate a labelled set of doc-site pages in varied, randomly drawn site templates.

    python bench/sitegen.py --out DIR --styles 8 --pages-per-style 12 --seed 1 [--heavy] [--pool dev|heldout]

Writes, in the layout of the shared devset (see its README): DIR/pages.warc.gz (one WARC
response record per page, served in the site's charset), DIR/pages/*.html, DIR/gold.jsonl and
DIR/duplicates.json, so that `worksum eval DIR` scores it exactly as it scores the devset.

Each style is a site template drawn from the seed (skeleton, class names, which chrome it has
and where, in which wording); `--pool dev` and `--pool heldout` draw wordings and markup from
disjoint halves of every pool, so a cleaner tuned on dev styles can be measured on held-out
ones. Pages: mostly single documents, some compilations, some pages that are not work
documents (which must be rejected), and documents republished across styles (edited, cut to a
preview, or in Traditional script), listed in duplicates.json. `--heavy` makes pages of
40-80 KB like real doc sites (big menus, link sidebars, scripts, styles); the text is unchanged.
The same arguments always give the same bytes.
"""
from __future__ import annotations

import argparse
import io
import json
import logging
import os
import random
import sys
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import opencc  # noqa: E402
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

import sitegen_pools as P  # noqa: E402
from sitegen_site import Page, Renderer, Style, draw_style, page_url  # noqa: E402
from sitegen_text import NEG_KINDS, Doc, compilation_docs, edit_doc, make_doc, make_negative, truncate_doc  # noqa: E402

log = logging.getLogger(__name__)

DUP_SHARE = 0.35  # chance that a document slot republishes a document already on another site
HEAVY_BYTES = (42_000, 78_000)


@dataclass
class Planned:
    style: Style
    kind: str  # doc | negative | compilation
    doc: Doc | None = None
    variant: str = ""
    neg_kind: str = ""
    pieces: list[Doc] | None = None
    topic: str = ""


def plan_pages(seed: int, pool: str, n_styles: int, per_style: int) -> tuple[list[Style], list[Planned]]:
    """Which page each style carries: documents (new or republished), negatives, compilations."""
    rng = random.Random(f"sitegen-plan-{seed}-{pool}")
    used: set[str] = set()
    styles = [draw_style(seed, pool, i, used) for i in range(n_styles)]
    if n_styles >= 3 and not any(s.trad for s in styles):  # every set has a Traditional mirror
        mirror = styles[rng.randrange(n_styles)]
        mirror.trad = rng.choice(P.half(P.TRAD_CONFIGS, pool))
        mirror.pinyin_rate = rng.choice([0.0, 0.03, 0.06])
    slots: list[tuple[Style, str]] = []
    for i, style in enumerate(styles):
        n_comp, n_neg = round(per_style * 0.1), round(per_style * 0.1)
        if per_style >= 3 and n_comp == 0 and n_neg == 0:
            n_comp, n_neg = (1, 0) if i % 2 == 0 else (0, 1)
        n_doc = max(0, per_style - n_comp - n_neg)
        slots += [(style, "compilation")] * n_comp + [(style, "negative")] * n_neg + [(style, "doc")] * n_doc
    rng.shuffle(slots)
    counter = iter(range(1, 1_000_000))
    new_id = lambda: f"g{seed}{pool[0]}{next(counter):04d}"  # noqa: E731
    published: list[tuple[Doc, set[str]]] = []
    neg_turn = rng.randrange(len(NEG_KINDS))
    planned = []
    for style, kind in slots:
        if kind == "negative":
            planned.append(Planned(style, kind, neg_kind=NEG_KINDS[neg_turn % len(NEG_KINDS)]))
            neg_turn += 1
        elif kind == "compilation":
            ids = [new_id() for _ in range(rng.choice((2, 2, 3, 3, 4, 5)))]
            topic, pieces = compilation_docs(rng, ids)
            planned.append(Planned(style, kind, pieces=pieces, topic=topic))
        else:
            share = DUP_SHARE + (0.2 if style.trad else 0.0)
            others = [(d, where) for d, where in published if style.name not in where]
            if others and rng.random() < share:
                doc, where = rng.choice(others)
                where.add(style.name)
                variant = rng.choices(["edited", "truncated", "original"], weights=[4, 3, 3])[0]
                copy = {"edited": edit_doc, "truncated": truncate_doc}.get(variant, lambda r, d: d)(rng, doc)
                planned.append(Planned(style, kind, doc=copy, variant=variant))
            else:
                doc = make_doc(rng, new_id())
                published.append((doc, {style.name}))
                planned.append(Planned(style, kind, doc=doc, variant="original"))
    return styles, planned


def _page_of(p: Planned, rng: random.Random, page_id: int) -> tuple[Page, dict]:
    """What the page shows and its gold record (without url/file/style)."""
    if p.kind == "negative":
        title, paras = make_negative(rng, p.neg_kind)
        return Page("negative", title, paras), {
            "doc_id": f"neg-{p.neg_kind}-{page_id}", "title": title, "text": "", "kind": "negative",
            "variant": "negative", "doc_type": "negative"}
    if p.kind == "compilation":
        count = len(p.pieces)
        title = p.style.words["comp_title"].format(topic=p.topic, n=count)
        pieces = [(d.title, d.paras, d.heads) for d in p.pieces]
        parts = [d.text for d in p.pieces]
        return Page("compilation", title, pieces=pieces, topic=p.topic), {
            "doc_id": "+".join(d.doc_id for d in p.pieces), "title": title, "kind": "compilation",
            "variant": "compilation", "doc_type": "compilation", "parts": parts, "text": "\n".join(parts)}
    d = p.doc
    return Page("doc", d.title, d.paras, d.heads, truncated=p.variant == "truncated"), {
        "doc_id": d.doc_id, "title": d.title, "text": d.text, "kind": "doc", "variant": p.variant,
        "doc_type": d.doc_type}


def render_all(seed: int, pool: str, planned: list[Planned], heavy: bool) -> list[dict]:
    """Pages in id order: each with its url, file name, body bytes, charset label and gold record."""
    rng = random.Random(f"sitegen-render-{seed}-{pool}")  # light and heavy sets carry the same pages
    sizes = random.Random(f"sitegen-heavy-{seed}-{pool}")
    converters: dict[str, opencc.OpenCC] = {}
    out, page_id = [], rng.randint(1000, 3000)
    for p in planned:
        page_id += rng.randint(1, 60)
        style = p.style
        url = page_url(style, page_id, rng)
        page, gold = _page_of(p, rng, page_id)
        renderer = Renderer(style, random.Random(f"{style.rng_seed}-{page_id}"), heavy)
        markup = renderer.render(page, url)
        if style.trad:
            markup = converters.setdefault(style.trad, opencc.OpenCC(style.trad)).convert(markup)
        header_label, _, codec = style.charset
        if heavy:
            size = len(markup.encode(codec, errors="xmlcharrefreplace"))
            markup = renderer.pad(markup, len(markup) + sizes.randint(*HEAVY_BYTES) - size)
        body = markup.encode(codec, errors="xmlcharrefreplace")
        name = f"pages/{style.name}-{page_id}.html"
        gold.update(url=url, file=name, style=style.name)
        out.append({"url": url, "file": name, "body": body, "charset": header_label, "gold": gold})
    return out


def duplicates(pages: list[dict]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for p in pages:
        if p["gold"]["kind"] == "doc":
            groups.setdefault(p["gold"]["doc_id"], []).append(p["url"])
    return {k: v for k, v in sorted(groups.items()) if len(v) > 1}


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_warc(path: Path, pages: list[dict], seed: int) -> None:
    """One response record per page; record ids and dates come from the seed."""
    rng = random.Random(f"sitegen-warc-{seed}")
    start = datetime(2025, 1, 1, tzinfo=timezone.utc) + timedelta(days=seed % 365)
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i, p in enumerate(pages):
        http = StatusAndHeaders("200 OK", [("Content-Type", f"text/html; charset={p['charset']}"),
                                           ("Content-Length", str(len(p["body"])))], protocol="HTTP/1.1")
        when = (start + timedelta(seconds=7 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        record = writer.create_warc_record(p["url"], "response", payload=io.BytesIO(p["body"]), http_headers=http,
                                           warc_headers_dict={"WARC-Date": when,
                                                              "WARC-Record-ID": f"<urn:uuid:{uuid.UUID(int=rng.getrandbits(128))}>"})
        writer.write_record(record)
    _atomic_write(path, buf.getvalue())


def generate(out: Path, n_styles: int, per_style: int, seed: int, heavy: bool, pool: str) -> dict:
    styles, planned = plan_pages(seed, pool, n_styles, per_style)
    pages = render_all(seed, pool, planned, heavy)
    (out / "pages").mkdir(parents=True, exist_ok=True)
    for p in pages:
        _atomic_write(out / p["file"], p["body"])
    gold = "".join(json.dumps(p["gold"], ensure_ascii=False) + "\n" for p in pages)
    _atomic_write(out / "gold.jsonl", gold.encode("utf-8"))
    _atomic_write(out / "duplicates.json",
                  json.dumps(duplicates(pages), ensure_ascii=False, indent=1).encode("utf-8"))
    write_warc(out / "pages.warc.gz", pages, seed)
    kinds = [p["gold"]["kind"] for p in pages]
    return {"styles": len(styles), "pages": len(pages), "docs": kinds.count("doc"),
            "negatives": kinds.count("negative"), "compilations": kinds.count("compilation"),
            "traditional_styles": sum(1 for s in styles if s.trad),
            "duplicate_groups": len(duplicates(pages)),
            "mean_kb": round(sum(len(p["body"]) for p in pages) / max(len(pages), 1) / 1000, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, type=Path, help="folder to write (created if missing)")
    ap.add_argument("--styles", type=int, default=8)
    ap.add_argument("--pages-per-style", type=int, default=12)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--heavy", action="store_true", help="pages of 40-80 KB like real doc sites")
    ap.add_argument("--pool", choices=["dev", "heldout"], default="dev")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.styles < 1 or args.pages_per_style < 1:
        ap.error("--styles and --pages-per-style must be at least 1")
    summary = generate(args.out, args.styles, args.pages_per_style, args.seed, args.heavy, args.pool)
    log.info("wrote %s: %s", args.out, json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
