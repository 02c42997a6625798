"""The crawl's WARC writer: records built as bytes, read back by warcio and by our reader."""
from __future__ import annotations

import base64
import gzip
import hashlib
import io
import re
import zlib
from pathlib import Path
from urllib.parse import unquote

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from worksum.corpus.warc import METADATA_TYPE, RotatingWarcWriter, WarcStats, exchange_records, iter_pages
from tests.corpus.warcs import page_html, record_offsets, work_text

REQUEST_HEADERS = [("Accept", "text/html"), ("User-Agent", "worksum-test"), ("Accept-Encoding", "gzip, br")]
# A header as the crawler hands it over: the wire bytes (UTF-8 here) read as latin-1.
DOCX_NAME = 'attachment; filename="年度工作总结.docx"'.encode("utf-8").decode("latin-1")


def _exchanges() -> list[dict]:
    html = page_html("第一篇工作总结", work_text(1))
    return [
        {"url": "http://x.example/doc/1.html", "status": 200, "reason": "",
         "headers": [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(html)))],
         "body": html, "meta": {"page-kind": "document", "spider": "demo", "referer": "http://x.example/list/",
                                "depth": "1"}},
        {"url": "http://x.example/doc/2.html", "status": 200, "reason": "OK",
         "headers": [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
         "body": gzip.compress(page_html("第二篇", work_text(2))), "meta": {"page-kind": "document"}},
        {"url": "http://x.example/gone.html", "status": 404, "reason": "Not Found",
         "headers": [("Content-Type", "text/html")], "body": b"<html>no such page</html>", "meta": {}},
        {"url": "http://x.example/empty", "status": 200, "reason": "", "headers": [], "body": b"",
         "meta": {"page-kind": "listing", "referer": "http://x.example/列表"}},
        {"url": "http://x.example/down/3", "status": 200, "reason": "",
         "headers": [("Content-Type", "application/octet-stream"), ("Content-Disposition", DOCX_NAME)],
         "body": bytes(range(256)) * 40, "meta": {"page-kind": "document"}},
    ]


def _write(directory: Path, exchanges: list[dict]) -> Path:
    writer = RotatingWarcWriter(directory)
    for e in exchanges:
        writer.write_exchange(e["url"], REQUEST_HEADERS, "GET", e["status"], e["reason"], e["headers"], e["body"],
                              e["meta"])
    writer.close()
    [path] = writer.finished
    return path


def _sha1(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def _read_all(path: Path) -> list[dict]:
    """Every record as warcio reads it, its digests checked, with its payload (the body as sent)."""
    out = []
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh, check_digests=True):
            payload = record.raw_stream.read()
            out.append({"type": record.rec_type, "headers": record.rec_headers, "http": record.http_headers,
                        "payload": payload, "digests_passed": record.digest_checker.passed,
                        "problems": list(record.digest_checker.problems)})
    return out


def test_records_read_back_by_warcio_with_their_headers_digests_and_payloads(tmp_path):
    exchanges = _exchanges()
    records = _read_all(_write(tmp_path, exchanges))
    assert [r["type"] for r in records] == ["request", "response", "metadata"] * len(exchanges)
    ids = [r["headers"].get_header("WARC-Record-ID") for r in records]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"<urn:uuid:[0-9a-f-]{36}>", i) for i in ids)
    for n, e in enumerate(exchanges):
        request, response, metadata = records[3 * n: 3 * n + 3]
        for r in (request, response, metadata):
            h = r["headers"]
            assert h.protocol == "WARC/1.0" and h.get_header("WARC-Target-URI") == e["url"]
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", h.get_header("WARC-Date"))
            assert r["digests_passed"] is True and r["problems"] == [], (e["url"], r["type"], r["problems"])
        assert request["headers"].get_header("Content-Type") == "application/http; msgtype=request"
        assert request["http"].protocol == "GET" and request["http"].statusline == f"{e['url']} HTTP/1.1"
        assert request["http"].headers == REQUEST_HEADERS and request["payload"] == b""
        assert response["headers"].get_header("Content-Type") == "application/http; msgtype=response"
        assert response["http"].statusline == f"{e['status']} {e['reason']}".strip()
        assert response["payload"] == e["body"]  # as it came over the wire, Content-Encoding and all
        assert response["headers"].get_header("WARC-Payload-Digest") == _sha1(e["body"])
        assert metadata["headers"].get_header("Content-Type") == METADATA_TYPE
        assert metadata["headers"].get_header("WARC-Concurrent-To") == response["headers"].get_header("WARC-Record-ID")
        fields = "".join(f"{k}: {v}\r\n" for k, v in e["meta"].items()).encode("utf-8")
        assert metadata["payload"] == fields
        if e["headers"] and all(v.isascii() for _, v in e["headers"]):
            assert response["http"].headers == e["headers"]
    # a header value beyond ASCII is %-encoded by warcio's rule (RFC 8187), and nothing of it is lost
    disposition = records[-2]["http"].get_header("Content-Disposition")
    encoded = disposition.removeprefix("attachment; filename*=UTF-8''")
    assert disposition.isascii() and unquote(encoded).encode("latin-1").decode("utf-8") == "年度工作总结.docx"


