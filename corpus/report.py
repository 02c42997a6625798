"""`worksum report DIR`: the page a dataset maintainer reads before a release.

One self-contained HTML file (inline CSS and SVG, no scripts, nothing fetched), so it opens
offline and can be mailed or archived as is. The charts are a few lines of SVG written here:
a plotting library would add a dependency and kilobytes of script for six kinds of bar.

Sections: header (folder, versions, build dates, settings digest, totals), builds (each build
and all builds, labelled), sites (what became of each site's documents, crawl health from the
crawl reports in DIR/../stats), distributions, cleaning (lines and characters each rule removed,
repairs), dedup (cluster sizes, largest clusters) and samples (kept documents, rejected ones per
reason). Works on a corpus folder and, with what it holds, on a release folder.
"""
from __future__ import annotations

import hashlib
import html
import json
import math
import os
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from .crawlstats import crawl_health
from .errors import read_manifest
from .loader import dataset
from .shards import committed_files
from .stats import all_builds, corpus_stats, counts_text, length_bands, release_json

BAR_W, LABEL_W, ROW_H = 230, 170, 20
SAMPLES = 3  # documents shown per kept sample and per rejection reason
OPENING = 140  # characters of a sample's text
LARGEST_CLUSTERS = 8
QUALITY_COLUMNS = ["chars", "cjk_ratio", "placeholder_density", "genre_score", "noise_chars", "year", "doc_type",
                   "script_converted", "duplicate_of"]
STYLE = ("body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;color:#222;line-height:1.4}"
         "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}h3{font-size:1em}"
         "table{border-collapse:collapse;margin:.5em 0;font-size:.9em}td,th{border:1px solid #ddd;padding:2px 8px;"
         "text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}"
         "svg text{font-size:11px;fill:#222}.bar{fill:#3b7dd8}.bar.alt{fill:#d8843b}.charts{display:flex;"
         "flex-wrap:wrap;gap:1em}figure{margin:0}.chart{border:1px solid #eee}.note{color:#666;font-size:.9em}"
         ".sample{font-size:.85em;color:#444}")


# ---- small HTML pieces ------------------------------------------------------------------------------------------

def _e(value) -> str:
    return html.escape("" if value is None else str(value))


def _num(n) -> str:
    return f"{n:,}" if isinstance(n, int) else (f"{n:,.3g}" if isinstance(n, float) else _e(n))


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def _table(head: list[str], rows: list[list], numeric: set[int] = frozenset(), cls: str = "") -> str:
    th = "".join(f"<th>{_e(h)}</th>" for h in head) if any(head) else ""
    body = "".join("<tr>" + "".join(f'<td class="n">{_num(c)}</td>' if i in numeric else f"<td>{_e(c)}</td>"
                                    for i, c in enumerate(r)) + "</tr>" for r in rows)
    head_row = f"<tr>{th}</tr>" if th else ""
    return f'<table class="{cls}">{head_row}{body}</table>' if rows else '<p class="note">nothing recorded</p>'


def bars(title: str, counts: dict, chart_id: str, alt: bool = False) -> str:
    """A horizontal bar chart as inline SVG; every bin given is drawn, empty ones too."""
    items = list(counts.items())
    top = max((v for _, v in items), default=0) or 1
    height = ROW_H * max(len(items), 1) + 10
    rows = []
    for i, (label, value) in enumerate(items):
        y = 5 + i * ROW_H
        w = int(BAR_W * value / top)
        rows.append(f'<text x="{LABEL_W - 5}" y="{y + 14}" text-anchor="end">{_e(str(label)[:28])}</text>'
                    f'<rect class="bar{" alt" if alt else ""}" x="{LABEL_W}" y="{y + 2}" '
                    f'width="{max(w, 1) if value else 0}" height="{ROW_H - 6}"/>'
                    f'<text x="{LABEL_W + 5 + w}" y="{y + 14}">{value:,}</text>')
    body = "".join(rows) or '<text x="10" y="20">nothing to show</text>'
    return (f'<figure><figcaption>{_e(title)}</figcaption><svg id="{chart_id}" class="chart" width="{LABEL_W + BAR_W + 60}" '
            f'height="{height}" xmlns="http://www.w3.org/2000/svg">{body}</svg></figure>')


