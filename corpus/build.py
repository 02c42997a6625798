"""`worksum build`: WARC files (and PDF, DOCX, HTML files) → cleaned, deduplicated Parquet shards with a manifest.

Steps, each passing its result to the next through a file in DIR/_work:
  A  extract   WARC pages → main-text lines (parallel); per-site line counts are gathered
  B  clean     learned site chrome removed, rules, repairs, script, filters, metadata, MinHash
  C  dedup     exact + LSH near/containment clusters on the signatures, against the
               documents earlier builds released (the persistent index) when incremental
  D  write     data/ shards, rejected/, this build's dedup/clusters.parquet/ file, an index segment, manifest.json
Every page read ends up as kept, duplicate or rejected: nothing vanishes.
"""
from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing as mp
import multiprocessing.connection
import os
import shutil
import signal
import time
import traceback
from collections import Counter
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from worksum.cleaning.filters import FilterConfig
from worksum.cleaning.pipeline import Cleaner, Extracted, ExtractStep, site_of
from worksum.cleaning.record import Document, Page, SiteHints
from worksum.cleaning.stats import Stats
from worksum.cleaning.template import PageTally, SiteCounts, SiteTemplate

from . import schema
from .dedup import CandidateBuffer, Candidates, Decision, DedupConfig, cluster, noise_density
from .errors import read_manifest
from .files import find_inputs, is_document_file, iter_inputs
from .index import RedisIndex, SegmentIndex
from .lock import Lock
from .minhash import MinHasher, dedup_key
from .openings import opening_keys
from .shards import JOURNAL, Commit, ShardFile, ShardWriter, committed_files, sha256_file, write_json_atomic
from .warc import Skipped, WarcStats

log = logging.getLogger(__name__)

TEMPLATES = "templates.json"  # the per-site template counts, kept with the corpus for incremental builds
EXTRACT_TIMEOUT_S = 30
CLEAN_TIMEOUT_S = 30


@dataclass(frozen=True)
class BuildConfig:
    keep_duplicates: bool = False
    workers: int = max(1, min(os.cpu_count() or 1, 8))
    shard_bytes: int = 150_000_000
    dedup: DedupConfig = field(default_factory=DedupConfig)
    filters: FilterConfig = field(default_factory=FilterConfig)
    progress: bool = True
    incremental: bool = False  # add to the corpus in DIR instead of replacing it
    replace: bool = False  # a full build may replace a corpus already in DIR (`build --force`)
    redis_url: str | None = None  # keep the dedup index in Redis (shared by several builds)
    site_hints: dict = field(default_factory=dict)  # site → SiteHints from its crawl profile
    extract_timeout_s: float = EXTRACT_TIMEOUT_S
    clean_timeout_s: float = CLEAN_TIMEOUT_S
    prefilter: bool = False  # skip pages that cannot be Chinese work documents before reading them (cleaning/prefilter.py)
    ray: str | None = None  # run on Ray (corpus/ray_build.py): "local" (a cluster for this build), "auto", "ray://host:port"


@dataclass
class BuildReport:
    out: str
    started: str = ""
    pages: int = 0
    documents: int = 0
    kept: int = 0
    duplicates: int = 0
    rejected: int = 0
    reasons: dict = field(default_factory=dict)
    dup_reasons: dict = field(default_factory=dict)
    warc_files: int = 0
    bad_warc_files: list = field(default_factory=list)
    document_files: int = 0  # PDF, DOCX and HTML files read beside the WARC files
    skipped_inputs: int = 0  # WARC files already in the corpus (incremental builds)
    released_before: int = 0  # documents in the dedup index when the build started
    duplicates_of_released: int = 0
    updated: int = 0  # released documents whose page came again with another text: the new version replaces them
    seconds: float = 0.0
    pages_per_s: float = 0.0
    steps: dict = field(default_factory=dict)  # what every cleaning step did: {step: {what: n}}
    sites: dict = field(default_factory=dict)  # what became of each site's documents: {site: {kept, duplicates, rejected}}


def doc_id(url: str, part: int) -> str:
    return hashlib.sha1(f"{url}#{part}".encode()).hexdigest()[:16]


# ---- worker side -------------------------------------------------------------------------

ALARM_REPEAT_S = 0.1  # after the limit, the alarm repeats this often until the code inside has left


class _Timeout(BaseException):
    """Not an Exception: the parsers' catch-alls (trafilatura's, the PDF reader's) must let it through."""


