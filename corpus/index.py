"""The persistent dedup index: what earlier builds released, so the next build only adds.

Two stores with one interface:
  SegmentIndex  DIR/dedup/index/ beside the corpus (the default): append-only segments
  RedisIndex    the documents' signatures, LSH band and opening-key buckets in Redis, shared by
                several build processes or machines
`related(new)` returns the released documents that may duplicate the new ones (sharing a band
bucket, an opening key, an exact hash or an id), `add(kept)` records the documents a build
released and `remove(ids)` forgets documents a build replaces.

Redis is a shared, writable place: what is read from it is plain JSON and ids, checked before
use, and never unpickled.
"""
from __future__ import annotations

import hashlib
import json
import logging
import shutil
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import numpy as np
import pyarrow.parquet as pq

from .errors import CorpusError
from .dedup import CandidateBuffer, Candidates, noise_density
from .minhash import MinHashConfig, MinHasher, band_keys, dedup_key
from .openings import LAYOUT as OPENINGS, STARTS, opening_keys
from .segments import Segment, key64, write_segment
from .shards import TMP, Commit, write_json_atomic

log = logging.getLogger(__name__)

VERSION = 2  # 2: opening keys (version 1 had LSH bands only)


class IndexUnusable(CorpusError):
    """The dedup index cannot be used as it is (unreadable, or made with other settings)."""


def released_from_shards(shards: list[Path], minhash: MinHashConfig) -> Candidates:
    """The kept documents of the corpus shards as released candidates: the index made again from the corpus."""
    hasher, buf = MinHasher(minhash), CandidateBuffer(minhash.num_perm)
    cols = ["id", "url", "text", "chars", "noise_chars", "placeholder_density", "script_converted", "duplicate_of"]
    for path in shards:
        table = pq.read_table(path)
        for row in table.select([n for n in cols if n in table.column_names]).to_pylist():
            if row["duplicate_of"] is not None:
                continue
            text = row["text"] or ""
            sig, shingles = hasher.signature(text)
            exact = hashlib.sha256(dedup_key(text).encode("utf-8")).hexdigest()
            noise = noise_density(len(text), row.get("noise_chars") or 0, row["placeholder_density"] or 0.0)
            buf.add(row["id"], exact, sig.tobytes(), shingles, len(text), noise, bool(row["script_converted"]),
                    row["url"], released=True, openings=opening_keys(text).tobytes())
    return buf.freeze()


STATE = "index.json"  # in the index folder: the segments that make up the index, and rows deleted from them
MERGE_COUNT = 10  # this many segments of one size class (a power of ten of documents) are merged into one
MERGE_MAX_DOCS = 100_000  # ... when they are smaller than this: a segment this large is left as it is
MERGE_MAX_RESULT = 200_000  # ... and make one no larger than this: a merge costs a build a few seconds at most


def _tier(docs: int) -> int:
    return len(str(max(docs, 1)))


