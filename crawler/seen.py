"""The persistent seen-URL store of incremental crawls (SQLite, one file per crawl folder).

For every document page fetched: when, the status, and the validators (ETag,
Last-Modified) for a conditional request next time. A page fetched within the recrawl
interval is not requested again; an older one is asked for with If-None-Match /
If-Modified-Since, and a 304 costs the site almost nothing.
"""
from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Seen:
    url: str
    fetched_at: float
    status: int
    etag: str
    last_modified: str


class SeenStore:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # WAL + one commit per page: a killed crawl loses at most the page being recorded.
        self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self.db.execute("pragma journal_mode=wal")
        self.db.execute("pragma synchronous=normal")
        self.db.execute("create table if not exists seen (url text primary key, fetched_at real, status integer,"
                        " etag text, last_modified text)")

    def get(self, url: str) -> Seen | None:
        row = self.db.execute("select url, fetched_at, status, etag, last_modified from seen where url = ?",
                              (url,)).fetchone()
        return Seen(*row) if row else None

    def record(self, url: str, status: int, etag: str = "", last_modified: str = "", at: float | None = None) -> None:
        self.db.execute("insert into seen values (?, ?, ?, ?, ?) on conflict(url) do update set fetched_at ="
                        " excluded.fetched_at, status = excluded.status, etag = excluded.etag,"
                        " last_modified = excluded.last_modified",
                        (url, time.time() if at is None else at, status, etag, last_modified))

    def touch(self, url: str) -> None:
        """A 304: the page is unchanged; it counts as fetched now."""
        self.db.execute("update seen set fetched_at = ? where url = ?", (time.time(), url))

    def __len__(self) -> int:
        return self.db.execute("select count(*) from seen").fetchone()[0]

    def close(self) -> None:
        self.db.close()