def histogram(values: list[float], edges: list[float], labels: list[str]) -> dict[str, int]:
    """Counts of `values` in the bins [edges[i], edges[i+1]), the last bin closed; every bin kept."""
    counts = [0] * len(labels)
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        i = next((k for k in range(len(labels)) if v < edges[k + 1]), len(labels) - 1)
        counts[i] += 1
    return dict(zip(labels, counts))


def _unit_bins(values) -> dict[str, int]:
    edges = [i / 10 for i in range(11)]
    return histogram(values, edges, [f"{a:.1f}–{b:.1f}" for a, b in zip(edges, edges[1:])])


# ---- what the folder holds ----------------------------------------------------------------------------------------

def _builds(manifest: dict) -> list[dict]:
    return manifest.get("builds") or ([manifest["counts"]] if manifest.get("counts") else [])


def settings_digest(settings: dict) -> str:
    """A short fingerprint of the build settings: two builds with the same digest ran with the same settings."""
    text = json.dumps(settings or {}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _shards(folder: Path, kind: str) -> list[Path]:
    return committed_files(folder, kind) or []


def _quality_table(folder: Path) -> dict[str, list]:
    data = dataset(folder)
    return data.to_table(columns=QUALITY_COLUMNS).to_pydict()


def _kept_samples(folder: Path) -> list[dict]:
    table = dataset(folder).head(SAMPLES, columns=["title", "url", "chars", "text"],
                                 filter=ds.field("duplicate_of").is_null())
    return table.to_pylist()


def _rejected(folder: Path) -> tuple[dict[str, list[dict]], list[float], dict[str, Counter]]:
    """A few rejected texts per reason, the genre scores of the rejected texts, reasons by site."""
    samples: dict[str, list[dict]] = {}
    scores: list[float] = []
    by_site: dict[str, Counter] = {}
    for path in _shards(folder, "rejected"):
        pf = pq.ParquetFile(path)
        names = [c for c in ("reason", "site", "title", "text", "genre_score", "url") if c in pf.schema_arrow.names]
        for batch in pf.iter_batches(batch_size=2000, columns=names):
            for row in batch.to_pylist():
                by_site.setdefault(row.get("site") or "", Counter())[row["reason"]] += 1
                if row.get("genre_score") is not None:
                    scores.append(row["genre_score"])
                picked = samples.setdefault(row["reason"], [])
                if len(picked) < SAMPLES:
                    picked.append({k: row.get(k) for k in ("title", "url", "site")} |
                                  {"text": (row.get("text") or "")[:OPENING + 1]})
    return dict(sorted(samples.items())), scores, by_site


def _clusters(folder: Path) -> pa.Table | None:
    path = folder / "dedup" / "clusters.parquet"
    return pq.read_table(path, columns=["id", "cluster_id", "reason"]) if path.exists() else None


# ---- sections ---------------------------------------------------------------------------------------------------

def _header(folder: Path, manifest: dict, release: dict, stats: dict, rejected_rows: int) -> str:
    from worksum import __version__

    builds = _builds(manifest)
    source = release.get("source", {})
    settings = manifest.get("settings") or source.get("settings") or {}
    started = [b.get("started", "") for b in builds if b.get("started")]
    rows = [["folder", str(folder.resolve())],
            ["kind", f"release {release['version']}" if release else "corpus"],
            ["built with", f"worksum {manifest.get('worksum_version') or source.get('worksum_version') or '?'}"
                           f" (report by worksum {__version__})"],
            ["schema version", manifest.get("schema_version") or release.get("schema_version") or "?"],
            ["builds", f"{len(builds)}: first {started[0]}, last {started[-1]}" if started else
             (f"{source.get('all_builds', {}).get('builds', 0)}; corpus last built {source.get('built')}"
              if release else "none recorded")],
            ["settings digest", f"{settings_digest(settings)} (sha256 of the build settings: dedup, filters …)"],
            ["inputs", f"{len(manifest.get('inputs', [])) if manifest else source.get('inputs', 0):,} file(s)"]]
    totals = [["documents kept", stats["documents"]], ["characters", stats["total_chars"]],
              ["duplicate rows kept (--keep-duplicates)", stats["duplicate_rows"]],
              ["rejected rows", rejected_rows if not release else "not in a release"]]
    return (f'<section id="summary"><h1>worksum report: {_e(folder.name)}</h1>'
            f"{_table(['', ''], rows)}<h3>Totals (the folder now)</h3>{_table(['', ''], totals, {1})}</section>")


def _builds_section(manifest: dict, release: dict) -> str:
    builds = _builds(manifest)
    head = ["build", "started", "pages read", "kept", "duplicates", "rejected", "updated"]
    rows = [[f"#{i + 1}" + (" (last)" if i == len(builds) - 1 else ""), b.get("started", ""), b.get("pages", 0),
             b.get("kept", 0), b.get("duplicates", 0), b.get("rejected", 0), b.get("updated", 0)]
            for i, b in enumerate(builds)]
    total = all_builds(builds) if builds else release.get("source", {}).get("all_builds", {})
    if total:
        rows.append([f"all {total.get('builds', 0)} build(s)", "", total.get("pages", 0), total.get("kept", 0),
                     total.get("duplicates", 0), total.get("rejected", 0), total.get("updated", 0)])
    reasons = ""
    if total:
        reasons = (f"<p>All builds: duplicates by reason: {_e(counts_text(total.get('duplicates_by_reason', {})) or 'none')}"
                   f"; rejected by reason: {_e(counts_text(total.get('rejected_by_reason', {})) or 'none')}.</p>")
    return (f'<section id="builds"><h2>Builds</h2><p class="note">Each build\'s own figures, then all builds added '
            f"up (per build and all-time).</p>{_table(head, rows, {2, 3, 4, 5, 6})}{reasons}</section>")


def _sites_section(folder: Path, manifest: dict, release: dict, stats: dict, reasons_by_site: dict) -> str:
    total = all_builds(_builds(manifest)) if manifest else release.get("source", {}).get("all_builds", {})
    funnel = total.get("by_site") or {}
    rows = []
    for site in sorted(set(funnel) | set(stats["by_site"])):
        f = funnel.get(site)
        if f:
            read = f.get("kept", 0) + f.get("duplicates", 0) + f.get("rejected", 0)
            rows.append([site or "(none)", read, f.get("kept", 0), _pct(f.get("kept", 0), read), f.get("duplicates", 0),
                         _pct(f.get("duplicates", 0), read), f.get("rejected", 0), _pct(f.get("rejected", 0), read),
                         counts_text(dict(reasons_by_site.get(site, Counter()).most_common(3)))])
        else:  # a corpus built before the per-site counts were recorded
            rows.append([site or "(none)", "–", stats["by_site"].get(site, 0), "–", "–", "–", "–", "–",
                         counts_text(dict(reasons_by_site.get(site, Counter()).most_common(3)))])
    head = ["site", "documents read", "kept", "kept %", "duplicates", "dup %", "rejected", "rejected %",
            "top rejection reasons"]
    stats_dir = folder.parent / "stats"
    health = crawl_health(stats_dir) if stats_dir.is_dir() else {}
    hrows = [[name, h["crawls"], h["responses"], counts_text(h["statuses"]), counts_text(h["errors"]) or "none",
              h["retries"], counts_text(h["finish_reasons"])] for name, h in sorted(health.items())]
    crawl = (f"<h3>Crawl health (all crawl reports in {_e(stats_dir)})</h3>"
             + _table(["profile", "crawls", "responses", "HTTP statuses", "errors", "retries", "ended"], hrows, {1, 2, 5})
             if health else f'<p class="note">No crawl reports found in {_e(stats_dir)}: crawl health not shown.</p>')
    return (f'<section id="sites"><h2>Sites</h2><p class="note">What became of each site\'s documents over all builds '
            f"(a compilation page counts once per piece).</p>{_table(head, rows, {1, 2, 4, 6})}{crawl}</section>")


def _distributions(q: dict, stats: dict, rejected_scores: list[float]) -> str:
    kept = [d is None for d in q["duplicate_of"]]
    col = lambda name: [v for v, k in zip(q[name], kept) if k]  # noqa: E731
    converted = Counter("converted from Traditional" if v else "Simplified as published"
                        for v in col("script_converted"))
    charts = [
        bars("Length (characters, log bands)", length_bands(col("chars")), "length"),
        bars("CJK ratio", _unit_bins(col("cjk_ratio")), "cjk_ratio"),
        bars("Placeholder density (per 1,000 characters)",
             histogram(col("placeholder_density"), [0, 1e-9, 1, 2, 5, 10, math.inf],
                       ["0", "0–1", "1–2", "2–5", "5–10", "10 and more"]), "placeholder_density"),
        bars("Genre score, kept documents", _unit_bins(col("genre_score")), "genre_score"),
        bars("Genre score, rejected texts", _unit_bins(rejected_scores), "genre_score_rejected", alt=True),
        bars("Noise characters repaired per document",
             histogram(col("noise_chars"), [0, 1, 10, 100, 1000, math.inf], ["0", "1–9", "10–99", "100–999",
                                                                               "1,000 and more"]), "noise_chars"),
        bars("Year", stats["by_year"], "year"),
        bars("Document type", stats["by_doc_type"], "doc_type"),
        bars("Script", dict(converted.most_common()), "script"),
    ]
    return (f'<section id="distributions"><h2>Distributions</h2><p class="note">Kept documents in the folder now '
            f'({stats["documents"]:,}); empty bins are drawn.</p><div class="charts">{"".join(charts)}</div></section>')


def _step_rows(last: dict, total: dict) -> list[list]:
    """{step: {what: n, what_chars: n}} of the last build and of all builds as rows: step, what, counts, characters."""
    rows = []
    for step in sorted(set(last) | set(total)):
        a, b = last.get(step, {}), total.get(step, {})
        for name in sorted({k[:-6] if k.endswith("_chars") else k for k in {*a, *b}}):
            rows.append([step, name, a.get(name, "–"), a.get(f"{name}_chars", "–"), b.get(name, "–"),
                         b.get(f"{name}_chars", "–")])
    return rows


def _cleaning(manifest: dict, release: dict) -> str:
    builds = _builds(manifest)
    last = builds[-1].get("steps", {}) if builds else {}
    total = (all_builds(builds) if builds else release.get("source", {}).get("all_builds", {})).get("steps", {})
    head = ["step", "rule or outcome", "last build: lines or pages", "last build: characters",
            "all builds: lines or pages", "all builds: characters"]
    return ('<section id="cleaning"><h2>Cleaning</h2><p class="note">What each cleaning step removed or decided, '
            "per rule: lines (or pages) and characters, in the last build and in all builds. Characters are counted "
            f"where the rule records them; the repair rows are the repairs applied.</p>"
            f"{_table(head, _step_rows(last, total), {2, 3, 4, 5})}"
            f"<h3>Repairs applied (all builds)</h3><p>{_e(counts_text(total.get('repair', {})) or 'none')}</p>"
            "</section>")


def _dedup(folder: Path, clusters: pa.Table | None) -> str:
    if clusters is None:
        return ('<section id="dedup"><h2>Dedup</h2><p class="note">No dedup/clusters.parquet here (a release holds '
                "kept documents only): see the report of the corpus it came from.</p></section>")
    sizes = Counter(clusters.column("cluster_id").to_pylist())
    dist = Counter(sizes.values())
    top = max(dist, default=1)
    labels = [str(n) for n in range(1, min(top, 10) + 1)] + (["11 and more"] if top > 10 else [])
    by_size = {lbl: 0 for lbl in labels}
    for size, n in dist.items():
        by_size[str(size) if size <= 10 else "11 and more"] += n
    largest = [c for c, n in sizes.most_common(LARGEST_CLUSTERS) if n > 1]
    members: dict[str, list[str]] = {}
    for row in clusters.filter(pc.is_in(clusters.column("cluster_id"), pa.array(largest, pa.string()))).to_pylist():
        if row["reason"] != "kept":
            members.setdefault(row["cluster_id"], []).append(row["id"])
    wanted = set(largest) | {i for ids in members.values() for i in ids}
    titles = {}
    if wanted:
        t = dataset(folder).to_table(columns=["id", "title"], filter=ds.field("id").isin(sorted(wanted)))
        titles = dict(zip(t.column("id").to_pylist(), t.column("title").to_pylist()))
    reasons = Counter(r for r in clusters.column("reason").to_pylist() if r != "kept")
    rows = []
    for c in largest:
        copies = [titles[i] for i in members.get(c, []) if i in titles][:3]
        rows.append([sizes[c], titles.get(c, c), "; ".join(copies) or "(duplicates not kept: build with "
                     "--keep-duplicates to see their titles)"])
    return ('<section id="dedup"><h2>Dedup</h2><p class="note">Clusters of all builds (dedup/clusters.parquet): '
            f"{len(sizes):,} clusters, {sum(reasons.values()):,} duplicates ({_e(counts_text(dict(reasons.most_common())) or 'none')})."
            f"</p>{bars('Cluster size (documents per cluster)', by_size, 'cluster_sizes')}"
            f"<h3>Largest clusters</h3>{_table(['size', 'kept document', 'sample duplicate titles'], rows, {0})}"
            "</section>")


def _opening(text: str | None) -> str:
    if not text:
        return "(no text: rejected before its text was read)"
    return text[:OPENING] + ("…" if len(text) > OPENING else "")


def _sample_list(rows: list[dict]) -> str:
    items = "".join(f"<li><b>{_e(r.get('title') or '(no title)')}</b> <span class='note'>{_e(r.get('url'))}</span>"
                    f"<div class='sample'>{_e(_opening(r.get('text')))}</div></li>" for r in rows)
    return f"<ul>{items}</ul>" if items else '<p class="note">none</p>'


def _samples(kept: list[dict], rejected: dict[str, list[dict]], release: dict) -> str:
    parts = [f"<h3>Kept</h3>{_sample_list(kept)}"]
    if release:
        parts.append('<p class="note">A release holds no rejected texts.</p>')
    for reason, rows in rejected.items():
        parts.append(f"<h3>Rejected: {_e(reason)}</h3>{_sample_list(rows)}")
    return ('<section id="samples"><h2>Samples</h2><p class="note">The first documents of the folder (title and '
            f"opening), so the numbers above can be checked by eye.</p>{''.join(parts)}</section>")


def build_report(folder: str | Path) -> str:
    folder = Path(folder)
    manifest, release = read_manifest(folder), release_json(folder)
    stats = corpus_stats(folder)
    rejected_samples, rejected_scores, reasons_by_site = _rejected(folder)
    rejected_rows = sum(pq.read_metadata(p).num_rows for p in _shards(folder, "rejected"))
    sections = [
        _header(folder, manifest, release, stats, rejected_rows),
        _builds_section(manifest, release),
        _sites_section(folder, manifest, release, stats, reasons_by_site),
        _distributions(_quality_table(folder), stats, rejected_scores),
        _cleaning(manifest, release),
        _dedup(folder, _clusters(folder)),
        _samples(_kept_samples(folder), rejected_samples, release),
    ]
    return (f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>worksum report: {_e(folder.name)}'
            f"</title><style>{STYLE}</style></head><body>{''.join(sections)}</body></html>\n")


def write_report(corpus: str | Path, out: str | Path | None = None) -> Path:
    out = Path(out) if out else Path(corpus) / "report.html"
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(build_report(corpus), encoding="utf-8")
    os.replace(tmp, out)
    return out