def _members(data: bytes, offsets: list[int]) -> list[bytes]:
    """Each gzip member between two record offsets, inflated on its own (it must end exactly there)."""
    out = []
    for start, end in zip(offsets, offsets[1:] + [len(data)]):
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out.append(d.decompress(data[start:end]))
        assert d.eof and d.unused_data == b"", f"the member at {start} does not end at {end}"
    return out


def test_every_record_is_one_gzip_member_whose_block_matches_its_length_and_digest(tmp_path):
    path = _write(tmp_path, _exchanges())
    members = _members(path.read_bytes(), [start for _, _, start, _ in record_offsets(path)])
    assert len(members) == 3 * len(_exchanges())
    for raw in members:
        head, _, rest = raw.partition(b"\r\n\r\n")
        fields = dict(line.split(": ", 1) for line in head.decode("utf-8").split("\r\n")[1:])
        length = int(fields["Content-Length"])
        assert rest[length:] == b"\r\n\r\n"
        assert fields["WARC-Block-Digest"] == _sha1(rest[:length])


def _warcio_exchange(e: dict) -> bytes:
    """The same exchange written record by record with warcio's own writer (uncompressed)."""
    out = io.BytesIO()
    w = WARCWriter(out, gzip=False)
    req = w.create_warc_record(e["url"], "request", payload=io.BytesIO(b""), http_headers=StatusAndHeaders(
        f"GET {e['url']} HTTP/1.1", list(REQUEST_HEADERS), is_http_request=True))
    resp = w.create_warc_record(e["url"], "response", payload=io.BytesIO(e["body"]), http_headers=StatusAndHeaders(
        f"{e['status']} {e['reason']}".strip(), list(e["headers"]), protocol="HTTP/1.1"))
    fields = "".join(f"{k}: {v}\r\n" for k, v in e["meta"].items()).encode("utf-8")
    meta = w.create_warc_record(e["url"], "metadata", payload=io.BytesIO(fields), warc_content_type=METADATA_TYPE)
    meta.rec_headers.add_header("WARC-Concurrent-To", resp.rec_headers.get_header("WARC-Record-ID"))
    for record in (req, resp, meta):
        w.write_record(record)
    return out.getvalue()


_UNIQUE = re.compile(rb"(WARC-Record-ID|WARC-Concurrent-To): <urn:uuid:[0-9a-f-]+>|WARC-Date: [0-9TZ:-]+")


@pytest.mark.parametrize("n", range(len(_exchanges())))
def test_records_are_byte_for_byte_what_warcio_writes_but_for_ids_and_dates(n):
    e = _exchanges()[n]
    ours = gzip.decompress(exchange_records(e["url"], REQUEST_HEADERS, "GET", e["status"], e["reason"], e["headers"],
                                           e["body"], e["meta"]))
    assert _UNIQUE.sub(b"", ours) == _UNIQUE.sub(b"", _warcio_exchange(e))


def test_our_reader_builds_the_pages_back(tmp_path):
    exchanges = _exchanges()
    stats = WarcStats()
    pages = {p.url: p for p in iter_pages([_write(tmp_path, exchanges)], stats)}
    assert stats.bad_files == [] and stats.skipped == []
    assert set(pages) == {e["url"] for e in exchanges}
    for e in exchanges:
        page = pages[e["url"]]
        body = gzip.decompress(e["body"]) if ("Content-Encoding", "gzip") in e["headers"] else e["body"]
        assert (page.status, page.body, page.page_kind) == (e["status"], body, e["meta"].get("page-kind", ""))
        assert page.content_type == dict(e["headers"]).get("Content-Type", "")