def _alarm(signum, frame):
    raise _Timeout()


@contextmanager
def _time_limit(seconds: float):
    """Raise _Timeout in the code inside after `seconds` (0: no limit). Only in a process's main thread, as
    the workers run pages; Python code is interrupted between two of its steps, a C call when it returns.
    The alarm repeats until the code leaves, in case C code that checks for signals swallowed the
    first _Timeout (a build in CI once kept a page that had outlived its limit)."""
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})  # a mask inherited through fork must not hold it back
    signal.setitimer(signal.ITIMER_REAL, seconds, ALARM_REPEAT_S)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # no repeat may interrupt the clean-up
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_IGN)  # drops an alarm still pending
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
        signal.signal(signal.SIGALRM, previous)


Signed = tuple[dict, bytes | None, int, bytes | None]  # a document's row; signature, shingles, opening keys if kept


class _StageWorker:
    """The state of one worker process: the steps it runs, built once when the process starts."""

    def __init__(self, hints: dict[str, SiteHints], templates: dict[str, SiteTemplate], cfg: BuildConfig):
        self.extract = ExtractStep(hints, prefilter=cfg.prefilter)
        self.cleaner = Cleaner(templates, cfg.filters)
        self.hasher = MinHasher(cfg.dedup.minhash)
        self.extract_timeout_s, self.clean_timeout_s = cfg.extract_timeout_s, cfg.clean_timeout_s

    def extract_one(self, page: Page) -> tuple[Extracted, str, Counter]:
        """Stage A for one page, bounded in time: parsing and trafilatura have no timeout of their own."""
        stats = Stats()
        try:
            with _time_limit(self.extract_timeout_s):
                ex = self.extract(page, stats)
        except _Timeout:
            log.warning("extraction of %s stopped after %ss", page.url, self.extract_timeout_s)
            ex = Extracted(url=page.url, site="", crawl_time=page.crawl_time, reason="extract_timeout")
        except Exception as exc:  # a page must never stop a build: count it and go on
            log.warning("extraction failed for %s: %s", page.url, exc)
            ex = Extracted(url=page.url, site="", crawl_time=page.crawl_time, reason="extract_error")
        return ex, page.warc_file, stats.counts

    def clean_one(self, item: tuple[dict, str]) -> tuple[list[Signed], Counter]:
        """Stage B for one page, bounded in time: documents as rows, with signature and opening key bytes for
        the kept ones."""
        ex_dict, warc_file = item
        ex = Extracted(**ex_dict)
        stats = Stats()
        try:
            with _time_limit(self.clean_timeout_s):
                return self._clean(ex, warc_file, stats), stats.counts
        except _Timeout:
            log.warning("cleaning of %s stopped after %ss", ex.url, self.clean_timeout_s)
            reason = "clean_timeout"
        except Exception as exc:
            log.warning("cleaning failed for %s: %s", ex.url, exc)
            reason = "clean_error"
        failed = Document(url=ex.url, site=ex.site, title=ex.title, lines=[], crawl_time=ex.crawl_time, reason=reason)
        return [(_row(failed, warc_file), None, 0, None)], stats.counts

    def _clean(self, ex: Extracted, warc_file: str, stats: Stats) -> list[Signed]:
        docs = self.cleaner(ex, stats)
        kept = [doc for doc in docs if not doc.reason]
        sigs, shingles = self.hasher.signatures([doc.text for doc in kept])  # one call for the page's documents
        signed = {id(doc): (sig.tobytes(), int(n), opening_keys(doc.text).tobytes())
                  for doc, sig, n in zip(kept, sigs, shingles)}
        return [(_row(doc, warc_file), *signed.get(id(doc), (None, 0, None))) for doc in docs]



def add_candidate(buf: CandidateBuffer, row: dict, sig: bytes, shingles: int, openings: bytes) -> None:
    """A kept document's row and signature as a dedup candidate."""
    noise = noise_density(row["chars"], row["noise_chars"], row["placeholder_density"])
    buf.add(row["id"], row["exact_hash"], sig, shingles, row["chars"], noise, row["script_converted"], row["url"],
            openings=openings)


_WORKER: _StageWorker | None = None  # one per worker process, set when it starts


