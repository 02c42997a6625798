"""The WARC reader under damaged, foreign and hostile input (issue 11: items 2, 3, 9, 20)."""
from __future__ import annotations

import gzip
import json
import logging
import resource
import subprocess
import sys
import zlib
from pathlib import Path

import brotli
import pyarrow.dataset as ds
import pytest

from worksum.corpus.build import BuildConfig, build
from worksum.corpus.warc import NotWarcError, WarcStats, find_warcs, iter_pages
from tests.corpus.warcs import page_html, record_offsets, work_text, write_warc

ROOT = Path(__file__).resolve().parents[2]
CFG = BuildConfig(workers=1, progress=False)


def _rows(out: Path, kind: str = "data") -> list[dict]:
    return ds.dataset(out / kind, format="parquet").to_table().to_pylist()


def _pages(url_prefix: str, n: int, seed: int = 0) -> list[dict]:
    return [{"url": f"{url_prefix}/{i}.html", "body": page_html(f"第{i}篇工作总结", work_text(seed + i))}
            for i in range(n)]


# ---- item 20: one bad record, uncompressed files, files that are no WARC -----------------------------

def test_a_bad_record_is_skipped_and_the_rest_of_the_file_is_read(tmp_path, caplog):
    path = write_warc(tmp_path / "w" / "a.warc.gz", _pages("http://x.example", 6))
    responses = [r for r in record_offsets(path) if r[0] == "response"]
    _, bad_url, start, _ = responses[2]
    data = bytearray(path.read_bytes())
    for i in range(start + 20, start + 60):  # garble the middle of one record's gzip member
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    stats = WarcStats()
    with caplog.at_level(logging.WARNING, logger="worksum.corpus.warc"):
        urls = [p.url for p in iter_pages([path], stats)]
    assert len(urls) == 5 and bad_url not in urls
    assert stats.bad_files == [str(path)]
    assert any(str(path) in m and f"offset {start}" in m for m in caplog.messages), caplog.messages


def test_a_valid_uncompressed_warc_is_not_called_damaged(tmp_path):
    path = write_warc(tmp_path / "a.warc", _pages("http://x.example", 3), gzip=False)
    stats = WarcStats()
    pages = list(iter_pages([path], stats))
    assert len(pages) == 3 and stats.bad_files == [] and stats.skipped == []
    assert [p.page_kind for p in pages] == ["document"] * 3


