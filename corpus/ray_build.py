"""`worksum build --ray`: the stages of corpus/build.py as Ray tasks, writing the same corpus.

The work is cut into *units* in corpus order (corpus/order.py): one WARC file, or a batch of
document files. Every stage runs the local build's own code on them (`_StageWorker` for
extraction, cleaning and MinHash; `cluster`'s rules for dedup; `ShardWriter` for shards):

  0  scan      a task per WARC file: sha256 and the rank of every copy of a URL, shuffled by URL;
               each partition names the copies another copy outranks (the newest complete copy
               wins, as in `iter_pages`), and each file is handed its own
  A  extract   a task per unit: pages → DIR/_work/extract-NNNNN.jsonl; the pages' template tallies
               are sent by site (hash partitions) to tasks that count each site's pages in corpus
               order and learn its template; templates are broadcast (one object in the store)
  B  clean     a task per unit: documents → DIR/_work/docs-NNNNN.jsonl, dedup candidates (MinHash
               signatures) stay in the object store, one object per unit; candidate rows are
               numbered in corpus order across units
  C  dedup     exact hashes shuffled by hash (first row of each hash), LSH band keys and opening
               keys of the remaining rows shuffled by key, candidate pairs from each bucket, verified on the
               signatures in tasks by row range; connected components of the verified edges in
               the driver (memory grows with duplicate edges, not documents); each cluster's keeper
               chosen by `dedup.decide` in tasks
  D  write     a task per unit writes its data/, rejected/ and cluster rows (`ShardWriter`); the
               driver names the parts in unit order and commits them with the index, templates
               and manifest, as the local build does

Retries are Ray's: a task whose worker dies runs again. Every task writes its outputs under
names fixed by its unit, atomically (spools renamed when complete, shard parts rewritten from
the start), so a retried task leaves exactly what one run leaves. Paths must be on a file system
every worker sees (local for a one-machine cluster, a shared mount across machines).
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import time
import zlib
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from worksum.cleaning.pipeline import Extracted
from worksum.cleaning.stats import Stats
from worksum.cleaning.template import PageTally, SiteCounts

from . import schema
from .build import (BuildConfig, BuildReport, _check_columns, _open_index, _skipped_rows, _StageWorker,
                    _write_clusters, _write_manifest, _write_templates, add_candidate)
from .dedup import CandidateBuffer, Candidates, DedupConfig, decide, similarity
from .errors import CorpusError
from .files import file_page, is_document_file
from .minhash import MinHasher, band_keys
from .openings import STARTS
from .order import input_order
from .shards import Commit, JOURNAL, ShardWriter, sha256_file
from .warc import MAX_BODY_BYTES, WarcStats, copy_ranks, file_pages, merge_ranks

log = logging.getLogger(__name__)

DOCUMENT_BATCH = 64  # document files (PDF, DOCX, HTML) per unit
MAX_RETRIES = 3  # per task, when its worker process dies
LOCAL_OBJECT_STORE = 200_000_000  # bytes: a cluster started for one build on a shared machine stays small
DECIDE_BATCH = 2_000  # clusters per decision task
CONNECT_TIMEOUT_S = 10


class RayUnavailable(CorpusError):
    """Ray is not installed, or the cluster cannot be reached or started."""


@dataclass(frozen=True)
class Unit:
    """A piece of work in corpus order: one WARC file (number `n` among the WARC files) or document files."""

    number: int
    warc: Path | None = None
    n: int = 0
    documents: tuple[Path, ...] = ()
    repeats: tuple[bool, ...] = ()  # the document file came earlier in the inputs: a page fetched twice


def make_units(files: list[Path]) -> list[Unit]:
    ordered = input_order(files)
    warcs = [f for f in ordered if not is_document_file(f)]
    units = [Unit(i, warc=f, n=i) for i, f in enumerate(warcs)]
    docs = [f for f in ordered if is_document_file(f)]
    seen: set[str] = set()
    repeats = []
    for f in docs:
        uri = f.resolve().as_uri()
        repeats.append(uri in seen)
        seen.add(uri)
    for start in range(0, len(docs), DOCUMENT_BATCH):
        units.append(Unit(len(units), documents=tuple(docs[start:start + DOCUMENT_BATCH]),
                          repeats=tuple(repeats[start:start + DOCUMENT_BATCH])))
    return units


def _site_part(site: str, parts: int) -> int:
    return zlib.crc32(site.encode("utf-8")) % parts


def _unit_dir(work: Path, unit: int, kind: str) -> Path:
    """A folder of its own for each unit's shard parts: a retried task rewrites the same files."""
    path = work / f"u{unit:05d}" / kind
    shutil.rmtree(path, ignore_errors=True)
    return path