def _worker_init(hints, templates, cfg) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    # A handler inherited from the parent (the CLI forwards SIGTERM to Scrapy) could keep a
    # worker alive when it is told to stop: SIGTERM ends a worker, always.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER = _StageWorker(hints, templates, cfg)


def _worker_main(conn, others, hints, templates, cfg) -> None:
    """A worker process: run each chunk the parent sends, send back (True, results) or (False, traceback);
    end at None, or when the parent is gone (end of file on the pipe)."""
    for other in others:  # the other workers' pipes, inherited by fork: only the parent may hold them,
        other.close()  # so that a pipe reads end-of-file once its two ends' processes are gone
    _worker_init(hints, templates, cfg)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        fn, chunk = task
        try:
            reply = (True, fn(chunk))
        except Exception:  # noqa: BLE001 -- a bug in a step: the parent raises it with this traceback
            reply = (False, traceback.format_exc())
        try:
            conn.send(reply)
        except OSError:  # the parent is gone
            return


def _extract(pages: list[Page]):
    return [_spooled(*_WORKER.extract_one(page)) for page in pages]


def _spooled(ex: Extracted, warc_file: str, delta: Counter) -> tuple[str, str, str, PageTally | None, str, Counter]:
    """An extracted page as the parent needs it: (url, reason, site, template tally, spool line, step counts).
    The worker writes the spool line and counts the page's template keys, so the parent never unpacks its blocks."""
    tally = PageTally.of([(p, t, why) for p, t, _, why in ex.blocks], ex.container, ex.title) \
        if not ex.reason and ex.blocks else None
    return ex.url, ex.reason, ex.site, tally, _spool_line(vars(ex), warc_file), delta  # vars: asdict copies every block


def _spool_line(ex: dict, warc_file: str) -> str:
    return json.dumps([ex, warc_file], ensure_ascii=False) + "\n"


def _clean(lines: list[str]):
    """Stage B for spool lines: the worker reads them (the parent only passes the text on)."""
    return [_WORKER.clean_one(json.loads(line)) for line in lines]


def _row(doc: Document, warc_file: str) -> dict:
    text = doc.text
    return {
        "id": doc_id(doc.url, doc.part), "url": doc.url, "site": doc.site, "part": doc.part,
        "title": doc.title, "text": text, "reason": doc.reason, "crawl_time": doc.crawl_time,
        "source_script": doc.source_script, "script_converted": doc.script_converted,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "chars": len(text),
        "exact_hash": hashlib.sha256(dedup_key(text).encode("utf-8")).hexdigest(),
        "warc_file": warc_file, **doc.meta,
    }


# ---- orchestration -----------------------------------------------------------------------

class WorkerDied(ChildProcessError):
    """A worker process died (killed, or out of memory): the build stops, nothing is committed."""


def _chunks(items, n: int):
    items = iter(items)
    while chunk := list(islice(items, n)):
        yield chunk


