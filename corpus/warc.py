"""Raw archive: rotating gzip WARC files written atomically, and a tolerant reader.

Every fetched response becomes a `response` record, preceded by the `request` record and
followed by a `metadata` record (page kind, spider, referer, depth) so a corpus can be
rebuilt, and re-classified, without re-crawling. The reader also accepts WARCs from other
crawlers (Common Crawl extracts): records without our metadata are simply of kind "".

The reader trusts nothing: a record cut short or failing its digest, a body too large or
that cannot be decoded is skipped with a reason (`WarcStats.skipped`), a damaged stretch
of a file is skipped to the next record, and of several copies of one URL only the newest
complete one becomes a page.
"""
from __future__ import annotations

import base64
import hashlib
import io
import logging
import os
import sys
import time
import uuid
import zlib
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import brotli
from isal import isal_zlib
from warcio.archiveiterator import WARCIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.statusandheaders import StatusAndHeaders

from worksum.cleaning.record import Page

from .errors import CorpusError

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

log = logging.getLogger(__name__)

OPEN_SUFFIX = ".open"  # a WARC still being written; renamed to *.warc.gz when closed
METADATA_TYPE = "application/warc-fields"
# Gzipping the records is most of what archiving a page costs. ISA-L's level 1 writes the same gzip format
# at a quarter of zlib-ng's cost at gzip's default level 6, in members about 6 % larger (doc-site HTML).
GZIP_LEVEL = 1
# The crawl's DOWNLOAD_MAXSIZE: a bigger body is not a document page, and a small record
# that inflates past it (a decompression bomb) must not take the build's memory.
MAX_BODY_BYTES = 20 * 1024 * 1024
_READ = 1 << 16


@dataclass
class Skipped:
    """A response record that does not become a page, and why."""

    url: str
    reason: str  # truncated_record, digest_mismatch, too_large, undecodable, refetched
    crawl_time: str
    warc_file: str
    offset: int


@dataclass
class WarcStats:
    files: int = 0
    records: int = 0
    bad_files: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def damaged(self, path: Path) -> None:
        if str(path) not in self.bad_files:
            self.bad_files.append(str(path))


def exchange_records(url: str, request_headers: list[tuple[str, str]], method: str, status: int, reason: str,
                     response_headers: list[tuple[str, str]], body: bytes, metadata: dict[str, str]) -> bytes:
    """Request, response and metadata records of one fetch, one gzip member each.

    Built as bytes here rather than through warcio's writer, which buffered and re-serialised every
    record and cost the crawl more than compressing it; the records are the ones warcio writes
    (WARC/1.0, the same headers in the same order, sha1 digests in base32).
    """
    date = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    request = _http_head(f"{method} {url} HTTP/1.1", request_headers, is_request=True)
    response = _http_head(f"HTTP/1.1 {f'{status} {reason}'.strip()}", response_headers)
    fields = "".join(f"{k}: {v}\r\n" for k, v in metadata.items()).encode("utf-8")
    response_id = _record_id()
    fields_digest = _digest(fields)
    return b"".join((
        _member(_record("request", url, _record_id(), date, "", _EMPTY_DIGEST, _digest(request),
                        "application/http; msgtype=request", request)),
        _member(_record("response", url, response_id, date, "", _digest(body), _digest(response, body),
                        "application/http; msgtype=response", response, body)),
        _member(_record("metadata", url, _record_id(), date, response_id, fields_digest, fields_digest,
                        METADATA_TYPE, fields)),
    ))


def _record_id() -> str:
    return f"<urn:uuid:{uuid.uuid4()}>"


def _digest(*parts: bytes) -> str:
    """A WARC digest as warcio writes it: sha1, base32."""
    h = hashlib.sha1()
    for part in parts:
        h.update(part)
    return "sha1:" + base64.b32encode(h.digest()).decode("ascii")


_EMPTY_DIGEST = _digest(b"")


def _http_head(first_line: str, headers: list[tuple[str, str]], is_request: bool = False) -> bytes:
    """The request or status line and headers of an HTTP message, as warcio stores them."""
    text = first_line + "\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    if text.isascii():
        return text.encode("ascii")
    # A header value beyond ASCII (a file name in Content-Disposition): %-encoded by warcio's rule (RFC 8187).
    if is_request:
        return StatusAndHeaders(first_line, list(headers), is_http_request=True).to_ascii_bytes()
    protocol, _, statusline = first_line.partition(" ")
    return StatusAndHeaders(statusline, list(headers), protocol=protocol).to_ascii_bytes()


