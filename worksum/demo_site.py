"""The bundled offline demo: a small document-sharing site served on 127.0.0.1.

It has paginated listings, document pages with doc-site chrome (upload info, page
counters, buttons, related lists, ICP footers), a GBK-encoded 范文 page, a Traditional
mirror page, a republished near-duplicate, a job advert, and a robots.txt that forbids
/user/ (the listing links there; a polite crawler never goes).
"""
from __future__ import annotations

import hashlib
import html
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .demo_docs import DOCUMENTS, JOB_AD

RELATED = ["年度工作总结范文", "个人述职报告模板", "党建工作计划", "学习心得体会", "安全生产工作总结"]


def _paras(paragraphs: list[str], indent: str = "") -> str:
    return "".join(f"<p>{indent}{html.escape(p)}</p>" for p in paragraphs)


def _related_list(heading: str) -> str:
    items = "".join(f'<li><a href="/doc/9{i}.html">{t}.docx</a></li>' for i, t in enumerate(RELATED))
    return f"<div class='rel'><h3>{heading}</h3><ul>{items}</ul></div>"


def wenku_page(doc: dict) -> str:
    """A 文库-style page: the text under 「资源描述」, wrapped in download chrome."""
    t = html.escape(doc["title"])
    pages = 4
    thumbs = "".join(f"<li><img alt='{t}.docx_第{i}页'><span>第{i}页 / 共{pages}页</span></li>"
                     for i in range(1, pages + 1))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{t}.docx-示例文库</title></head><body>
<div class="top"><a href="/">示例文库</a> <a href="/user/login">登录</a> <a href="/user/reg">注册</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/list/">总结汇报</a></div>
<h1>{t}.docx</h1>
<div class="info">上传人：w****{doc['id'] % 10} 文档编号：{doc['id'] * 7919} 上传时间：2024-07-0{doc['id'] % 9 + 1} 格式：DOCX 页数：{pages} 大小：21.4KB</div>
<div class="btns"><a href="/down/{doc['id']}.html">下载</a> <a href="#rel">相关</a> <a href="/user/report">举报</a></div>
<ul class="thumbs">{thumbs}</ul><a class="more">点击查看更多&gt;&gt;</a>
<h3>资源描述</h3><div id="contents"><p>{t}.docx</p>
<p>《{t}.docx》由会员分享，可在线阅读，更多相关《{t}.docx({pages}页珍藏版)》请在示例文库上搜索。</p>
{_paras(doc['paragraphs'])}</div><div class="expand">展开阅读全文</div>
{_related_list('相关资源')}
<div class="foot">copyright@ 2020-2024 示例文库网站版权所有<br>经营许可证编号：京ICP备00000000号-1</div>
</body></html>"""


def fanwen_page(doc: dict, intro: bool = True) -> str:
    """A 范文-site article (served as GBK): breadcrumb, byline, editor intro and outro."""
    t = html.escape(doc["title"])
    body = _paras(doc["paragraphs"], "\u3000\u3000")
    if intro:
        body = (f"<p>\u3000\u3000下面是小编为大家整理的{t}，供大家参考。</p>{body}"
                f"<p>\u3000\u3000以上就是示例范文网小编为您整理的{t}，希望对您有所帮助。</p>")
    return f"""<!DOCTYPE html><html><head><meta charset="gbk"><title>{t}_工作总结_示例范文网</title></head><body>
<div class="nav"><a href="/">首页</a>|<a href="/list/">工作总结</a>|<a href="/list/">工作计划</a></div>
<div class="pos">您现在的位置：<a href="/">示例范文网</a> &gt; <a href="/list/">工作总结</a> &gt; 正文</div>
<div class="art"><h1>{t}</h1><div class="time">时间：2024-06-18 来源：示例范文网 作者：佚名 点击：{doc['id'] * 37}次</div>
<div class="content">{body}</div>
<div class="pn">上一篇：<a href="/doc/90.html">年度工作总结</a> 下一篇：<a href="/doc/91.html">个人述职报告</a></div></div>
{_related_list('相关文章')}
<div class="foot">本站部分文章来自网络，如有侵权请联系删除 Copyright © 示例范文网 All Rights Reserved</div>
</body></html>"""


def mirror_page(doc: dict) -> str:
    """A Traditional-script mirror: the text machine-converted with Taiwan phrasing."""
    import opencc

    conv = opencc.OpenCC("s2twp")
    t = html.escape(conv.convert(doc["title"]))
    paras = [conv.convert(p) for p in doc["paragraphs"]]
    tags = "".join(f"<a href='/tag/{i}'>{conv.convert(x)}</a>" for i, x in enumerate(RELATED))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{t} - 示例才華庫</title></head><body>
<div class="hd"><a href="/">示例才華庫</a> <a href="/list/">工作總結</a></div>
<article><h1>{t}</h1><div class="src">來源:示例才華庫 2.36W</div>
<div class="article-body"><p>{t}</p>{_paras(paras)}</div></article>
<div class="tags"><h3>熱門標籤</h3>{tags}</div><div class="ft">示例才華庫 © 2024</div></body></html>"""


