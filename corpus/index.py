"""The persistent dedup index: what earlier builds released, so the next build only adds.

Two stores with one interface:
  ParquetIndex  DIR/dedup/index.parquet beside the corpus (the default)
  RedisIndex    the documents' signatures and LSH band buckets in Redis, shared by several
                build processes or machines
`related(new)` returns the released documents that may duplicate the new ones, `add(kept)`
records the documents a build released and `remove(ids)` forgets documents a build replaces.

Redis is a shared, writable place: what is read from it is plain JSON and ids, checked before
use, and never unpickled.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .errors import CorpusError
from .dedup import CandidateBuffer, Candidates, noise_density
from .minhash import MinHashConfig, MinHasher, band_keys, dedup_key

log = logging.getLogger(__name__)

INDEX_SCHEMA = pa.schema([
    ("id", pa.string()), ("exact_hash", pa.string()), ("signature", pa.binary()), ("shingles", pa.int32()),
    ("chars", pa.int32()), ("noise", pa.float32()), ("script_converted", pa.bool_()),
    ("url", pa.string()),
])


class IndexUnusable(CorpusError):
    """The dedup index cannot be used as it is (unreadable, or made with other settings)."""


class ParquetIndex:
    """`fresh`: start empty (a full build replaces the corpus, and its index with it)."""

    def __init__(self, path: Path, num_perm: int, fresh: bool = False):
        self.path, self.num_perm = Path(path), num_perm
        self._released: pa.Table | None = INDEX_SCHEMA.empty_table() if fresh else None  # read once

    def _read(self) -> pa.Table:
        if self._released is None:
            if not self.path.exists():
                self._released = INDEX_SCHEMA.empty_table()
            else:
                try:
                    self._released = _conform(pq.read_table(self.path))
                except (OSError, KeyError, pa.ArrowInvalid) as exc:
                    raise IndexUnusable(f"the dedup index {self.path} is unreadable ({exc}); delete it and build "
                                      "again with --incremental to rebuild it from the corpus shards") from None
        return self._released

    def rebuild(self, shards: list[Path], minhash: MinHashConfig) -> int:
        """Make the index again from the kept documents in `shards` (the corpus is the truth); return its size."""
        hasher, buf = MinHasher(minhash), CandidateBuffer(self.num_perm)
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
                buf.add(row["id"], exact, sig.tobytes(), shingles, len(text), noise,
                        bool(row["script_converted"]), row["url"], released=True)
        self._released = _table(buf.freeze())
        return self._released.num_rows

    def related(self, new: Candidates) -> Candidates:
        """The whole index: a million rows are ~600 MB of signatures."""
        t = self._read().to_pydict()
        buf = CandidateBuffer(self.num_perm)
        for row in zip(t["id"], t["exact_hash"], t["signature"], t["shingles"], t["chars"],
                       t["noise"], t["script_converted"], t["url"]):
            buf.add(*row, released=True)
        return buf.freeze()

    def remove(self, ids: set[str]) -> None:
        """Forget `ids` (documents replaced by a newer version); written with the next `add`."""
        if ids:
            t = self._read()
            self._released = t.filter(pc.invert(pc.is_in(t.column("id"), pa.array(sorted(ids), pa.string()))))

    def add(self, kept: Candidates, commit=None, tmp_dir: Path | None = None) -> None:
        """Append `kept`; with a Commit, the new file replaces the old one when the build commits."""
        table = pa.concat_tables([self._read(), _table(kept)])
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = (Path(tmp_dir) if tmp_dir else self.path.parent) / (self.path.name + ".tmp")
        pq.write_table(table, tmp, compression="zstd")
        if commit is not None:
            commit.rename(tmp, self.path)
        else:
            os.replace(tmp, self.path)
        self._released = table

    def __len__(self) -> int:
        return self._read().num_rows


def _conform(table: pa.Table) -> pa.Table:
    """An index as this version writes it; one written before `noise` ranked copies by placeholders alone."""
    if "noise" not in table.column_names and "placeholder_density" in table.column_names:
        table = table.rename_columns(["noise" if n == "placeholder_density" else n for n in table.column_names])
    return table.select(INDEX_SCHEMA.names).cast(INDEX_SCHEMA)


def _table(c: Candidates) -> pa.Table:
    return pa.table({
        "id": c.ids, "exact_hash": c.exact, "signature": [s.tobytes() for s in c.sigs],
        "shingles": c.shingles, "chars": c.chars, "noise": c.noise,
        "script_converted": c.converted, "url": c.urls,
    }, schema=INDEX_SCHEMA)


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

      NS:docs          hash   id → JSON {exact, sig (hex), shingles, chars, noise, converted, url}
      NS:exact         hash   exact hash → id
      NS:b:BAND:KEY    set    ids whose LSH band BAND has key KEY (hex)
      NS:layout        JSON   num_perm, bands, rows the buckets were made with
    """

    BATCH = 5_000  # commands per pipeline round trip

    def __init__(self, url: str, num_perm: int, bands: int, rows: int, namespace: str = "worksum"):
        import redis

        self.num_perm, self.bands, self.rows, self.ns = num_perm, bands, rows, namespace
        self.db = redis_client(url)
        try:
            self.db.ping()  # fail now, with the address in the message, not mid-build
        except redis.RedisError as exc:
            raise ConnectionError(f"cannot use the Redis at {redacted(url)}: {exc}") from None
        self._check_layout()

    def _check_layout(self) -> None:
        layout = {"num_perm": self.num_perm, "bands": self.bands, "rows": self.rows}
        stored = self.db.get(f"{self.ns}:layout")
        if stored is not None:
            if _json(stored) != layout:
                raise IndexUnusable(f"the Redis index {self.ns} was made with {stored.decode(errors='replace')}, "
                                  f"this build uses {layout}: use another namespace or the same settings")
            return
        if self.db.hlen(f"{self.ns}:docs"):  # documents from an earlier layout: make their buckets again
            log.warning("Redis index %s: making the LSH buckets of %d documents again", self.ns, len(self))
            keys = [k for k, _ in self.db.hscan_iter(f"{self.ns}:docs")]
            for start in range(0, len(keys), self.BATCH):
                self._add_buckets(self._records(keys[start:start + self.BATCH]))
        self.db.set(f"{self.ns}:layout", json.dumps(layout, sort_keys=True))

    def _bucket_names(self, sigs: np.ndarray) -> list[list[str]]:
        keys = band_keys(sigs, self.bands, self.rows)
        return [[f"{self.ns}:b:{b}:{int(k):016x}" for b, k in enumerate(row)] for row in keys]

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
                    buf.add(_text(key), *rec, released=True)
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
        names = [name for row in self._bucket_names(new.sigs) for name in row]
        for start in range(0, len(names), self.BATCH):
            pipe = self.db.pipeline(transaction=False)
            for name in names[start:start + self.BATCH]:
                pipe.smembers(name)
            for members in pipe.execute():
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
                    "converted": bool(part.converted[i]), "url": part.urls[i]}))
                pipe.hsetnx(f"{self.ns}:exact", part.exact[i], id_)
            pipe.execute()
            self._add_buckets(part)

    def _add_buckets(self, docs: Candidates) -> None:
        pipe = self.db.pipeline(transaction=False)
        for id_, names in zip(docs.ids, self._bucket_names(docs.sigs)):
            for name in names:
                pipe.sadd(name, id_)
        pipe.execute()

    def remove(self, ids: set[str]) -> None:
        """Forget `ids` (documents a build replaces): their record, exact hash and buckets."""
        old = self._records(sorted(ids))
        pipe = self.db.pipeline(transaction=False)
        for id_, exact, names in zip(old.ids, old.exact, self._bucket_names(old.sigs)):
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


def _record(raw, num_perm: int) -> tuple | None:
    """(exact, sig bytes, shingles, chars, noise, converted, url) of a stored JSON record, if well formed."""
    r = _json(raw) if raw is not None else None
    try:
        sig = bytes.fromhex(r["sig"])
        if len(sig) != 4 * num_perm:
            return None
        noise = float(r.get("noise", r.get("placeholder", 0.0)))  # "placeholder": records written before `noise`
        return (str(r["exact"]), sig, int(r["shingles"]), int(r["chars"]), noise, bool(r["converted"]), str(r["url"]))
    except (TypeError, KeyError, ValueError):
        return None