def _record(rec_type: str, url: str, record_id: str, date: str, concurrent_to: str, payload_digest: str,
            block_digest: str, content_type: str, *block: bytes) -> tuple[bytes, ...]:
    """One WARC record: its header, its block (in parts), and the blank lines that end it."""
    concurrent = f"WARC-Concurrent-To: {concurrent_to}\r\n" if concurrent_to else ""
    head = (f"WARC/1.0\r\nWARC-Type: {rec_type}\r\nWARC-Record-ID: {record_id}\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Date: {date}\r\n{concurrent}WARC-Payload-Digest: {payload_digest}\r\n"
            f"WARC-Block-Digest: {block_digest}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {sum(map(len, block))}\r\n\r\n")
    return (head.encode("utf-8"), *block, b"\r\n\r\n")


def _member(parts: tuple[bytes, ...]) -> bytes:
    """`parts` as one gzip member (each record its own member, so a reader can seek to any record)."""
    return isal_zlib.compress(b"".join(parts), GZIP_LEVEL, wbits=31)


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
        self.append(exchange_records(url, request_headers, method, status, reason, response_headers, body, metadata))

    def append(self, data: bytes) -> None:
        """Append the gzipped records of one exchange (exchange_records): all of them, or none if the write fails."""
        if self._file is None:
            self._open()
        start, data = self._file.tell(), memoryview(data)
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


class NotWarcError(CorpusError):
    """An input named on the command line is not a WARC file."""


def find_warcs(inputs: Iterable[str | os.PathLike]) -> list[Path]:
    """WARC files named on the command line or found (recursively) in folders."""
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.name.endswith((".warc.gz", ".warc")))
        elif path.exists():
            problem = _not_warc(path)
            if problem:
                raise NotWarcError(f"{path} is not a WARC file ({problem}); give WARC files or folders holding them")
            files.append(path)
        else:
            raise FileNotFoundError(f"input not found: {path} (give WARC files or folders holding them)")
    return files