class SegmentIndex:
    """The index as a folder of append-only segments (DIR/dedup/index/, corpus/segments.py).

    A build looks up only the released documents that share an LSH band, an opening key, an exact
    hash or an id with its new documents (as the Redis index does), and adds its kept documents as a new segment;
    nothing already written is read whole or rewritten, so the cost of a build follows what it
    adds, not the size of the corpus. Small segments are merged on a size rule (MERGE_COUNT of
    one size class, below MERGE_MAX_DOCS, into one of MERGE_MAX_RESULT at most). `index.json`
    lists the live segments; a new segment and the new list are renamed into place in the build's
    commit, so a reader sees the previous index or the new one.

    `fresh`: start empty (a full build replaces the corpus, and its index with it).
    `legacy`: where earlier versions kept the index as one file (index.parquet); removed at the next commit.
    `outdated`: why the index on disk cannot serve this version (an earlier one wrote it, without opening
    keys), or None; such an index is made again from the corpus shards (`rebuild`), as a missing one is.
    """

    def __init__(self, folder: Path, minhash: MinHashConfig, fresh: bool = False, max_bucket: int = 2000,
                 legacy: Path | None = None):
        self.folder, self.cfg, self.max_bucket = Path(folder), minhash, max_bucket
        self.num_perm = minhash.num_perm
        self.legacy = Path(legacy) if legacy is not None else None
        self.state = self._empty_state() if fresh else self._read_state()
        if fresh and self.folder.is_dir():  # a new segment never takes the name of one still in place
            taken = [int(p.name[4:]) for p in self.folder.glob("seg-*") if p.name[4:].isdigit()]
            self.state["next"] = max(taken, default=0) + 1
        self._segments: dict[str, Segment] = {}
        self._pending: Candidates | None = None  # released documents not yet in a segment (rebuilt)
        self.outdated = None if fresh else self._outdated()

    def _outdated(self) -> str | None:
        if self._state_path.exists():
            if self.state.get("openings") != OPENINGS:
                return f"was written by an earlier version (index version {self.state.get('version')}, no opening keys)"
        elif self.legacy is not None and self.legacy.exists():
            return f"is the one file {self.legacy.name} of earlier versions (no opening keys)"
        return None

    @property
    def _state_path(self) -> Path:
        return self.folder / STATE

    def _empty_state(self) -> dict:
        m = self.cfg
        return {"version": VERSION, "num_perm": m.num_perm, "bands": m.bands, "rows": m.rows, "openings": OPENINGS,
                "next": 1, "segments": [], "deleted": {}}

    def _read_state(self) -> dict:
        if not self._state_path.exists():
            return self._empty_state()
        try:
            state = json.loads(self._state_path.read_text(encoding="utf-8"))
            layout = {k: int(state[k]) for k in ("num_perm", "bands", "rows")}
            for entry in state["segments"]:  # each entry well formed, or the index is unreadable
                str(entry["name"]), int(entry["docs"])
            int(state["next"]), dict(state["deleted"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexUnusable(f"the dedup index {self._state_path} is unreadable ({exc}); delete {self.folder} "
                                "and build again with --incremental to rebuild it from the corpus shards") from None
        if layout != {"num_perm": self.cfg.num_perm, "bands": self.cfg.bands, "rows": self.cfg.rows}:
            raise IndexUnusable(f"the dedup index {self.folder} was made with {layout}, this build uses other MinHash "
                                f"settings: delete {self.folder} and build again with --incremental to rebuild it")
        return state

    def exists(self) -> bool:
        """Whether there is an index to use (written, or rebuilt and waiting for the commit)."""
        return self._state_path.exists() or self._pending is not None

    def segment(self, name: str) -> Segment:
        if name not in self._segments:
            try:
                self._segments[name] = Segment(self.folder / name, self.num_perm)
            except (OSError, ValueError) as exc:
                raise IndexUnusable(f"the dedup index segment {self.folder / name} is unreadable ({exc}); delete "
                                    f"{self.folder} and build again with --incremental to rebuild it from the "
                                    "corpus shards") from None
        return self._segments[name]

    def _live(self, name: str, rows: np.ndarray) -> np.ndarray:
        deleted = self.state["deleted"].get(name)
        return rows[~np.isin(rows, deleted)] if deleted else rows

    def rebuild(self, shards: list[Path], minhash: MinHashConfig) -> int:
        """Make the index again from the kept documents in `shards`; written as a segment at the next commit."""
        self._pending = released_from_shards(shards, minhash)
        return len(self._pending)

    def related(self, new: Candidates) -> Candidates:
        """The released documents that share an LSH band bucket, an opening key, an exact hash or an id with `new`."""
        found = [self._pending] if self._pending is not None else []
        if len(new):
            keys = band_keys(new.sigs, self.cfg.bands, self.cfg.rows)
            for s in self.state["segments"]:
                seg = self.segment(s["name"])
                rows = np.concatenate([seg.rows_with_band_keys(keys, self.max_bucket),
                                       seg.rows_with_openings(new.openings, self.max_bucket),
                                       seg.rows_with("id", new.ids), seg.rows_with("exact", new.exact)])
                rows = self._live(s["name"], np.unique(rows))
                if len(rows):
                    found.append(seg.take(rows))
        out = Candidates.empty(self.num_perm)
        for part in found:
            out = out.concat(part)
        return out

    def remove(self, ids: set[str]) -> None:
        """Forget `ids` (documents replaced by a newer version): their rows are marked deleted at the next commit."""
        if not ids:
            return
        if self._pending is not None:
            self._pending = self._pending.take([i for i, id_ in enumerate(self._pending.ids) if id_ not in ids])
        for s in self.state["segments"]:
            rows = self._live(s["name"], self.segment(s["name"]).rows_with("id", sorted(ids)))
            if len(rows):
                deleted = self.state["deleted"].setdefault(s["name"], [])
                deleted.extend(int(r) for r in rows)
                deleted.sort()

    def add(self, kept: Candidates, commit: Commit | None = None, tmp_dir: Path | None = None) -> None:
        """Record `kept` (with any pending documents) as one new segment, merged on the size rule with
        segments already there; the segment and the new index.json are renamed into place with `commit`
        (at once without one)."""
        own = commit is None
        if own:
            commit = Commit(self.folder.parent / "index.journal.json")
        work = Path(tmp_dir) if tmp_dir is not None else self.folder.parent / f"index{TMP}"
        work.mkdir(parents=True, exist_ok=True)
        state = json.loads(json.dumps(self.state))  # the new state; self.state stays as it is until the commit
        docs = kept if self._pending is None else self._pending.concat(kept)
        docs, keys = self._merged_with(docs, state)
        if len(docs):
            name = f"seg-{state['next']:06d}"
            state["next"] += 1
            write_segment(work / name, docs, self.cfg.bands, self.cfg.rows, *keys)
            commit.rename(work / name, self.folder / name)
            state["segments"].append({"name": name, "docs": len(docs)})
        listed = {s["name"] for s in state["segments"]}
        if self.folder.exists():
            for old in self.folder.iterdir():  # replaced, merged, or left by a build that never committed
                if old.is_dir() and old.name not in listed:
                    commit.delete(old)
        if self.legacy is not None and self.legacy.exists():  # migrated, or replaced by a full build
            commit.delete(self.legacy)
        self.folder.mkdir(parents=True, exist_ok=True)
        state_tmp = work / f"{STATE}.new"
        write_json_atomic(state_tmp, state, indent=None)
        commit.rename(state_tmp, self._state_path)
        if own:
            commit.apply()
            if tmp_dir is None:
                shutil.rmtree(work, ignore_errors=True)
        self.state, self._pending, self._segments = state, None, {}

    def _merged_with(self, docs: Candidates, state: dict) -> tuple[Candidates, tuple]:
        """`docs` and, while MERGE_COUNT segments of one size class (the new one among them) are below
        MERGE_MAX_DOCS, the live documents of those segments, taken out of `state`; with their key64s."""
        keys = (None, None)
        while True:
            tiers: dict[int, list[dict | None]] = {}
            for s in state["segments"]:
                live = s["docs"] - len(state["deleted"].get(s["name"], []))
                if live < MERGE_MAX_DOCS:
                    tiers.setdefault(_tier(live), []).append(s)
            if len(docs):
                tiers.setdefault(_tier(len(docs)), []).append(None)  # None: the documents of this build
            def size(group: list[dict | None]) -> int:
                return sum(len(docs) if s is None else s["docs"] - len(state["deleted"].get(s["name"], []))
                           for s in group)

            full = [g for g in tiers.values() if len(g) >= MERGE_COUNT and size(g) <= MERGE_MAX_RESULT]
            group = next((g for g in full if None in g), None) or next(iter(full), None)
            if group is None:
                return docs, keys
            parts, id_keys, exact_keys = [], [], []
            for s in group:
                if s is None:
                    part = docs
                    ik = keys[0] if keys[0] is not None else key64(docs.ids)
                    ek = keys[1] if keys[1] is not None else key64(docs.exact)
                else:
                    seg = self.segment(s["name"])
                    rows = np.arange(len(seg))
                    deleted = state["deleted"].pop(s["name"], None)
                    if deleted:
                        rows = rows[~np.isin(rows, deleted)]
                    part = seg.take(rows)
                    ik, ek = (k[rows] for k in seg.all_keys())
                parts.append(part)
                id_keys.append(ik)
                exact_keys.append(ek)
            names = {s["name"] for s in group if s is not None}
            state["segments"] = [s for s in state["segments"] if s["name"] not in names]
            merged = Candidates.empty(self.num_perm)
            for part in parts:
                merged = merged.concat(part)
            log.info("dedup index: merging %d segments into one of %d documents", len(group), len(merged))
            docs, keys = merged, (np.concatenate(id_keys), np.concatenate(exact_keys))

    def __len__(self) -> int:
        n = sum(s["docs"] - len(self.state["deleted"].get(s["name"], [])) for s in self.state["segments"])
        return n + (len(self._pending) if self._pending is not None else 0)


def redacted(url: str) -> str:
    """A Redis URL fit for messages: the password replaced by ***."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username or ''}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def redis_client(url: str):
    """A client for `url` as written: password, user, db number and TLS (rediss://) are kept."""
    import redis

    return redis.Redis.from_url(url)


class RedisIndex:
    """The index in Redis, as plain values only:

      NS:docs          hash   id → JSON {exact, sig (hex), shingles, chars, noise, converted, url, openings (hex)}
      NS:exact         hash   exact hash → id
      NS:b:BAND:KEY    set    ids whose LSH band BAND has key KEY (hex)
      NS:o:KEY         set    ids with the opening key KEY (hex) at any start
      NS:layout        JSON   num_perm, bands, rows, openings: what the buckets were made with

    A bucket of more than `max_bucket` ids is not fetched: the clustering ignores it.
    """

    BATCH = 5_000  # commands per pipeline round trip

    def __init__(self, url: str, num_perm: int, bands: int, rows: int, namespace: str = "worksum",
                 max_bucket: int = 2000):
        import redis

        self.num_perm, self.bands, self.rows, self.ns = num_perm, bands, rows, namespace
        self.max_bucket = max_bucket
        self.db = redis_client(url)
        try:
            self.db.ping()  # fail now, with the address in the message, not mid-build
        except redis.RedisError as exc:
            raise ConnectionError(f"cannot use the Redis at {redacted(url)}: {exc}") from None
        self._check_layout()

    def _check_layout(self) -> None:
        layout = {"num_perm": self.num_perm, "bands": self.bands, "rows": self.rows, "openings": OPENINGS}
        raw = self.db.get(f"{self.ns}:layout")
        stored = _json(raw) if raw is not None else None
        if stored == layout:
            return
        if isinstance(stored, dict) and "openings" not in stored and {**stored, "openings": OPENINGS} == layout:
            # Written before opening keys. The records hold no text to make them from, so the documents
            # already there are found through LSH bands only; new ones get their keys.
            log.warning("Redis index %s: its %d documents were recorded by an earlier version, without opening "
                        "keys: a preview of one of them is found only if LSH finds it (a new namespace filled by "
                        "this version has them all)", self.ns, len(self))
        elif raw is not None:
            raise IndexUnusable(f"the Redis index {self.ns} was made with {raw.decode(errors='replace')}, "
                                f"this build uses {layout}: use another namespace or the same settings")
        elif self.db.hlen(f"{self.ns}:docs"):  # documents from an earlier layout: make their buckets again
            log.warning("Redis index %s: making the LSH buckets of %d documents again", self.ns, len(self))
            keys = [k for k, _ in self.db.hscan_iter(f"{self.ns}:docs")]
            for start in range(0, len(keys), self.BATCH):
                self._add_buckets(self._records(keys[start:start + self.BATCH]))
        self.db.set(f"{self.ns}:layout", json.dumps(layout, sort_keys=True))

    def _bucket_names(self, docs: Candidates) -> list[list[str]]:
        """Each document's buckets: one per LSH band, one per opening key."""
        keys = band_keys(docs.sigs, self.bands, self.rows)
        return [[f"{self.ns}:b:{b}:{int(k):016x}" for b, k in enumerate(row)] +
                [f"{self.ns}:o:{int(k):016x}" for k in opening if k]
                for row, opening in zip(keys, docs.openings)]

    def _records(self, ids: list) -> Candidates:
        """The documents stored under `ids`; a value that is not a well-formed record is skipped with a warning."""
        buf = CandidateBuffer(self.num_perm)
        for start in range(0, len(ids), self.BATCH):
            part = ids[start:start + self.BATCH]
            for key, raw in zip(part, self.db.hmget(f"{self.ns}:docs", part)):
                rec = _record(raw, self.num_perm)
                if raw is not None and rec is None:
                    log.warning("Redis index %s: ignoring a malformed record under %r", self.ns, key)
                if rec is not None:
                    buf.add(_text(key), **rec, released=True)
        return buf.freeze()

    def related(self, new: Candidates) -> Candidates:
        if not len(new):
            return Candidates.empty(self.num_perm)
        ids: set[str] = set()
        pipe = self.db.pipeline(transaction=False)
        pipe.hmget(f"{self.ns}:docs", new.ids)
        pipe.hmget(f"{self.ns}:exact", new.exact)
        same_id, same_text = pipe.execute()
        ids.update(id_ for id_, rec in zip(new.ids, same_id) if rec is not None)
        ids.update(_text(v) for v in same_text if v is not None)
        names = sorted({name for row in self._bucket_names(new) for name in row})
        for start in range(0, len(names), self.BATCH):
            pipe = self.db.pipeline(transaction=False)
            for name in names[start:start + self.BATCH]:
                pipe.smembers(name)
            for members in pipe.execute():
                if len(members) <= self.max_bucket:
                    ids.update(_text(m) for m in members)
        return self._records(sorted(ids))

    def add(self, kept: Candidates, commit=None) -> None:
        """Record `kept` in Redis (at once: Redis cannot join the build's file commit)."""
        for start in range(0, len(kept), self.BATCH):
            part = kept.take(range(start, min(start + self.BATCH, len(kept))))
            pipe = self.db.pipeline(transaction=False)
            for i, id_ in enumerate(part.ids):
                pipe.hset(f"{self.ns}:docs", id_, json.dumps({
                    "exact": part.exact[i], "sig": part.sigs[i].tobytes().hex(), "shingles": int(part.shingles[i]),
                    "chars": int(part.chars[i]), "noise": float(part.noise[i]),
                    "converted": bool(part.converted[i]), "url": part.urls[i],
                    "openings": part.openings[i].astype("<u8").tobytes().hex()}))
                pipe.hsetnx(f"{self.ns}:exact", part.exact[i], id_)
            pipe.execute()
            self._add_buckets(part)

    def _add_buckets(self, docs: Candidates) -> None:
        pipe = self.db.pipeline(transaction=False)
        for id_, names in zip(docs.ids, self._bucket_names(docs)):
            for name in names:
                pipe.sadd(name, id_)
        pipe.execute()

    def remove(self, ids: set[str]) -> None:
        """Forget `ids` (documents a build replaces): their record, exact hash and buckets."""
        old = self._records(sorted(ids))
        pipe = self.db.pipeline(transaction=False)
        for id_, exact, names in zip(old.ids, old.exact, self._bucket_names(old)):
            for name in names:
                pipe.srem(name, id_)
            pipe.hdel(f"{self.ns}:docs", id_)
        pipe.execute()
        owners = self.db.hmget(f"{self.ns}:exact", old.exact) if len(old) else []
        for id_, exact, owner in zip(old.ids, old.exact, owners):
            if owner is not None and _text(owner) == id_:
                self.db.hdel(f"{self.ns}:exact", exact)

    def __len__(self) -> int:
        return int(self.db.hlen(f"{self.ns}:docs"))


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _json(raw):
    try:
        return json.loads(raw)
    except (ValueError, TypeError):
        return None


def _record(raw, num_perm: int) -> dict | None:
    """CandidateBuffer.add's arguments but the id, from a stored JSON record, if well formed."""
    r = _json(raw) if raw is not None else None
    try:
        sig = bytes.fromhex(r["sig"])
        openings = bytes.fromhex(r.get("openings", ""))  # none in records written before opening keys
        if len(sig) != 4 * num_perm or len(openings) not in (0, 8 * STARTS):
            return None
        noise = float(r.get("noise", r.get("placeholder", 0.0)))  # "placeholder": records written before `noise`
        return {"exact": str(r["exact"]), "sig": sig, "shingles": int(r["shingles"]), "chars": int(r["chars"]),
                "noise": noise, "converted": bool(r["converted"]), "url": str(r["url"]),
                "openings": openings or None}
    except (TypeError, KeyError, ValueError):
        return None