def _spool(work: Path, kind: str, unit: int) -> Path:
    return work / f"{kind}-{unit:05d}.jsonl"


# ---- tasks (plain functions; `_remote` makes them Ray tasks) ---------------------------------

def scan_file(path: Path, n: int, parts: int):
    """sha256 of a WARC file, and the rank of its best copy of each URL by URL partition: (digest, *parts)."""
    by_part: list[list[tuple[str, tuple]]] = [[] for _ in range(parts)]
    for url, rank in copy_ranks(path, n, WarcStats(), MAX_BODY_BYTES).items():
        by_part[zlib.crc32(url.encode("utf-8")) % parts].append((url, rank))
    return (sha256_file(path), *by_part)


def superseded_copies(*parts: list[tuple[str, tuple]]) -> list[tuple[int, int]]:
    """(file number, offset) of the copies of a URL partition that another copy outranks (`merge_ranks`'s rule)."""
    best: dict[str, tuple] = {}
    for part in parts:
        merge_ranks(best, dict(part))
    return [rank[2:] for part in parts for url, rank in part if rank != best[url]]


def extract_unit(unit: Unit, superseded: frozenset[int], cfg: BuildConfig, out: Path, work: Path, parts: int):
    """Stage A on a unit, as `_stage_extract` does it page by page; returns (summary, *tallies by site part)."""
    worker = _StageWorker(cfg.site_hints, {}, cfg)
    wstats, stats = WarcStats(), Stats()
    tallies: list[list[tuple[str, PageTally]]] = [[] for _ in range(parts)]
    fetched: set[str] = set()
    pages = 0
    spool = _spool(work, "extract", unit.number)
    tmp = spool.with_suffix(".jsonl.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for page, repeat in _unit_pages(unit, superseded, wstats):
            ex, warc_file, delta = worker.extract_one(page)
            pages += 1
            stats.counts.update(delta)
            if not ex.reason and (ex.url in fetched or repeat):  # the same page twice
                ex.reason, ex.lines, ex.blocks = "refetched", [], []
            fh.write(json.dumps([asdict(ex), warc_file], ensure_ascii=False) + "\n")
            if not ex.reason:
                fetched.add(ex.url)
                if ex.blocks:
                    tally = PageTally.of([(p, t, why) for p, t, _, why in ex.blocks], ex.container, ex.title)
                    tallies[_site_part(ex.site, parts)].append((ex.site, tally))
    os.replace(tmp, spool)
    # The records that never became pages: rejected rows, first in rejected/ (corpus order)
    rows = _skipped_rows(wstats.skipped)
    writer = ShardWriter(out / "rejected", schema.REJECTED, "rejected", cfg.shard_bytes,
                         tmp_dir=_unit_dir(work, unit.number, "skipped"))
    reasons: Counter = Counter()
    sites: dict[str, Counter] = {}
    for row in rows:
        reasons[row["reason"]] += 1
        _outcome(sites, row, "rejected")
        writer.write(row)
    summary = {"pages": pages, "skipped": len(rows), "files": wstats.files, "bad_files": wstats.bad_files,
               "steps": stats.counts, "reasons": reasons, "sites": sites, "parts": writer.finish()}
    return (summary, *tallies)


def _unit_pages(unit: Unit, superseded: frozenset[int], wstats: WarcStats):
    if unit.warc is not None:
        for page in file_pages(unit.warc, unit.n, None, wstats, superseded=superseded):
            yield page, False
    for path, repeat in zip(unit.documents, unit.repeats):
        page = file_page(path, wstats)
        if page is not None:
            yield page, repeat


def learn_templates(*parts: list[tuple[str, PageTally]]) -> dict[str, SiteCounts]:
    """The counts of the sites of one partition, each site's pages counted in corpus order (units in order)."""
    counts: dict[str, SiteCounts] = {}
    for part in parts:
        for site, tally in part:
            counts.setdefault(site, SiteCounts()).add(tally)
    return counts


def clean_unit(unit: int, templates: dict, cfg: BuildConfig, work: Path) -> tuple[dict, Candidates]:
    """Stage B on a unit's extracted pages, as `_stage_clean` does it; (summary, the unit's dedup candidates)."""
    worker = _StageWorker(cfg.site_hints, templates, cfg)
    stats = Stats()
    buf = CandidateBuffer(cfg.dedup.minhash.num_perm)
    spool = _spool(work, "docs", unit)
    tmp = spool.with_suffix(".jsonl.tmp")
    documents = 0
    with open(_spool(work, "extract", unit), encoding="utf-8") as src, open(tmp, "w", encoding="utf-8") as fh:
        for line in src:
            ex, warc_file = json.loads(line)
            docs, delta = worker.clean_one((ex, warc_file))
            stats.counts.update(delta)
            for row, sig, shingles, openings in docs:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                documents += 1
                if sig is not None:
                    add_candidate(buf, row, sig, shingles, openings)
    os.replace(tmp, spool)
    return {"steps": stats.counts, "documents": documents, "candidates": len(buf)}, buf.freeze()


def exact_parts(c: Candidates, offset: int, parts: int) -> list[tuple[list[str], np.ndarray]]:
    """A unit's (exact hash, row) pairs, by hash partition."""
    out = [([], []) for _ in range(parts)]
    for row, h in enumerate(c.exact):
        p = out[int(h[:8], 16) % parts]
        p[0].append(h)
        p[1].append(offset + row)
    return [(hashes, np.array(rows, np.int64)) for hashes, rows in out]


def exact_copies(*parts: tuple[list[str], np.ndarray]) -> np.ndarray:
    """(first row, later row) of each exact copy in a hash partition: parts come in unit order, so rows ascend."""
    first: dict[str, int] = {}
    edges = []
    for hashes, rows in parts:
        for h, row in zip(hashes, rows.tolist()):
            if h in first:
                edges.append((first[h], row))
            else:
                first[h] = row
    return np.array(edges, np.int64).reshape(-1, 2)


def band_parts(c: Candidates, offset: int, copies: np.ndarray, dedup: DedupConfig, parts: int) -> list[np.ndarray]:
    """(band, key, row) of the unit's rows that are no later exact copy, by key partition. Opening keys come
    as one more band (number `bands`): a key at one start meets the same key at any other, as in `cluster`."""
    m = dedup.minhash
    select = np.setdiff1d(np.arange(len(c), dtype=np.int64), copies - offset)
    keys = np.hstack([band_keys(c.sigs, m.bands, m.rows, select=select), c.openings[select]])  # (rows, bands + STARTS)
    band = np.tile(np.r_[np.arange(m.bands), np.full(STARTS, m.bands)].astype(np.uint64), len(select))
    key = keys.ravel()
    row = np.repeat((select + offset).astype(np.uint64), keys.shape[1])
    table = np.stack([band, key, row], axis=1)[(key != 0) | (band < m.bands)]  # 0: no opening key
    which = (key % np.uint64(parts)).astype(np.int64)
    return [table[which == p] for p in range(parts)]


def bucket_pairs(*parts: np.ndarray, max_bucket: int, n: int, ranges: int) -> list[np.ndarray]:
    """Row pairs (a < b, coded a·n + b) sharing a (band, key) bucket of 2..max_bucket rows, by range of a."""
    table = np.concatenate(parts) if parts else np.zeros((0, 3), np.uint64)
    empty = [np.zeros(0, np.int64) for _ in range(ranges)]
    if len(table) == 0:
        return empty
    table = table[np.lexsort((table[:, 2], table[:, 1], table[:, 0]))]  # by band, key, row
    same = (table[1:, 0] == table[:-1, 0]) & (table[1:, 1] == table[:-1, 1])
    starts = np.flatnonzero(np.r_[True, ~same])
    sizes = np.diff(np.r_[starts, len(table)])
    rows = table[:, 2].astype(np.int64)
    found = []
    for size in np.unique(sizes[(sizes > 1) & (sizes <= max_bucket)]):
        members = rows[starts[sizes == size][:, None] + np.arange(size)]  # rows ascend within a bucket
        i, j = np.triu_indices(size, k=1)
        found.append((members[:, i] * n + members[:, j]).ravel())
    if not found:
        return empty
    flat = np.unique(np.concatenate(found))
    which = (flat // n) * ranges // n
    return [flat[which == r] for r in range(ranges)]


def _rows_of(chunks: list, offsets: np.ndarray, rows: np.ndarray) -> tuple[Candidates, np.ndarray]:
    """The candidates holding `rows` (global numbers, ascending) and the position of each row in them."""
    import ray

    units = np.unique(np.searchsorted(offsets, rows, side="right") - 1)
    got = ray.get([chunks[u] for u in units])
    local_start = np.zeros(len(offsets), np.int64)
    size = 0
    for u, c in zip(units, got):
        local_start[u] = size
        size += len(c)
    both = got[0]
    for c in got[1:]:
        both = both.concat(c)
    owner = np.searchsorted(offsets, rows, side="right") - 1
    return both, local_start[owner] + rows - offsets[owner]


def verify_pairs(chunks: list, offsets: np.ndarray, n: int, dedup: DedupConfig, *pairs: np.ndarray):
    """Verify a range's candidate pairs on the signatures, as `cluster` does: near pairs (coded), and for
    contained pairs (smaller row, bigger row, containment, code)."""
    flat = np.unique(np.concatenate(pairs)) if pairs else np.zeros(0, np.int64)
    if len(flat) == 0:
        return np.zeros(0, np.int64), (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), flat)
    a, b = flat // n, flat % n
    needed = np.unique(np.concatenate([a, b]))
    c, at = _rows_of(chunks, offsets, needed)
    la, lb = at[np.searchsorted(needed, a)], at[np.searchsorted(needed, b)]
    kind, sim = similarity(c, la, lb, dedup)
    two = kind == 2
    a2, b2 = a[two], b[two]
    small_first = c.shingles[la[two]] <= c.shingles[lb[two]]
    return flat[kind == 1], (np.where(small_first, a2, b2), np.where(small_first, b2, a2), sim[two], flat[two])


def decide_clusters(groups: list[list[int]], chunks: list, offsets: np.ndarray, dedup: DedupConfig,
                    containers: dict[int, int] | None = None) -> dict[int, tuple[str, str, float]]:
    """Each cluster's keeper by `dedup.decide` (`containers`: each preview's best container, row → row);
    row → (keeper id, reason, similarity) for the rows not kept."""
    rows = np.array(sorted(r for g in groups for r in g), np.int64)
    c, at = _rows_of(chunks, offsets, rows)
    c = c.take(at)  # one candidate per row of `rows`, in that order
    labels = np.empty(len(rows), np.int64)
    for label, members in enumerate(groups):
        labels[np.searchsorted(rows, members)] = label
    contained_in = np.full(len(rows), -1, np.int64)
    for small, big in (containers or {}).items():  # both in one cluster, so both among `rows`
        contained_in[np.searchsorted(rows, small)] = np.searchsorted(rows, big)
    return {int(rows[i]): (c.ids[d.keeper], d.reason, d.similarity)
            for i, d in enumerate(decide(c, labels, dedup, contained_in=contained_in)) if d.reason != "kept"}


def write_unit(unit: int, offset: int, dups: dict[int, tuple[str, str, float]], cfg: BuildConfig, out: Path,
               work: Path, started: str) -> dict:
    """Stage D on a unit, as `_stage_write` does it: its data/ and rejected/ parts and its cluster rows."""
    data = ShardWriter(out / "data", schema.DOCUMENTS, "train", cfg.shard_bytes, tmp_dir=_unit_dir(work, unit, "data"))
    rejected = ShardWriter(out / "rejected", schema.REJECTED, "rejected", cfg.shard_bytes,
                           tmp_dir=_unit_dir(work, unit, "rejected"))
    clusters: dict[str, list] = {name: [] for name in schema.CLUSTERS.names}
    reasons, dup_reasons = Counter(), Counter()
    sites: dict[str, Counter] = {}
    row_no = offset
    with open(_spool(work, "docs", unit), encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            _check_columns(row, kept=not row["reason"])
            if row["reason"]:
                reasons[row["reason"]] += 1
                _outcome(sites, row, "rejected")
                rejected.write({k: row.get(k) for k in schema.REJECTED.names})
                continue
            keeper, reason, sim = dups.get(row_no, (row["id"], "kept", 1.0))
            row_no += 1
            for name, value in (("id", row["id"]), ("cluster_id", keeper), ("similarity", sim),
                                ("reason", reason), ("build", started)):
                clusters[name].append(value)
            _outcome(sites, row, "kept" if reason == "kept" else "duplicates")
            if reason != "kept":
                dup_reasons[reason] += 1
                if not cfg.keep_duplicates:
                    continue
                row.update(duplicate_of=keeper, dup_reason=reason, dup_similarity=sim)
            data.write({k: row.get(k) for k in schema.DOCUMENTS.names})
    part = _unit_dir(work, unit, "clusters") / "clusters.parquet"
    part.parent.mkdir(parents=True)
    pq.write_table(pa.table(clusters, schema=schema.CLUSTERS), part)
    return {"reasons": reasons, "dup_reasons": dup_reasons, "sites": sites, "data": data.finish(),
            "rejected": rejected.finish(), "clusters": part}


def _outcome(sites: dict[str, Counter], row: dict, what: str) -> None:
    sites.setdefault(row.get("site") or "", Counter(kept=0, duplicates=0, rejected=0))[what] += 1


# ---- the driver -------------------------------------------------------------------------

@contextmanager
def ray_session(address: str | None, cpus: int):
    """Ray, connected: to `address` ("auto", "ray://host:port"), or to a cluster started for this build
    ("local"/None: `cpus` workers, a small object store, no dashboard). A session already open is used as is."""
    try:
        import ray
    except ImportError:
        raise RayUnavailable("worksum build --ray needs Ray: pip install 'worksum[ray]'") from None
    local = address in (None, "", "local")
    if not local and address != "auto":
        _check_reachable(address)
    if ray.is_initialized():
        yield ray
        return
    try:
        if local:
            ray.init(num_cpus=cpus, object_store_memory=LOCAL_OBJECT_STORE, include_dashboard=False)
        else:
            ray.init(address=address)
    except Exception as exc:  # noqa: BLE001 -- Ray raises many kinds; the operator needs the one line
        what = "start a local Ray cluster" if local else f"connect to the Ray cluster at {address}"
        raise RayUnavailable(f"cannot {what}: {type(exc).__name__}: {exc}") from None
    try:
        yield ray
    finally:
        ray.shutdown()


def _check_reachable(address: str) -> None:
    """Ray waits for a cluster that is not there for minutes, retrying: a closed port is said at once."""
    host, _, port = address.split("://")[-1].rpartition(":")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT_S).close()
    except (OSError, ValueError) as exc:
        raise RayUnavailable(f"no Ray cluster answers at {address} ({exc}); start one with `ray start --head`, "
                             "or give no address for a local cluster") from None


def build_on_ray(files: list[Path], out: Path, cfg: BuildConfig, started: float) -> BuildReport:
    """The build of `build._build` on Ray; the caller holds the corpus lock."""
    if cfg.incremental or cfg.redis_url:
        raise CorpusError("--ray builds a corpus in full: --incremental and --redis work with the local build only")
    with ray_session(cfg.ray, cfg.workers) as ray:
        return _Driver(ray, files, out, cfg, started).run()


class _Driver:
    def __init__(self, ray, files: list[Path], out: Path, cfg: BuildConfig, started: float):
        self.ray, self.files, self.out, self.cfg, self.started = ray, files, out, cfg, started
        self.work = out / "_work"
        self.parts = max(2, int(ray.cluster_resources().get("CPU", 2)))  # shuffle partitions
        self.report = BuildReport(out=str(out), started=datetime.now(timezone.utc).isoformat(timespec="microseconds"))

    def _remote(self, fn, returns: int = 1):
        return self.ray.remote(fn).options(num_returns=returns, max_retries=MAX_RETRIES, retry_exceptions=False)

    def run(self) -> BuildReport:
        ray, cfg, out, work, report = self.ray, self.cfg, self.out, self.work, self.report
        shutil.rmtree(work, ignore_errors=True)  # scratch of a build that never committed
        for leftover in [*out.glob("*.tmp"), *out.glob("*/*.tmp")]:
            leftover.unlink()
        work.mkdir(parents=True)
        MinHasher(cfg.dedup.minhash)  # compiled (or loaded from numba's cache) once, before the workers need it
        units = make_units(self.files)
        t0 = time.monotonic()
        superseded, digests = self._scan(units)
        summaries, counts = self._extract(units, superseded)
        report.pages_per_s = round(sum(s["pages"] for s in summaries) / max(time.monotonic() - t0, 1e-9), 1)
        stats = Stats()
        for s in summaries:
            stats.counts.update(s["steps"])
        templates = {site: t for site, c in counts.items() if (t := c.template()) is not None}
        stats.add("template", "sites", len(templates))
        cleaned, chunks = self._clean(units, templates)
        for s in cleaned:
            stats.counts.update(s["steps"])
        offsets = np.cumsum([0] + [s["candidates"] for s in cleaned]).astype(np.int64)
        dups = self._dedup(chunks, offsets)
        written = self._write(units, offsets, dups, summaries)
        commit = Commit(out / JOURNAL)
        files = self._commit_shards(written, summaries, int(offsets[-1]), commit)
        index = _open_index(out, cfg)
        if int(offsets[-1]):
            every = ray.get(chunks)
            both = every[0]
            for c in every[1:]:
                both = both.concat(c)
            index.add(both.take([i for i in range(len(both)) if i not in dups]), commit, tmp_dir=work)
        else:
            index.add(Candidates.empty(cfg.dedup.minhash.num_perm), commit, tmp_dir=work)
        report.pages = sum(s["pages"] + s["skipped"] for s in summaries)
        report.warc_files = sum(s["files"] for s in summaries)
        report.bad_warc_files = list(dict.fromkeys(f for s in summaries for f in s["bad_files"]))
        report.document_files = sum(map(is_document_file, self.files))
        report.seconds = round(time.monotonic() - self.started, 2)
        report.steps = stats.by_step()
        _write_templates(out, counts, commit, work)
        _write_manifest(out, self.files, digests, files, cfg, report, commit, work)
        commit.apply()
        shutil.rmtree(work, ignore_errors=True)
        return report

    def _scan(self, units: list[Unit]) -> tuple[dict[int, frozenset[int]], dict[Path, str]]:
        """Each WARC file's records that an older-than-newest copy of their URL makes no page (a shuffle on
        URLs: only superseded copies come back to the driver), and every input's sha256."""
        scan = self._remote(scan_file, 1 + self.parts)
        warcs = [u for u in units if u.warc is not None]
        refs = [scan.remote(u.warc, u.n, self.parts) for u in warcs]
        decide = self._remote(superseded_copies)
        losers = [decide.remote(*[r[1 + p] for r in refs]) for p in range(self.parts)]
        digests = dict(zip([u.warc for u in warcs], self.ray.get([r[0] for r in refs])))
        superseded: dict[int, set[int]] = defaultdict(set)
        for part in self.ray.get(losers):
            for n, offset in part:
                superseded[n].add(offset)
        for f in self.files:  # document files are small: hashed here
            if f not in digests:
                digests[f] = sha256_file(f)
        return {n: frozenset(o) for n, o in superseded.items()}, digests

    def _extract(self, units: list[Unit],
                 superseded: dict[int, frozenset[int]]) -> tuple[list[dict], dict[str, SiteCounts]]:
        extract = self._remote(extract_unit, 1 + self.parts)
        cfg = self.ray.put(self.cfg)
        refs = [extract.remote(u, superseded.get(u.n, frozenset()) if u.warc is not None else frozenset(), cfg,
                               self.out, self.work, self.parts) for u in units]
        learn = self._remote(learn_templates)
        learned = [learn.remote(*[r[1 + p] for r in refs]) for p in range(self.parts)]  # units in order
        summaries = self.ray.get([r[0] for r in refs])
        counts: dict[str, SiteCounts] = {}
        for part in self.ray.get(learned):
            counts.update(part)
        log.info("extracted %d pages (%d WARC files or batches of documents)", sum(s["pages"] for s in summaries),
                 len(units))
        return summaries, counts

    def _clean(self, units: list[Unit], templates: dict) -> tuple[list[dict], list]:
        clean = self._remote(clean_unit, 2)
        shared, cfg = self.ray.put(templates), self.ray.put(self.cfg)  # broadcast: one copy in the store
        refs = [clean.remote(u.number, shared, cfg, self.work) for u in units]
        return self.ray.get([r[0] for r in refs]), [r[1] for r in refs]

    def _dedup(self, chunks: list, offsets: np.ndarray) -> dict[int, tuple[str, str, float]]:
        """Row → (keeper id, reason, similarity) for every candidate row that is a duplicate."""
        ray, dedup, parts = self.ray, self.cfg.dedup, self.parts
        n = int(offsets[-1])
        if n == 0:
            return {}
        # exact copies: shuffle by hash
        split = self._remote(exact_parts, parts)
        by_hash = [split.remote(c, int(offsets[u]), parts) for u, c in enumerate(chunks)]
        copies = self._remote(exact_copies)
        exact = ray.get([copies.remote(*[r[p] for r in by_hash]) for p in range(parts)])
        exact = np.concatenate(exact) if exact else np.zeros((0, 2), np.int64)
        later = np.sort(exact[:, 1])
        # LSH: shuffle band keys by key, candidate pairs per bucket, verified by row range
        bands = self._remote(band_parts, parts)
        by_key = []
        for u, c in enumerate(chunks):
            lo, hi = int(offsets[u]), int(offsets[u + 1])
            mine = later[(later >= lo) & (later < hi)]
            by_key.append(bands.remote(c, lo, mine, dedup, parts))
        pairs = self._remote(bucket_pairs, parts)
        by_range = [pairs.remote(*[r[p] for r in by_key], max_bucket=dedup.max_bucket, n=n, ranges=parts)
                    for p in range(parts)]
        verify = self._remote(verify_pairs)
        verified = ray.get([verify.remote(chunks, offsets, n, dedup, *[r[v] for r in by_range]) for v in range(parts)])
        groups, containers = _components(exact, verified, n)
        log.info("dedup: %d rows linked as exact copies, %d clusters of several documents", len(exact), len(groups))
        decide = self._remote(decide_clusters)
        refs = [decide.remote(batch, chunks, offsets, dedup, {r: containers[r] for g in batch for r in g if r in containers})
                for batch in (groups[i:i + DECIDE_BATCH] for i in range(0, len(groups), DECIDE_BATCH))]
        dups: dict[int, tuple[str, str, float]] = {}
        for part in ray.get(refs):
            dups.update(part)
        return dups

    def _write(self, units: list[Unit], offsets: np.ndarray, dups: dict, summaries: list[dict]) -> list[dict]:
        write = self._remote(write_unit)
        cfg = self.ray.put(self.cfg)
        by_unit: dict[int, dict] = defaultdict(dict)
        for row, d in dups.items():
            by_unit[int(np.searchsorted(offsets, row, side="right")) - 1][row] = d
        refs = [write.remote(u.number, int(offsets[u.number]), by_unit.get(u.number, {}), cfg, self.out, self.work,
                             self.report.started) for u in units]
        return self.ray.get(refs)

    def _commit_shards(self, written: list[dict], summaries: list[dict], candidates: int, commit: Commit) -> dict:
        """The parts of every unit, named in corpus order, as `_stage_write` names its shards; the counts."""
        report, out, work, cfg = self.report, self.out, self.work, self.cfg
        reasons, dup_reasons = Counter(), Counter()
        sites: dict[str, Counter] = {}
        for s in summaries:  # the records that never became pages come first, as in the local build
            reasons.update(s["reasons"])
            _add_sites(sites, s["sites"])
        for w in written:
            reasons.update(w["reasons"])
            dup_reasons.update(w["dup_reasons"])
            _add_sites(sites, w["sites"])
        report.rejected = sum(reasons.values())
        report.duplicates = sum(dup_reasons.values())
        report.documents = report.rejected + candidates
        report.kept = report.documents - report.rejected - report.duplicates
        report.reasons, report.dup_reasons = dict(reasons.most_common()), dict(dup_reasons.most_common())
        report.sites = {site: dict(c) for site, c in sorted(sites.items())}
        data = ShardWriter(out / "data", schema.DOCUMENTS, "train", cfg.shard_bytes, tmp_dir=work)
        data.adopt([p for w in written for p in w["data"]])
        rejected = ShardWriter(out / "rejected", schema.REJECTED, "rejected", cfg.shard_bytes, tmp_dir=work)
        rejected.adopt([p for s in summaries for p in s["parts"]] + [p for w in written for p in w["rejected"]])
        table = pa.concat_tables([pq.read_table(w["clusters"], schema=schema.CLUSTERS) for w in written])
        columns = {name: table.column(name) for name in schema.CLUSTERS.names}
        return {"data": data.close(commit, {}, replace=True),
                "rejected": rejected.close(commit, {}, replace=True),
                "dedup": _write_clusters(out / "dedup" / "clusters.parquet", columns, commit, append=False,
                                         tmp_dir=work)}


def _add_sites(sites: dict[str, Counter], more: dict[str, Counter]) -> None:
    for site, c in more.items():
        sites.setdefault(site, Counter(kept=0, duplicates=0, rejected=0)).update(c)


def _components(exact: np.ndarray, verified: list, n: int) -> tuple[list[list[int]], dict[int, int]]:
    """Clusters of several rows, each listed ascending: exact copies, near pairs and each preview's best
    container linked, as `cluster` links them (of equally contained pairs, the first in row order wins);
    and each preview's best container (row → row)."""
    near = np.concatenate([v[0] for v in verified])
    small = np.concatenate([v[1][0] for v in verified])
    big = np.concatenate([v[1][1] for v in verified])
    sim = np.concatenate([v[1][2] for v in verified])
    code = np.concatenate([v[1][3] for v in verified])
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent.setdefault(min(ra, rb), min(ra, rb))  # every row linked is listed, roots too
            parent[max(ra, rb)] = min(ra, rb)

    for a, b in exact.tolist():
        union(a, b)
    for c in near.tolist():
        union(c // n, c % n)
    order = np.lexsort((code, -sim, small))  # by preview row, then best containment, then pair order
    first = np.r_[True, small[order][1:] != small[order][:-1]] if len(order) else np.zeros(0, bool)
    containers = {int(small[i]): int(big[i]) for i in order[first]}
    for a, b in containers.items():
        union(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for x in list(parent):
        groups[find(x)].append(x)
    return [sorted(g) for g in groups.values() if len(g) > 1], containers
