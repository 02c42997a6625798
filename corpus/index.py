"""The persistent dedup index: what earlier builds released, so the next build only adds.

Two stores with one interface:
  ParquetIndex  DIR/dedup/index.parquet beside the corpus (the default)
  RedisIndex    datasketch's MinHashLSH on Redis plus the documents' signatures, shared
                by several build processes or machines
`related(new)` returns the released documents that may duplicate the new ones, and
`add(kept)` records the documents a build released.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from .dedup import CandidateBuffer, Candidates

INDEX_SCHEMA = pa.schema([
    ("id", pa.string()), ("exact_hash", pa.string()), ("signature", pa.binary()), ("shingles", pa.int32()),
    ("chars", pa.int32()), ("placeholder_density", pa.float32()), ("script_converted", pa.bool_()),
    ("url", pa.string()),
])


class ParquetIndex:
    def __init__(self, path: Path, num_perm: int):
        self.path, self.num_perm = Path(path), num_perm
        self._released: pa.Table | None = None  # read once: `related` and `add` both need it

    def _read(self) -> pa.Table:
        if self._released is None:
            self._released = pq.read_table(self.path) if self.path.exists() else INDEX_SCHEMA.empty_table()
        return self._released

    def related(self, new: Candidates) -> Candidates:
        """The whole index: a million rows are ~600 MB of signatures."""
        t = self._read().to_pydict()
        buf = CandidateBuffer(self.num_perm)
        for row in zip(t["id"], t["exact_hash"], t["signature"], t["shingles"], t["chars"],
                       t["placeholder_density"], t["script_converted"], t["url"]):
            buf.add(*row, released=True)
        return buf.freeze()

    def add(self, kept: Candidates, commit=None) -> None:
        """Append `kept`; with a Commit, the new file replaces the old one when the build commits."""
        table = pa.concat_tables([self._read(), _table(kept)])
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        pq.write_table(table, tmp, compression="zstd")
        if commit is not None:
            commit.rename(tmp, self.path)
        else:
            os.replace(tmp, self.path)
        self._released = table

    def __len__(self) -> int:
        return self._read().num_rows


def _table(c: Candidates) -> pa.Table:
    return pa.table({
        "id": c.ids, "exact_hash": c.exact, "signature": [s.tobytes() for s in c.sigs],
        "shingles": c.shingles, "chars": c.chars, "placeholder_density": c.placeholder,
        "script_converted": c.converted, "url": c.urls,
    }, schema=INDEX_SCHEMA)


class RedisIndex:
    """The index in Redis: LSH buckets (datasketch's Redis storage) and each document's record."""

    def __init__(self, url: str, num_perm: int, bands: int, rows: int, namespace: str = "worksum"):
        import redis
        from datasketch import MinHashLSH

        parts = urlsplit(url)
        address = {"host": parts.hostname or "127.0.0.1", "port": parts.port or 6379}
        self.num_perm, self.ns = num_perm, namespace
        self.db = redis.Redis(**address)
        self.db.ping()  # fail now, with the address in the message, not mid-build
        self.lsh = MinHashLSH(num_perm=num_perm, params=(bands, rows), storage_config={
            "type": "redis", "basename": namespace.encode(), "redis": address})

    def _minhash(self, sig: np.ndarray):
        from datasketch import MinHash

        return MinHash(num_perm=self.num_perm, hashvalues=sig, scheme="affine32")

    def related(self, new: Candidates) -> Candidates:
        keys: set[bytes] = {id_.encode() for id_, rec in zip(new.ids, self.db.hmget(f"{self.ns}:docs", new.ids)
                                                          if len(new) else []) if rec}
        for h in self.db.hmget(f"{self.ns}:exact", new.exact) if len(new) else []:
            if h:
                keys.add(h)
        for sig in new.sigs:
            keys.update(k if isinstance(k, bytes) else str(k).encode() for k in self.lsh.query(self._minhash(sig)))
        buf = CandidateBuffer(self.num_perm)
        keys_list = sorted(keys)
        records = self.db.hmget(f"{self.ns}:docs", keys_list) if keys_list else []
        for key, rec in zip(keys_list, records):
            if rec is None:
                continue
            r = json.loads(rec)
            buf.add(key.decode(), r["exact"], bytes.fromhex(r["sig"]), r["shingles"], r["chars"],
                    r["placeholder"], r["converted"], r["url"], released=True)
        return buf.freeze()

    def add(self, kept: Candidates, commit=None) -> None:
        """Record `kept` in Redis (at once: Redis cannot join the build's file commit)."""
        pipe = self.db.pipeline()
        for i, id_ in enumerate(kept.ids):
            pipe.hset(f"{self.ns}:docs", id_, json.dumps({
                "exact": kept.exact[i], "sig": kept.sigs[i].tobytes().hex(), "shingles": int(kept.shingles[i]),
                "chars": int(kept.chars[i]), "placeholder": float(kept.placeholder[i]),
                "converted": bool(kept.converted[i]), "url": kept.urls[i]}))
            pipe.hsetnx(f"{self.ns}:exact", kept.exact[i], id_)
        pipe.execute()
        with self.lsh.insertion_session() as session:
            for id_, sig in zip(kept.ids, kept.sigs):
                if id_.encode() not in self.lsh:
                    session.insert(id_.encode(), self._minhash(sig), check_duplication=False)

    def __len__(self) -> int:
        return int(self.db.hlen(f"{self.ns}:docs"))