class _Workers:
    """The worker processes of one stage, each on a pipe of its own, and no threads: multiprocessing.Pool
    waited forever for a worker that was killed, and ProcessPoolExecutor can hang on a shared pipe that a
    dying worker left half written. A dead worker is seen at once, by its process sentinel or the end of
    its pipe, and the stage stops with WorkerDied. A stage left early (an error, Ctrl-C) kills its
    workers rather than wait for the pages they hold."""

    CHUNK = 8  # pages per task: fewer round trips
    AHEAD = 4  # chunks sent or finished but not yet consumed, per worker: the input is read as needed

    def __init__(self, cfg: BuildConfig, templates: dict[str, SiteTemplate], out: Path):
        ctx = mp.get_context("fork")
        self.out, self.ahead = out, self.AHEAD * cfg.workers
        self.conns, self.procs = [], []
        for _ in range(cfg.workers):
            mine, theirs = ctx.Pipe()
            proc = ctx.Process(target=_worker_main, args=(theirs, list(self.conns), cfg.site_hints, templates, cfg),
                               daemon=True)
            proc.start()
            theirs.close()
            self.conns.append(mine)
            self.procs.append(proc)

    def map(self, fn, items):
        """fn over chunks of items; the results one by one, in order. A worker has one chunk at a time:
        it never writes its results while the parent writes it the next chunk, so neither waits on the other."""
        chunks = enumerate(_chunks(items, self.CHUNK))
        idle, busy, done, next_out, more = list(range(len(self.procs))), {}, {}, 0, True
        while True:
            while idle and more and len(busy) + len(done) < self.ahead:
                seq, chunk = next(chunks, (None, None))
                if chunk is None:
                    more = False
                else:
                    w = idle.pop()
                    self._send(w, (fn, chunk))
                    busy[w] = seq
            if next_out in done:
                yield from done.pop(next_out)
                next_out += 1
                wait = 0.0  # then give finished workers their next chunk, before the next results
            elif busy:
                wait = None
            else:
                return
            for w in self._ready(busy, wait):
                done[busy.pop(w)] = self._recv(w)
                idle.append(w)

    def _ready(self, busy: dict[int, int], wait: float | None) -> list[int]:
        """The busy workers whose results are in (waiting up to `wait` s); WorkerDied if a worker died."""
        conns = {self.conns[w]: w for w in busy}
        ready = mp.connection.wait([*conns, *(p.sentinel for p in self.procs)], wait)
        for proc in self.procs:
            if proc.sentinel in ready:
                self._died(proc)
        return [conns[c] for c in ready if c in conns]

    def _send(self, w: int, task) -> None:
        try:
            self.conns[w].send(task)
        except OSError:  # the worker is gone
            self._died(self.procs[w])

    def _recv(self, w: int):
        try:
            ok, result = self.conns[w].recv()
        except (EOFError, OSError):  # it died while it wrote its results
            self._died(self.procs[w])
        if not ok:
            raise RuntimeError(f"a build worker failed:\n{result}")
        return result

    def _died(self, proc) -> None:
        proc.join(5)
        code = proc.exitcode
        how = (f"killed by {signal.Signals(-code).name}" if code is not None and code < 0 else
               f"exited with {code}" if code is not None else "gone")
        raise WorkerDied(f"a build worker process died (pid {proc.pid}, {how}); the build stopped and committed "
                         f"nothing: the corpus in {self.out} is as it was. Run the build again (with fewer "
                         "--workers if the system killed it for want of memory)")

    def __enter__(self) -> "_Workers":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        for conn in self.conns:
            try:
                if exc_type is None:
                    conn.send(None)  # done: the worker leaves on its own
            except OSError:
                pass
        for proc in self.procs:
            proc.join(5 if exc_type is None else 0)
            if proc.is_alive():  # stopped mid-stage (a failure, Ctrl-C): the pages it holds are not wanted
                proc.kill()
                proc.join()
        for conn in self.conns:
            conn.close()


def load_site_counts(out: Path) -> dict[str, SiteCounts]:
    """The per-site template counts an earlier build kept with the corpus."""
    path = out / TEMPLATES
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {site: SiteCounts.from_json(c) for site, c in data.get("sites", {}).items()}


def _stage_extract(files, work: Path, cfg: BuildConfig, report: BuildReport, wstats: WarcStats,
                   stats: Stats) -> dict[str, SiteCounts]:
    """Extract every page to DIR/_work; count each site's blocks for its template."""
    from worksum.progress import Progress

    counts: dict[str, SiteCounts] = {}
    progress = Progress("extract", "pages", enabled=cfg.progress)
    with _Workers(cfg, {}, work.parent) as workers, open(work / "extracted.jsonl", "w", encoding="utf-8") as spool:
        fetched: set[str] = set()
        for url, reason, site, tally, line, delta in workers.map(_extract, iter_inputs(files, wstats)):
            report.pages += 1
            stats.counts.update(delta)
            if not reason and url in fetched:  # the same page archived twice (a crawl that was killed)
                ex, warc_file = json.loads(line)
                ex.update(reason="refetched", lines=[], blocks=[])
                line, reason = _spool_line(ex, warc_file), "refetched"
            spool.write(line)
            if not reason:
                fetched.add(url)
                if tally is not None:
                    counts.setdefault(site, SiteCounts()).add(tally)
            progress.advance()
    report.pages_per_s = progress.done()
    return counts