def _not_warc(path: Path) -> str:
    """Why `path` cannot be a WARC file, judged by its first bytes; "" when it may be one."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return ""  # a WARC damaged from its first record on: the reader reports what it finds
    if not head or head.startswith(b"WARC/"):
        return ""
    return f"it starts with {head[:24]!r}"


def _parse_fields(payload: bytes) -> dict[str, str]:
    out = {}
    for line in payload.decode("utf-8", "replace").splitlines():
        key, sep, value = line.partition(":")
        if sep:
            out[key.strip()] = value.strip()
    return out


# ---- reading ---------------------------------------------------------------------------

@dataclass
class _Record:
    """What the reader keeps of one response or metadata record (plain data, no open streams)."""

    type: str  # response, metadata; other types are only checked for damage
    url: str
    date: str
    record_id: str
    concurrent_to: str
    offset: int
    http: StatusAndHeaders | None
    payload: bytes
    problem: str = ""


class _BodyError(Exception):
    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason


def _read_capped(stream, limit: int) -> bytes:
    """Up to `limit` + 1 bytes of `stream` (one more than allowed says it is too large)."""
    out = bytearray()
    while len(out) <= limit:
        chunk = stream.read(min(_READ, limit + 1 - len(out)))
        if not chunk:
            break
        out += chunk
    return bytes(out)


def _read_record(record, offset: int, max_body: int) -> _Record:
    h = record.rec_headers
    keep = record.rec_type in ("response", "metadata")
    payload = _read_capped(record.raw_stream, max_body if record.rec_type == "response" else 1 << 16) if keep else b""
    rec = _Record(record.rec_type, h.get_header("WARC-Target-URI") or "", h.get_header("WARC-Date") or "",
                  h.get_header("WARC-Record-ID") or "", h.get_header("WARC-Concurrent-To") or "", offset,
                  record.http_headers, payload)
    if len(payload) > max_body:
        rec.problem, rec.payload = "too_large", b""
    return rec


def _damage(record) -> str:
    """Checked once the whole record was read: fewer bytes than its Content-Length, or a digest that fails."""
    if not record.rec_type or record.rec_headers.get_header("Content-Length") is None:
        return "bad_header"  # a header cut off, or no record at all
    if getattr(record.raw_stream, "limit", 0) > 0:
        return "truncated_record"
    if record.digest_checker.problems:
        return "digest_mismatch"
    return ""


def _records(path: Path, stats: WarcStats, max_body: int, quiet: bool = False) -> Iterator[_Record]:
    """The response and metadata records of one file, in order.

    A damaged stretch (a corrupt gzip member, bytes that are no record, a record cut off)
    is logged with its offset and skipped: reading goes on at the next record that parses.
    """
    size = path.stat().st_size
    with open(path, "rb") as fh:
        gz = fh.read(2) == b"\x1f\x8b"
        pos: int | None = 0
        while pos is not None and pos < size:
            fh.seek(pos)
            it = WARCIterator(fh, check_digests=True)
            try:
                last = None
                for record in it:
                    last = it.offset
                    rec = _read_record(record, it.offset, max_body)
                    it.read_to_end(record)
                    rec.problem = _damage(record) or rec.problem
                    if rec.problem in ("bad_header", "truncated_record", "digest_mismatch"):
                        stats.damaged(path)
                        if rec.type != "response" and not quiet:
                            log.warning("WARC %s: %s %s record at offset %d: skipped", path, rec.problem,
                                        record.rec_type, rec.offset)
                    if rec.type in ("response", "metadata"):
                        yield rec
                if it.offset < size:
                    bad, error = it.offset, "a record cut off, or bytes that are no record"
                elif gz and last is not None and not _member_complete(fh, last):
                    bad, error = last, "the file ends inside this record's gzip member"
                else:
                    return
            except Exception as exc:  # warcio raises whatever its parser trips on in damaged data
                bad, error = it.offset, f"{type(exc).__name__}: " + " ".join(str(exc).split())[:200]
            pos = _next_record_start(fh, bad + 1, gz, size)
            stats.damaged(path)
            if quiet:
                continue
            not_warc = _not_warc(path) if bad == 0 and pos is None else ""
            if not_warc:
                log.error("%s is not a WARC file (%s): skipped", path, not_warc)
            else:
                log.warning("WARC %s: damaged data at offset %d (%s); %s", path, bad, error,
                            f"reading on at offset {pos}" if pos is not None else "no record after it")


def _member_complete(fh, offset: int) -> bool:
    """Whether the gzip member at `offset` ends with its trailer (a file cut there still inflates)."""
    fh.seek(offset)
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    while not d.eof:
        chunk = fh.read(_READ)
        if not chunk:
            return False
        try:
            d.decompress(chunk, _READ)  # only reaching the end matters: the output is thrown away
        except zlib.error:
            return False
        while d.unconsumed_tail and not d.eof:
            d.decompress(d.unconsumed_tail, _READ)
    return True


def _next_record_start(fh, after: int, gz: bool, size: int) -> int | None:
    """Offset of the next place at or after `after` where a WARC record (or its gzip member) begins."""
    magic = b"\x1f\x8b\x08" if gz else b"WARC/1."
    pos = after
    while pos < size:
        fh.seek(pos)
        block = fh.read(1 << 20)
        i = block.find(magic)
        while i >= 0:
            if _starts_record(fh, pos + i, gz):
                return pos + i
            i = block.find(magic, i + 1)
        pos += max(1, len(block) - len(magic) + 1)
    return None


def _starts_record(fh, offset: int, gz: bool) -> bool:
    fh.seek(offset)
    head = fh.read(4096)
    if gz:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return False
    elif offset > 0:
        fh.seek(offset - 1)
        if fh.read(1) != b"\n":
            return False
    return head.startswith(b"WARC/1.")


def _header_values(http: StatusAndHeaders, name: str) -> list[str]:
    return [v.strip().lower() for k, value in http.headers if k.lower() == name for v in value.split(",") if v.strip()]


def _http_body(payload: bytes, http: StatusAndHeaders | None, max_body: int) -> bytes:
    """The body as the server meant it: de-chunked and decoded (gzip, deflate, br, zstd), at most `max_body`."""
    if http is None or not payload:
        return payload
    if "chunked" in _header_values(http, "transfer-encoding"):
        payload = _read_capped(ChunkedDataReader(io.BytesIO(payload)), max_body)  # unchunked data passes as is
    for coding in reversed(_header_values(http, "content-encoding")):
        payload = _decode(payload, coding, max_body)
    if len(payload) > max_body:
        raise _BodyError("too_large", f"body larger than {max_body} bytes")
    return payload


def _decode(data: bytes, coding: str, max_body: int) -> bytes:
    """One content coding undone, never producing more than `max_body` + 1 bytes."""
    limit = max_body + 1
    try:
        if coding in ("identity", "none"):
            return data
        if coding in ("gzip", "x-gzip", "deflate"):
            d = zlib.decompressobj(16 + zlib.MAX_WBITS if coding != "deflate" else zlib.MAX_WBITS)
            try:
                out = d.decompress(data, limit)
            except zlib.error:
                if coding != "deflate":
                    raise
                d = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send it
                out = d.decompress(data, limit)
            finished = d.eof
        elif coding == "br":
            d = brotli.Decompressor()
            out = d.process(data, output_buffer_limit=limit)
            finished = d.is_finished()
        elif coding == "zstd":
            d = zstd.ZstdDecompressor()
            out = d.decompress(data, max_length=limit)
            finished = d.eof
        else:
            raise _BodyError("undecodable", f"unknown content-encoding {coding!r}")
    except (zlib.error, brotli.error, zstd.ZstdError, EOFError) as exc:
        raise _BodyError("undecodable", f"{coding} body does not decode: {exc}") from None
    if len(out) > max_body:
        raise _BodyError("too_large", f"{coding} body inflates past {max_body} bytes")
    if not finished:
        raise _BodyError("undecodable", f"{coding} body ends before its compressed stream does")
    return out


def _page(rec: _Record, path: Path, max_body: int) -> Page:
    """A Page for a response record; raises _BodyError when a 200 body cannot be decoded."""
    http = rec.http
    status = int(http.get_statuscode() or 0) if http and http.get_statuscode() else 0
    try:
        body = _http_body(rec.payload, http, max_body)
    except _BodyError:
        if status == 200:
            raise
        body = b""  # the status rejects the page anyway
    return Page(url=rec.url, status=status, content_type=(http.get_header("Content-Type") if http else "") or "",
                body=body, crawl_time=rec.date, warc_file=path.name)


def copy_ranks(path: Path, n: int, stats: WarcStats, max_body: int) -> dict[str, tuple]:
    """URL → rank of the best copy in file number `n`: (fetched OK, date, n, offset), larger is better."""
    best: dict[str, tuple] = {}
    for rec in _records(path, stats, max_body):
        if rec.type != "response" or rec.problem:
            continue
        ok = bool(rec.http) and rec.http.get_statuscode() == "200"
        rank = (ok, rec.date.rstrip("Z"), n, rec.offset)
        if rank > best.get(rec.url, (False,)):
            best[rec.url] = rank
    return best


def merge_ranks(best: dict[str, tuple], ranks: dict[str, tuple]) -> None:
    """Fold one file's `copy_ranks` into `best` (the order files are folded in does not matter)."""
    for url, rank in ranks.items():
        if rank > best.get(url, (False,)):
            best[url] = rank


