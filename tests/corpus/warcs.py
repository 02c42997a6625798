"""Small WARC files for tests, written record by record with warcio (dates and encodings chosen by the test)."""
from __future__ import annotations

import io
import random
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PHRASES = ["推进重点任务落实", "加强组织领导", "完成全年目标任务", "取得明显成效", "深入基层调研", "健全工作制度",
           "强化安全生产责任", "提升服务群众水平", "抓好项目建设", "做好资金管理", "开展业务培训", "落实考核办法"]


def work_text(seed: int, sentences: int = 30) -> str:
    """A work-summary-like text of its own for every seed (so two seeds are never duplicates)."""
    rnd = random.Random(seed)
    return "".join("今年以来，我单位" + "，".join(rnd.sample(PHRASES, 4)) + f"，第{rnd.randint(1, 999)}项工作按期完成。"
                   for _ in range(sentences))


def page_html(title: str, text: str) -> bytes:
    paras = "".join(f"<p>{s}。</p>" for s in text.split("。") if s)
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{paras}</body></html>".encode("utf-8")


def write_warc(path: Path, responses: list[dict], gzip: bool = True) -> Path:
    """responses: dicts with url, body, and optional date, status, headers (list of pairs), kind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gzip)
        for r in responses:
            headers = r.get("headers") or [("Content-Type", "text/html; charset=utf-8")]
            http = StatusAndHeaders(f"{r.get('status', 200)} OK", headers, protocol="HTTP/1.1")
            extra = {"WARC-Date": r["date"]} if r.get("date") else None
            resp = w.create_warc_record(r["url"], "response", payload=io.BytesIO(r["body"]), http_headers=http,
                                        warc_headers_dict=extra)
            w.write_record(resp)
            fields = f"page-kind: {r.get('kind', 'document')}\r\n".encode()
            meta = w.create_warc_record(r["url"], "metadata", payload=io.BytesIO(fields),
                                        warc_content_type="application/warc-fields")
            meta.rec_headers.add_header("WARC-Concurrent-To", resp.rec_headers.get_header("WARC-Record-ID"))
            w.write_record(meta)
    return path


def record_offsets(path: Path) -> list[tuple[str, str, int, int]]:
    """(type, url, start, end) of every record, from an undamaged file."""
    from warcio.archiveiterator import ArchiveIterator

    out = []
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        for record in it:
            start = it.offset
            it.read_to_end(record)
            out.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI"), start, it.offset))
    return out