def _stage_clean(work: Path, cfg: BuildConfig, templates: dict[str, SiteTemplate],
                 stats: Stats) -> tuple[Candidates, dict[int, int]]:
    """Clean every extracted page; return the dedup candidates and document number → candidate row."""
    from worksum.progress import Progress

    buf = CandidateBuffer(cfg.dedup.minhash.num_perm)
    rows_of: dict[int, int] = {}
    progress = Progress("clean", "pages", enabled=cfg.progress)
    n = 0
    with _Workers(cfg, templates, work.parent) as workers, open(work / "extracted.jsonl", encoding="utf-8") as lines, \
            open(work / "documents.jsonl", "w", encoding="utf-8") as spool:
        for docs, delta in workers.map(_clean, lines):
            stats.counts.update(delta)
            for row, sig, shingles, openings in docs:
                spool.write(json.dumps(row, ensure_ascii=False) + "\n")
                if sig is not None:
                    rows_of[n] = len(buf)
                    add_candidate(buf, row, sig, shingles, openings)
                n += 1
            progress.advance()
    progress.done()
    return buf.freeze(), rows_of


def _open_index(out: Path, cfg: BuildConfig):
    m = cfg.dedup.minhash
    if cfg.redis_url:
        return RedisIndex(cfg.redis_url, m.num_perm, m.bands, m.rows, max_bucket=cfg.dedup.max_bucket)
    def open_(fresh: bool) -> SegmentIndex:
        return SegmentIndex(out / "dedup" / "index", m, fresh=fresh, max_bucket=cfg.dedup.max_bucket,
                            legacy=out / "dedup" / "index.parquet")

    index = open_(fresh=not cfg.incremental)
    if not cfg.incremental or (index.exists() and not index.outdated):
        return index
    # A corpus without its index (every released document would come back as new), or with one an earlier
    # version wrote (released documents without opening keys: their previews would come back as new).
    why = index.outdated or "was missing"
    shards = committed_files(out, "data")
    if index.outdated or shards:
        index = open_(fresh=True)  # replaces what is there when the build commits
        n = index.rebuild(shards, m)
        log.warning("the dedup index %s %s: made it again from the corpus shards (%d documents)", index.folder,
                    why, n)
    return index


def _stage_dedup(new: Candidates, index, cfg: BuildConfig, report: BuildReport):
    """Cluster the new documents together with the released ones they may duplicate.

    A document is never a duplicate of itself (same id): a released document whose page
    comes again is replaced by the new copy when its text changed (an update) or when the
    build replaces the corpus; the same text again in an incremental build is `recrawled`.
    Returns the candidates (released rows first), one decision per row, the number of
    released rows, and the ids of the released documents replaced.
    """
    uses_index = cfg.incremental or bool(cfg.redis_url)  # a Redis index is shared: always consulted
    released = index.related(new) if uses_index else Candidates.empty(new.sigs.shape[1])
    report.released_before = len(index) if uses_index else 0
    text_of = dict(zip(new.ids, new.exact))
    replaced = {id_ for id_, exact in zip(released.ids, released.exact)
                if id_ in text_of and (not cfg.incremental or text_of[id_] != exact)}
    if replaced:
        released = released.take([i for i, id_ in enumerate(released.ids) if id_ not in replaced])
    report.updated = len(replaced) if cfg.incremental else 0
    both = released.concat(new)
    decisions = cluster(both, cfg.dedup)
    released_row = {id_: i for i, id_ in enumerate(released.ids)}
    for i in range(len(released), len(both)):  # a page fetched again, same text: the released copy stays
        if both.ids[i] in released_row:
            decisions[i] = Decision(released_row[both.ids[i]], "recrawled", 1.0)
    report.duplicates_of_released = sum(
        1 for d in decisions[len(released):] if d.reason != "kept" and both.released[d.keeper])
    return both, decisions, len(released), replaced


def _skipped_rows(skipped: list[Skipped]) -> list[dict]:
    """Rejected rows for the WARC records that never became pages (damaged, too large, older copies …)."""
    return [{"id": doc_id(s.url, 0), "url": s.url, "site": site_of(s.url), "part": 0, "title": "", "reason": s.reason,
             "text": "", "crawl_time": s.crawl_time, "warc_file": s.warc_file} for s in skipped]


class SchemaMismatch(RuntimeError):
    """A row's fields and the Parquet schema disagree: a column would silently be lost or left empty."""


_ROW_ONLY = frozenset({"reason", "exact_hash"})  # the build's own fields, not columns
_SET_BY_DEDUP = frozenset({"duplicate_of", "dup_reason", "dup_similarity"})
_COLUMNS = frozenset(schema.DOCUMENTS.names)


def _check_columns(row: dict, kept: bool) -> None:
    unknown = row.keys() - _COLUMNS - _ROW_ONLY
    missing = (_COLUMNS - _SET_BY_DEDUP - row.keys()) if kept else set()
    if unknown or missing:
        raise SchemaMismatch(f"document {row.get('url')}: fields {sorted(unknown)} are not columns of the corpus "
                             f"schema and columns {sorted(missing)} have no field (corpus/schema.py)")