def _newest_copies(files: list[Path], stats: WarcStats, max_body: int) -> dict[str, tuple[int, int]]:
    """URL → (file number, offset) of the copy a build uses: complete, fetched OK, newest."""
    best: dict[str, tuple] = {}
    for n, path in enumerate(files):
        merge_ranks(best, copy_ranks(path, n, stats, max_body))
    return {url: rank[2:] for url, rank in best.items()}


def _superseded_reason(rec: _Record) -> str:
    """An older copy of a page: `refetched`, or the HTTP error that made it no page at all."""
    status = rec.http.get_statuscode() if rec.http else "0"
    return "refetched" if status == "200" else f"http_{status}"


def iter_pages(files: Iterable[Path], stats: WarcStats | None = None, *, every_copy: bool = False,
               max_body: int = MAX_BODY_BYTES) -> Iterator[Page]:
    """Yield the HTTP responses in the files: of each URL only its newest complete copy (`every_copy`: all).

    Records not built (damaged, too large, undecodable, older copies) land in `stats.skipped`
    with their reason; damaged files are named in `stats.bad_files` and read past the damage.
    """
    stats = stats if stats is not None else WarcStats()
    files = list(files)
    chosen = None if every_copy else _newest_copies(files, stats, max_body)
    for n, path in enumerate(files):
        yield from file_pages(path, n, chosen, stats, max_body)


def file_pages(path: Path, n: int, chosen: Mapping[str, tuple[int, int]] | None, stats: WarcStats,
               max_body: int = MAX_BODY_BYTES, *, superseded: Collection[int] | None = None) -> Iterator[Page]:
    """The pages of file number `n`: the records `chosen` names (URL → (file number, offset)), all when None.

    Or, given `superseded` instead: every record but those at these offsets, whose URL has a better copy
    elsewhere (a distributed build finds them with a shuffle on URLs and hands each file its own).
    """
    stats.files += 1
    pending: Page | None = None
    pending_id = ""
    choosing = chosen is not None or superseded is not None
    for rec in _records(path, stats, max_body, quiet=choosing):
        if rec.type == "metadata":
            if pending is not None and rec.concurrent_to == pending_id:
                pending.page_kind = _parse_fields(rec.payload).get("page-kind", "")
            continue
        if pending is not None:
            yield pending
            pending = None
        stats.records += 1
        older = (rec.offset in superseded if superseded is not None else
                 chosen is not None and chosen.get(rec.url) != (n, rec.offset))
        reason = rec.problem or (_superseded_reason(rec) if older else "")
        if not reason:
            try:
                pending, pending_id = _page(rec, path, max_body), rec.record_id
                continue
            except _BodyError as exc:
                reason = exc.reason
                log.warning("WARC %s offset %d: %s: %s", path, rec.offset, rec.url, exc)
        elif reason != "refetched":
            log.warning("WARC %s offset %d: %s record for %s: skipped", path, rec.offset, reason, rec.url)
        stats.skipped.append(Skipped(rec.url, reason, rec.date, path.name, rec.offset))
    if pending is not None:
        yield pending
