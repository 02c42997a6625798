"""Raw archive: rotating gzip WARC files written atomically, and a tolerant reader.

Every fetched response becomes a `response` record, preceded by the `request` record and
followed by a `metadata` record (page kind, spider, referer, depth) so a corpus can be
rebuilt, and re-classified, without re-crawling. The reader also accepts WARCs from other
crawlers (Common Crawl extracts): records without our metadata are simply of kind "".
"""
from __future__ import annotations

import io
import logging
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaning.record import Page

log = logging.getLogger(__name__)

OPEN_SUFFIX = ".open"  # a WARC still being written; renamed to *.warc.gz when closed
METADATA_TYPE = "application/warc-fields"


@dataclass
class WarcStats:
    files: int = 0
    records: int = 0
    bad_files: list[str] = field(default_factory=list)


class RotatingWarcWriter:
    """Append records to gzip WARC files, starting a new file past `max_bytes`."""

    def __init__(self, directory: str | os.PathLike, prefix: str = "worksum", max_bytes: int = 1_000_000_000):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.prefix, self.max_bytes = prefix, max_bytes
        self.serial = 0
        self._file = None
        self._path: Path | None = None
        self.finished: list[Path] = []
        recover_open_files(self.directory)

    def _open(self) -> None:
        stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime())
        name = f"{self.prefix}-{stamp}-{os.getpid()}-{self.serial:05d}.warc.gz"
        self.serial += 1
        self._path = self.directory / name
        self._file = open(str(self._path) + OPEN_SUFFIX, "wb", buffering=0)

    def write_exchange(self, url: str, request_headers: list[tuple[str, str]], method: str,
                       status: int, reason: str, response_headers: list[tuple[str, str]], body: bytes,
                       metadata: dict[str, str]) -> None:
        """Write request, response and metadata records for one fetch: all three, or none if the write fails."""
        buffer = io.BytesIO()
        w = WARCWriter(buffer, gzip=True)
        req = w.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                   http_headers=StatusAndHeaders(f"{method} {url} HTTP/1.1", request_headers,
                                                                 is_http_request=True))
        http = StatusAndHeaders(f"{status} {reason}".strip(), response_headers, protocol="HTTP/1.1")
        resp = w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
        fields = "".join(f"{k}: {v}\r\n" for k, v in metadata.items()).encode("utf-8")
        meta = w.create_warc_record(url, "metadata", payload=io.BytesIO(fields),
                                    warc_content_type=METADATA_TYPE)
        meta.rec_headers.add_header("WARC-Concurrent-To", resp.rec_headers.get_header("WARC-Record-ID"))
        for record in (req, resp, meta):
            w.write_record(record)
        if self._file is None:
            self._open()
        start, data = self._file.tell(), memoryview(buffer.getvalue())
        try:
            while data:
                data = data[self._file.write(data):]
        except OSError:  # e.g. a full disk: cut the part written, so the file ends on a record boundary
            self._file.truncate(start)
            self._file.seek(start)
            raise
        if self._file.tell() >= self.max_bytes:
            self.close()

    def close(self) -> None:
        if self._file is None:
            return
        empty = self._file.tell() == 0  # its only write failed: no file rather than an empty one
        self._file.close()
        if empty:
            os.unlink(str(self._path) + OPEN_SUFFIX)
        else:
            os.replace(str(self._path) + OPEN_SUFFIX, self._path)
            self.finished.append(self._path)
        self._file = self._path = None


def recover_open_files(directory: Path) -> list[Path]:
    """Finalise WARCs left open by a crashed crawl: their complete records are kept."""
    recovered = []
    for path in directory.glob(f"*.warc.gz{OPEN_SUFFIX}"):
        final = path.with_name(path.name[: -len(OPEN_SUFFIX)])
        os.replace(path, final)
        recovered.append(final)
        log.warning("recovered unfinished WARC %s", final)
    return recovered


def find_warcs(inputs: Iterable[str | os.PathLike]) -> list[Path]:
    """WARC files named on the command line or found (recursively) in folders."""
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.name.endswith((".warc.gz", ".warc")))
        elif path.exists():
            files.append(path)
        else:
            raise FileNotFoundError(f"input not found: {path} (give WARC files or folders holding them)")
    return files


def _parse_fields(payload: bytes) -> dict[str, str]:
    out = {}
    for line in payload.decode("utf-8", "replace").splitlines():
        key, sep, value = line.partition(":")
        if sep:
            out[key.strip()] = value.strip()
    return out


def iter_pages(files: Iterable[Path], stats: WarcStats | None = None) -> Iterator[Page]:
    """Yield every HTTP response in the files; a corrupt or truncated file is reported and skipped past."""
    stats = stats if stats is not None else WarcStats()
    for path in files:
        stats.files += 1
        pending: Page | None = None
        pending_id = ""
        try:
            with open(path, "rb") as fh:
                it = ArchiveIterator(fh)
                end = 0
                for record in it:
                    if record.rec_type == "response":
                        if pending is not None:
                            yield pending
                        pending, pending_id = _page(record, path), record.rec_headers.get_header("WARC-Record-ID")
                        stats.records += 1
                    elif record.rec_type == "metadata" and pending is not None and \
                            record.rec_headers.get_header("WARC-Concurrent-To") == pending_id:
                        pending.page_kind = _parse_fields(record.content_stream().read()).get("page-kind", "")
                    it.read_to_end(record)
                    end = it.get_record_offset() + it.get_record_length()
                # warcio stops quietly at a cut-off record: bytes left after the last whole one mean damage
                if end < os.path.getsize(path):
                    raise EOFError(f"{os.path.getsize(path) - end} bytes after the last complete record")
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            stats.bad_files.append(str(path))
            log.warning("WARC %s is truncated or corrupt after %d records (%s); keeping what was read",
                        path, stats.records, exc)
        if pending is not None:
            yield pending


def _page(record, path: Path) -> Page:
    http = record.http_headers
    status = int(http.get_statuscode() or 0) if http else 0
    try:
        body = record.content_stream().read()  # de-chunked and decompressed
    except Exception as exc:  # a damaged gzip body inside a good record
        log.warning("unreadable body for %s in %s: %s", record.rec_headers.get_header("WARC-Target-URI"), path, exc)
        body = b""
    return Page(
        url=record.rec_headers.get_header("WARC-Target-URI") or "",
        status=status,
        content_type=(http.get_header("Content-Type") if http else "") or "",
        body=body,
        crawl_time=record.rec_headers.get_header("WARC-Date") or "",
        warc_file=path.name,
    )