def _stage_write(work: Path, out: Path, cfg: BuildConfig, both: Candidates, decisions, offset: int,
                 rows_of: dict[int, int], report: BuildReport, commit: Commit, skipped: list[Skipped],
                 replaced: set[str]) -> dict:
    data = ShardWriter(out / "data", schema.DOCUMENTS, "train", cfg.shard_bytes, tmp_dir=work)
    rejected = ShardWriter(out / "rejected", schema.REJECTED, "rejected", cfg.shard_bytes, tmp_dir=work)
    clusters: dict[str, list] = {name: [] for name in schema.CLUSTERS.names}
    reasons: Counter = Counter()
    dup_reasons: Counter = Counter()
    sites: dict[str, Counter] = {}

    def outcome(row: dict, what: str) -> None:
        sites.setdefault(row.get("site") or "", Counter(kept=0, duplicates=0, rejected=0))[what] += 1

    for row in _skipped_rows(skipped):
        reasons[row["reason"]] += 1
        outcome(row, "rejected")
        rejected.write(row)
    with open(work / "documents.jsonl", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            row = json.loads(line)
            _check_columns(row, kept=not row["reason"])
            if row["reason"]:
                reasons[row["reason"]] += 1
                outcome(row, "rejected")
                rejected.write({k: row.get(k) for k in schema.REJECTED.names})
                continue
            d = decisions[offset + rows_of[n]]
            keeper = both.ids[d.keeper]
            for name, value in (("id", row["id"]), ("cluster_id", keeper), ("similarity", d.similarity),
                                ("reason", d.reason), ("build", report.started)):
                clusters[name].append(value)
            outcome(row, "kept" if d.reason == "kept" else "duplicates")
            if d.reason != "kept":
                dup_reasons[d.reason] += 1
                if not cfg.keep_duplicates:
                    continue
                row.update(duplicate_of=keeper, dup_reason=d.reason, dup_similarity=d.similarity)
            data.write({k: row.get(k) for k in schema.DOCUMENTS.names})
    report.rejected = sum(reasons.values())
    report.duplicates = sum(dup_reasons.values())
    report.documents = report.rejected + len(decisions) - offset
    report.kept = report.documents - report.rejected - report.duplicates
    report.reasons, report.dup_reasons = dict(reasons.most_common()), dict(dup_reasons.most_common())
    report.sites = {site: dict(c) for site, c in sorted(sites.items())}
    known = _known_shards(out)
    full = not cfg.incremental  # a full build replaces the corpus (once it commits)
    drop = frozenset(replaced) if cfg.incremental else frozenset()
    return {"data": data.close(commit, known, replace=full, drop_ids=drop),
            "rejected": rejected.close(commit, known, replace=full),
            "dedup": _write_clusters(out / "dedup" / "clusters.parquet", clusters, commit, append=not full,
                                     tmp_dir=work, known=known)}


def _write_clusters(path: Path, columns: dict[str, list], commit: Commit, append: bool, tmp_dir: Path,
                    known: dict[str, ShardFile] | None = None) -> list[ShardFile]:
    """dedup/clusters.parquet, a folder of Parquet files (one per build, read together as one table): this
    build's rows as a new file, beside those of earlier builds when `append` (which are never rewritten).
    A clusters.parquet file of earlier versions becomes the folder's first file."""
    known = known or {}
    path.parent.mkdir(parents=True, exist_ok=True)
    parts = sorted(path.glob("part-*.parquet")) if path.is_dir() else []
    staged = tmp_dir / "clusters.parquet"  # the folder, made here when it is new (or replaces a file)
    staged.mkdir(parents=True, exist_ok=True)
    folder = staged if not path.is_dir() else path
    if path.is_file():
        if append:  # migrate: the old file, linked (not copied) as the first part
            os.link(path, staged / "part-00000.parquet")
            old = known.get(path.name)
            parts = [staged / "part-00000.parquet"]
            if old is not None:
                known = {**known, "part-00000.parquet": old}
        commit.rename(path, tmp_dir / "clusters.parquet.old")  # out of the way of the folder
    number = max((int(p.stem.split("-")[1]) for p in parts), default=-1) + 1
    name = f"part-{number:05d}.parquet"
    tmp = tmp_dir / (name + ".tmp")
    table = pa.table(columns, schema=schema.CLUSTERS)
    pq.write_table(table, tmp, compression="zstd")
    files = []
    if append:
        for part in parts:
            seen = known.get(part.name)
            size = part.stat().st_size
            final = path / part.name
            files.append(ShardFile(final, seen.rows, size, seen.sha256) if seen is not None and seen.bytes == size
                         else ShardFile(final, pq.read_metadata(part).num_rows, size, sha256_file(part)))
    else:
        for part in parts:
            commit.delete(part)
    files.append(ShardFile(path / name, table.num_rows, tmp.stat().st_size, sha256_file(tmp)))
    if folder is staged:
        os.replace(tmp, staged / name)
        commit.rename(staged, path)
    else:
        commit.rename(tmp, path / name)
    return files


def build(inputs: list[str], out_dir: str | os.PathLike, cfg: BuildConfig = BuildConfig()) -> BuildReport:
    """Build a corpus from WARC and document files (or add to one, when incremental); say what became of every page.

    A build changes the corpus in one commit at the end: killed or failing at any moment, the
    corpus is as before (or, if killed while committing, the next build finishes the commit).
    One build at a time writes a folder: a second one raises LockHeld. A full build into a
    folder that holds a corpus needs `cfg.replace`; the old corpus stays until the new one commits.
    An incremental build skips input files whose sha256 the manifest lists.
    """
    started = time.monotonic()
    out = Path(out_dir)
    files = find_inputs(inputs, skip=out)
    if not files:
        raise FileNotFoundError(f"no WARC files (*.warc.gz, *.warc) or documents (*.pdf, *.docx, *.html) found in "
                                f"{', '.join(map(str, inputs))}")
    with Lock(out, "build.lock"):
        if Commit.recover(out / JOURNAL):
            log.warning("finished the commit of a build that was interrupted in %s", out)
        documents = _corpus_documents(out)
        if documents is not None and not cfg.incremental:
            if not cfg.replace:
                raise FileExistsError(f"{out} holds a corpus ({documents:,} documents): add --incremental to add "
                                      "to it, or --force to replace it (it stays until the new one is committed)")
            log.warning("replacing the corpus in %s (%s documents) once this build commits", out, f"{documents:,}")
        if cfg.ray is not None:  # the same stages as Ray tasks, the same corpus
            from .ray_build import build_on_ray

            return build_on_ray(files, out, cfg, started)
        return _build(files, out, cfg, started)


def _corpus_documents(out: Path) -> int | None:
    """Documents in the corpus in `out`, None when there is none."""
    manifest = read_manifest(out) or None
    if manifest is not None:
        return int(manifest.get("rows", {}).get("data", 0))
    if any((out / "data").glob("*.parquet")):
        return sum(pq.read_metadata(p).num_rows for p in (out / "data").glob("*-of-*.parquet"))
    return None


def _build(files: list[Path], out: Path, cfg: BuildConfig, started: float) -> BuildReport:
    work = out / "_work"
    # The start time, to the microsecond, names the build in clusters.parquet and the manifest.
    report = BuildReport(out=str(out), started=datetime.now(timezone.utc).isoformat(timespec="microseconds"))
    digests = {f: sha256_file(f) for f in files}
    if cfg.incremental:
        done = _built_inputs(out)
        report.skipped_inputs = sum(1 for f in files if digests[f] in done)
        files = [f for f in files if digests[f] not in done]
    shutil.rmtree(work, ignore_errors=True)  # scratch of a build that never committed
    for leftover in [*out.glob("*.tmp"), *out.glob("*/*.tmp")]:  # temp files of earlier versions of the build
        leftover.unlink()
    work.mkdir(parents=True)
    if not files:  # nothing new: the corpus stays exactly as it is
        report.seconds = round(time.monotonic() - started, 2)
        shutil.rmtree(work, ignore_errors=True)
        return report
    wstats = WarcStats()
    stats = Stats()
    MinHasher(cfg.dedup.minhash)  # compiled here once: the forked workers inherit it
    index = _open_index(out, cfg)
    counts = _stage_extract(files, work, cfg, report, wstats, stats)
    report.pages += len(wstats.skipped)  # records that never became pages were read too
    if cfg.incremental:  # what earlier builds saw of each site counts too: the same template a full build learns
        for site, earlier in load_site_counts(out).items():
            earlier.merge(counts.get(site, SiteCounts()))
            counts[site] = earlier
    templates = {site: t for site, c in counts.items() if (t := c.template()) is not None}
    stats.add("template", "sites", len(templates))
    new, rows_of = _stage_clean(work, cfg, templates, stats)
    both, decisions, offset, replaced = _stage_dedup(new, index, cfg, report)
    commit = Commit(out / JOURNAL)
    written = _stage_write(work, out, cfg, both, decisions, offset, rows_of, report, commit, wstats.skipped, replaced)
    kept = both.take([i for i in range(offset, len(both)) if decisions[i].reason == "kept"])
    if not cfg.redis_url:
        index.remove(replaced)
        index.add(kept, commit, tmp_dir=work)
    report.warc_files, report.bad_warc_files = wstats.files, wstats.bad_files
    report.document_files = sum(map(is_document_file, files))
    report.seconds = round(time.monotonic() - started, 2)
    report.steps = stats.by_step()
    _write_templates(out, counts, commit, work)
    _write_manifest(out, files, digests, written, cfg, report, commit, work)
    commit.apply()
    if cfg.redis_url:
        index.remove(replaced)
        index.add(kept)
    shutil.rmtree(work, ignore_errors=True)
    return report


def _write_templates(out: Path, counts: dict[str, SiteCounts], commit: Commit, work: Path) -> None:
    tmp = work / TEMPLATES
    write_json_atomic(tmp, {"sites": {site: c.to_json() for site, c in sorted(counts.items())}}, indent=None)
    commit.rename(tmp, out / TEMPLATES)


def _known_shards(out: Path) -> dict[str, ShardFile]:
    """The shards the manifest lists, by file name, with their rows and checksums."""
    files = read_manifest(out).get("files", {})
    return {Path(f["path"]).name: ShardFile(out / f["path"], f["rows"], f["bytes"], f["sha256"])
            for entries in files.values() for f in entries}


def _built_inputs(out: Path) -> set[str]:
    """sha256 of the WARC files already in the corpus, from its manifest (a file's content, not its name)."""
    return {i["sha256"] for i in read_manifest(out).get("inputs", [])}


def _write_manifest(out: Path, inputs: list[Path], digests: dict[Path, str], written: dict, cfg: BuildConfig,
                    report: BuildReport, commit: Commit, work: Path) -> None:
    """manifest.json; an incremental build appends its inputs and counts to those of earlier builds."""
    from worksum import __version__

    previous = read_manifest(out) if cfg.incremental else {}
    counts = {"started": report.started, "pages": report.pages, "documents": report.documents, "kept": report.kept,
              "duplicates": report.duplicates, "rejected": report.rejected,
              "duplicates_of_released": report.duplicates_of_released, "updated": report.updated,
              "rejected_by_reason": report.reasons, "duplicates_by_reason": report.dup_reasons,
              "steps": report.steps, "by_site": report.sites,
              "bad_warc_files": report.bad_warc_files}
    new_inputs = [{"path": str(p), "bytes": p.stat().st_size, "sha256": digests[p]} for p in inputs]
    seen = {i["sha256"] for i in new_inputs}
    manifest = {
        "schema_version": schema.SCHEMA_VERSION,
        "worksum_version": __version__,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "settings": {"keep_duplicates": cfg.keep_duplicates, "dedup": asdict(cfg.dedup),
                     "filters": asdict(cfg.filters), "shard_bytes": cfg.shard_bytes,
                     "index": "redis" if cfg.redis_url else "dedup/index/",
                     "templates": TEMPLATES},
        "inputs": [i for i in previous.get("inputs", []) if i["sha256"] not in seen] + new_inputs,
        "files": {kind: [{"path": str(f.path.relative_to(out)), "rows": f.rows, "bytes": f.bytes,
                          "sha256": f.sha256} for f in files] for kind, files in written.items()},
        "schema": {"documents": schema.DOCUMENTS.names, "rejected": schema.REJECTED.names,
                   "clusters": schema.CLUSTERS.names},
        "rows": {kind: sum(f.rows for f in files) for kind, files in written.items()},
        "counts": counts,
        "builds": previous.get("builds", []) + [counts],
    }
    write_json_atomic(work / "manifest.json", manifest)
    commit.rename(work / "manifest.json", out / "manifest.json")