def test_plain_text_is_no_warc_and_invents_no_rows(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("one two three four 5\n" * 10)  # lines an ARC parser would take for record headers
    with pytest.raises(NotWarcError, match="notes.txt is not a WARC file"):
        find_warcs([text])
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "looks.warc").write_text("one two three four 5\n" * 10)
    write_warc(folder / "real.warc.gz", _pages("http://x.example", 2))
    report = build([str(folder)], tmp_path / "out", CFG)
    assert report.pages == 2 and report.bad_warc_files == [str(folder / "looks.warc")]
    assert not any(r["reason"].startswith("http_0") for r in _rows(tmp_path / "out", "rejected"))
    cli = subprocess.run([sys.executable, "-m", "worksum.cli", "build", str(text), "--out", str(tmp_path / "o2")],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert cli.returncode == 2 and "notes.txt is not a WARC file" in cli.stderr


# ---- item 2: cut-off and damaged records; the newest complete copy ------------------------------------

@pytest.mark.parametrize("compressed", [True, False])
def test_a_record_cut_off_is_rejected_not_built(tmp_path, compressed):
    pages = _pages("http://x.example", 3)
    path = write_warc(tmp_path / ("a.warc.gz" if compressed else "a.warc"), pages, gzip=compressed)
    _, cut_url, start, end = [r for r in record_offsets(path) if r[0] == "response"][-1]
    path.write_bytes(path.read_bytes()[: start + (end - start) * 2 // 3])  # a disk that filled up mid-record
    report = build([str(path)], tmp_path / "out", CFG)
    texts = {r["url"]: r["text"] for r in _rows(tmp_path / "out")}
    assert cut_url not in texts and len(texts) == 2
    assert report.bad_warc_files == [str(path)] and report.pages == 3
    if not compressed:  # the record's header survived: the page is named, with the reason
        rejected = {r["url"]: r["reason"] for r in _rows(tmp_path / "out", "rejected")}
        assert rejected == {cut_url: "truncated_record"}


def test_a_record_whose_digest_fails_is_rejected(tmp_path):
    pages = _pages("http://x.example", 2)
    path = write_warc(tmp_path / "a.warc", pages, gzip=False)
    data = path.read_bytes()
    original = "按期完成".encode()
    at = data.rindex(original)
    path.write_bytes(data[:at] + "延期完成".encode() + data[at + len(original):])  # same length, other text
    report = build([str(path)], tmp_path / "out", CFG)
    assert report.kept == 1 and report.reasons == {"digest_mismatch": 1}
    assert report.bad_warc_files == [str(path)]


def test_the_newest_complete_copy_of_a_url_is_built(tmp_path):
    old, new, newest = (page_html("某局工作总结", work_text(s)) for s in (1, 2, 3))
    url = "http://x.example/doc.html"
    first = write_warc(tmp_path / "w" / "1.warc.gz", [{"url": url, "body": old, "date": "2024-01-01T00:00:00Z"},
                                                      {"url": url, "body": b"busy", "date": "2024-04-01T00:00:00Z",
                                                       "status": 503}])  # newer, but no page
    # the second crawl: a newer complete copy, then the newest one, cut off by a full disk
    second = write_warc(tmp_path / "w" / "2.warc", [{"url": url, "body": new, "date": "2024-02-01T00:00:00Z"},
                                                    {"url": url, "body": newest, "date": "2024-03-01T00:00:00Z"}],
                        gzip=False)
    _, _, _, end = [r for r in record_offsets(second) if r[0] == "response"][-1]
    second.write_bytes(second.read_bytes()[: end - 100])
    report = build([str(tmp_path / "w")], tmp_path / "out", CFG)
    [row] = _rows(tmp_path / "out")
    opening = {s: work_text(s).split("。")[0] for s in (1, 2, 3)}
    assert opening[2] in row["text"] and opening[1] not in row["text"] and opening[3] not in row["text"]
    assert sorted(r["reason"] for r in _rows(tmp_path / "out", "rejected")) == ["http_503", "refetched",
                                                                                 "truncated_record"]
    assert report.pages == 4 and report.kept == 1 and first.exists()


# ---- item 3: every content coding the crawler asks for ------------------------------------------------

def _encode(body: bytes, coding: str) -> bytes:
    from backports import zstd

    return {"gzip": gzip.compress, "x-gzip": gzip.compress, "deflate": zlib.compress, "br": brotli.compress,
            "zstd": zstd.compress}[coding](body)


def test_every_encoding_the_crawler_accepts_is_decoded(tmp_path):
    from scrapy.downloadermiddlewares.httpcompression import ACCEPTED_ENCODINGS

    codings = [c.decode() for c in ACCEPTED_ENCODINGS]
    assert {"br", "zstd"} <= set(codings)
    responses = []
    for i, coding in enumerate(codings):
        body = page_html(f"第{i}篇工作总结", work_text(i))
        responses.append({"url": f"http://x.example/{coding}.html", "body": _encode(body, coding),
                          "headers": [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", coding)]})
    two = page_html("双重编码", work_text(50))
    responses.append({"url": "http://x.example/two.html", "body": brotli.compress(gzip.compress(two)),
                      "headers": [("Content-Type", "text/html"), ("Content-Encoding", "gzip, br")]})
    path = write_warc(tmp_path / "a.warc.gz", responses)
    pages = {p.url: p for p in iter_pages([path])}
    for i, coding in enumerate(codings):
        assert pages[f"http://x.example/{coding}.html"].body == page_html(f"第{i}篇工作总结", work_text(i)), coding
    assert pages["http://x.example/two.html"].body == two
    report = build([str(path)], tmp_path / "out", CFG)
    assert report.kept == len(codings) + 1 and report.rejected == 0


def test_a_body_that_cannot_be_decoded_is_undecodable_not_empty(tmp_path):
    body = page_html("工作总结", work_text(1))
    responses = [
        {"url": "http://x.example/garbled-br", "body": b"\x8b\x02" + body[:300],
         "headers": [("Content-Type", "text/html"), ("Content-Encoding", "br")]},
        {"url": "http://x.example/cut-gzip", "body": gzip.compress(body)[:200],
         "headers": [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]},
        {"url": "http://x.example/unknown", "body": body,
         "headers": [("Content-Type", "text/html"), ("Content-Encoding", "compress")]},
        {"url": "http://x.example/fine", "body": body},
    ]
    report = build([str(write_warc(tmp_path / "a.warc.gz", responses))], tmp_path / "out", CFG)
    assert report.reasons == {"undecodable": 3} and report.kept == 1
    assert report.bad_warc_files == []  # the records are whole: only their bodies are bad


# ---- item 9: a decompression bomb ---------------------------------------------------------------------

def _bomb(gigabytes: float) -> bytes:
    """A raw-deflate body that inflates to `gigabytes` of zeros (one compressed megabyte repeated)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = c.compress(bytes(1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    return piece * int(gigabytes * 1024) + c.flush()


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def test_a_decompression_bomb_is_rejected_and_the_build_goes_on(tmp_path):
    good = _pages("http://x.example", 2)
    bomb = {"url": "http://x.example/bomb", "body": _bomb(4),
            "headers": [("Content-Type", "text/html"), ("Content-Encoding", "deflate")]}
    path = write_warc(tmp_path / "w" / "a.warc.gz", [good[0], bomb, good[1]])
    assert path.stat().st_size < 200_000
    cmd = [sys.executable, "-m", "worksum.cli", "build", str(path), "--out", str(tmp_path / "out"), "--workers", "1"]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=240, preexec_fn=_limit_memory)
    assert run.returncode == 0, run.stderr[-2000:]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["counts"]["kept"] == 2 and manifest["counts"]["rejected_by_reason"] == {"too_large": 1}
    # a second build of the same file does not die on it either
    again = subprocess.run(cmd + ["--force"], cwd=ROOT, capture_output=True, text=True, timeout=240,
                           preexec_fn=_limit_memory)
    assert again.returncode == 0, again.stderr[-2000:]


def test_a_body_over_the_limit_is_too_large(tmp_path):
    body = page_html("工作总结", work_text(1))
    path = write_warc(tmp_path / "a.warc.gz", [{"url": "http://x.example/big", "body": body + b" " * 5000},
                                               {"url": "http://x.example/gz", "body": gzip.compress(body + b" " * 5000),
                                                "headers": [("Content-Type", "text/html"),
                                                            ("Content-Encoding", "gzip")]}])
    stats = WarcStats()
    assert list(iter_pages([path], stats, max_body=len(body) + 100)) == []
    assert [s.reason for s in stats.skipped] == ["too_large", "too_large"]
    assert [p.url for p in iter_pages([path], max_body=len(body) + 6000)] == ["http://x.example/big",
                                                                             "http://x.example/gz"]