def republished(doc: dict) -> dict:
    """A near-duplicate as reposting sites make them: figures edited, one sentence dropped."""
    paras = [p.replace("1360", "1365").replace("186", "168").replace("26次", "27次") for p in doc["paragraphs"]]
    paras[-1] = paras[-1].split("下半年")[0]  # the closing plan is cut
    return {**doc, "id": 107, "paragraphs": paras}


def listing_page(title: str, links: list[tuple[str, str]], next_href: str | None) -> str:
    items = "".join(f'<li><a href="{href}">{html.escape(text)}</a></li>' for href, text in links)
    nxt = f'<a class="next" href="{next_href}">下一页</a>' if next_href else '<a href="/list/">首页</a>'
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>
<h1>{title}</h1><ul class="list">{items}</ul><div class="pager">{nxt}</div>
<div class="side"><a href="/user/login">登录</a> <a href="/down/101.html">下载中心</a></div></body></html>"""


def render_site() -> dict[str, tuple[bytes, str]]:
    """path → (body, content type) for every page of the demo site."""
    pages: dict[str, tuple[bytes, str]] = {}
    by_id = {d["id"]: d for d in DOCUMENTS}
    for doc in DOCUMENTS:
        if doc["site"] == "bdocx":
            pages[f"/doc/{doc['id']}.html"] = (wenku_page(doc).encode("utf-8"), "text/html; charset=utf-8")
        elif doc["site"] == "fanwen":
            pages[f"/doc/{doc['id']}.html"] = (fanwen_page(doc).encode("gb18030"), "text/html; charset=gbk")
        else:
            pages[f"/tw/{doc['id']}.html"] = (mirror_page(doc).encode("utf-8"), "text/html; charset=utf-8")
    dup = republished(by_id[101])
    pages["/doc/107.html"] = (fanwen_page(dup).encode("gb18030"), "text/html; charset=gbk")
    pages["/doc/201.html"] = (fanwen_page(JOB_AD, intro=False).encode("gb18030"), "text/html; charset=gbk")
    docs = sorted(p for p in pages if p.startswith(("/doc/", "/tw/")))
    titles = {f"/doc/{d['id']}.html": d["title"] for d in DOCUMENTS} | {f"/tw/{d['id']}.html": d["title"]
                                                                         for d in DOCUMENTS}
    titles |= {"/doc/107.html": dup["title"], "/doc/201.html": JOB_AD["title"]}
    half = len(docs) // 2
    pages["/list/"] = (listing_page("总结汇报 第1页", [(p, titles[p]) for p in docs[:half]],
                                    "/list/page-2.html").encode("utf-8"), "text/html; charset=utf-8")
    pages["/list/page-2.html"] = (listing_page("总结汇报 第2页", [(p, titles[p]) for p in docs[half:]], None)
                                  .encode("utf-8"), "text/html; charset=utf-8")
    pages["/robots.txt"] = (b"User-agent: *\nDisallow: /user/\nDisallow: /down/\n", "text/plain")
    return pages


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A crawler that gives up on a slow page, or is killed, hangs up mid-answer: not an error here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class DemoServer:
    """Serve the demo site on 127.0.0.1 (a free port) in a background thread; log every request.

    Pages carry an ETag and Last-Modified, and conditional requests get a 304 when the
    page is unchanged. `faults` maps a path to a function(handler) that answers it some
    other way (slow, 5xx, 429, truncated …), for tests of a crawler in the real world.
    """

    def __init__(self, pages: dict[str, tuple[bytes, str]] | None = None, delay: float = 0.0,
                 faults: dict | None = None):
        self.pages = pages if pages is not None else render_site()
        self.delay = delay
        self.faults = faults or {}
        self.requests: list[str] = []
        self.statuses: list[tuple[str, int]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def send_response(self, code, message=None):
                with server._lock:
                    server.statuses.append((self.path, code))
                super().send_response(code, message)

            def do_GET(self):
                with server._lock:
                    server.requests.append(self.path)
                if server.delay:
                    time.sleep(server.delay)
                if self.path in server.faults:
                    server.faults[self.path](self)
                    return
                found = server.pages.get(self.path)
                if found is None:
                    self.send_error(404)
                    return
                body, ctype = found
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", "Mon, 01 Jul 2024 00:00:00 GMT")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> "DemoServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
