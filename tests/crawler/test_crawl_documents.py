"""A profile's `download_links`: a real crawl on 127.0.0.1 fetches the document files, archives them, builds them."""
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from worksum.cleaning.documents import PDF_TYPE
from worksum.corpus.build import BuildConfig, build
from worksum.corpus.warc import find_warcs, iter_pages
from worksum.crawler.profiles import load_profile
from tests import docfiles
from tests.docfiles import PLAN, SUMMARY, TITLE

ROOT = Path(__file__).resolve().parents[2]


def _site() -> dict[str, tuple[str, bytes]]:
    """A document site whose document page offers its PDF; the listing links a DOCX download directly."""
    def html(body: str) -> tuple[str, bytes]:
        return "text/html; charset=utf-8", f"<html><body>{body}</body></html>".encode("utf-8")

    return {
        "/robots.txt": ("text/plain", b"User-agent: *\nDisallow: /user/\n"),
        "/list/": html('<a href="/doc/1.html">总结</a> <a href="/file/2.docx">计划 免费下载</a>'
                       '<a href="/user/login">登录</a>'),
        "/doc/1.html": html(f"<h1>{TITLE}</h1><p>文档预览</p><a href='/file/1.pdf'>免费下载</a>"
                            "<a href='/vip/1.doc'>会员下载</a>"),
        "/file/1.pdf": (PDF_TYPE, docfiles.make_pdf()),
        "/file/2.docx": ("application/octet-stream", docfiles.make_docx()),
        "/vip/1.doc": ("application/msword", docfiles.DOC_BYTES),
    }


@pytest.fixture
def doc_site():
    pages, requests = _site(), []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            ctype, body = pages.get(self.path, ("text/plain", b"not found"))
            self.send_response(200 if self.path in pages else 404)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


def test_download_links_are_fetched_archived_as_documents_and_built(tmp_path, doc_site):
    base, requests = doc_site
    profile = tmp_path / "docsite.toml"
    profile.write_text(f'domains = ["127.0.0.1"]\nstart_urls = ["{base}/list/"]\nlisting_links = [\'/list/$\']\n'
                       "document_links = ['/doc/\\d+\\.html$']\ndownload_links = ['/file/\\d+\\.(pdf|docx)$']\n"
                       "deny = ['/file/', '/user/']\ndownload_delay = 0.0\n", encoding="utf-8")
    assert load_profile(str(profile)).download_links == (r"/file/\d+\.(pdf|docx)$",)
    cmd = [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"profile={profile}",
           "-s", f"WARC_DIR={tmp_path / 'warc'}", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING"]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "worksum.crawler.settings"}
    assert subprocess.run(cmd, env=env, cwd=ROOT, timeout=120).returncode == 0
    # the files the profile names were fetched (though `deny` lists /file/); the member-only .doc was not
    assert {"/file/1.pdf", "/file/2.docx"} <= set(requests) and "/vip/1.doc" not in requests
    kinds = {p.url.replace(base, ""): p.page_kind for p in iter_pages(find_warcs([tmp_path / "warc"]))}
    assert kinds["/file/1.pdf"] == kinds["/file/2.docx"] == "document"

    build([str(tmp_path / "warc")], tmp_path / "corpus", BuildConfig(workers=1, progress=False))
    kept = {r["url"].replace(base, ""): r for r in ds.dataset(tmp_path / "corpus" / "data").to_table().to_pylist()}
    assert kept["/file/1.pdf"]["title"] == TITLE and kept["/file/1.pdf"]["genre"] == "document"
    assert kept["/file/1.pdf"]["text"].split("\n")[1] == SUMMARY[1][0]
    assert kept["/file/2.docx"]["text"] == "\n".join(PLAN)  # served as octet-stream: its bytes tell it is a DOCX
