"""The pre-filter skips, from a page's first bytes, what cannot be a Chinese work document, and nothing that can."""
from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from tests.conftest import DEVSET, needs_devset
from tests.corpus.warcs import page_html, work_text, write_warc
from worksum.cleaning.prefilter import skip_reason
from worksum.cleaning.record import Page
from worksum.corpus.build import BuildConfig, build


def page(url: str, body: bytes, content_type: str = "text/html; charset=utf-8") -> Page:
    return Page(url=url, status=200, content_type=content_type, body=body)


ENGLISH = b"<html><head><title>Quarterly report of the rowing club</title></head><body>" + \
    b"<p>The club met twice this spring and rowed forty kilometres.</p>" * 40 + b"</body></html>"
NEWS = page_html("本市新建三座公园 市民周末踏青", "今天上午，新建的滨江公园正式开放，市民纷纷前来散步赏花，园内花木品种丰富" * 5)
SHOP = page_html("春季新款运动鞋 限时八折", "本店商品均为正品，支持七天无理由退换，欢迎选购，下单即送精美礼品一份" * 5)
WORK = page_html("2023年社区服务中心工作总结", work_text(1))


@pytest.mark.parametrize("body, url, reason", [
    (ENGLISH, "https://club.example/news/1.html", "no_cjk"),
    (NEWS, "https://city.example/a/20230401.html", "no_genre_sign"),
    (SHOP, "https://shop.example/item/88.html", "no_genre_sign"),
    (WORK, "https://doc.example/d/1.html", ""),
    # no genre word in the title, but the URL carries one: the full read decides
    (page_html("社区服务中心材料", work_text(2)), "https://doc.example/zongjie/2.html", ""),
    (page_html("社区服务中心材料", work_text(2)), "https://doc.example/范文/2.html", ""),
])
def test_reasons(body, url, reason):
    assert skip_reason(page(url, body)) == reason


def test_traditional_and_gbk_titles_pass():
    for title in ("年度工作總結與明年計劃", "第三季度業務匯報", "明年工作計畫"):
        trad = page_html(title, work_text(3))
        assert skip_reason(page("https://tw.example/d/3.html", trad)) == "", title
    gbk = page_html("上半年工作汇报", work_text(4)).decode("utf-8").encode("gbk")
    assert skip_reason(page("https://gb.example/d/4.html", gbk, "text/html; charset=gbk")) == ""
    # GBK without a declared charset: still read as Chinese
    assert skip_reason(page("https://gb.example/d/5.html", gbk, "text/html")) == ""


def test_documents_and_pages_without_title_are_left_to_the_full_read():
    assert skip_reason(page("https://doc.example/f/1.pdf", b"%PDF-1.7 binary", "application/pdf")) == ""
    untitled = ("<html><body>" + "<p>今年以来，我们围绕中心任务开展了大量工作。</p>" * 5 + "</body></html>").encode()
    assert skip_reason(page("https://doc.example/x/1.html", untitled)) == ""


def test_build_counts_skipped_pages_by_reason_and_keeps_the_same_documents(tmp_path):
    responses = [
        {"url": "https://club.example/1.html", "body": ENGLISH},
        {"url": "https://city.example/2.html", "body": NEWS},
        {"url": "https://shop.example/3.html", "body": SHOP},
        *({"url": f"https://doc.example/d/{i}.html", "body": page_html(f"第{i}季度工作总结", work_text(10 + i))}
          for i in range(4)),
    ]
    warc = write_warc(tmp_path / "in" / "mixed.warc.gz", responses)
    plain = build([str(warc)], tmp_path / "plain", BuildConfig(workers=1, progress=False))
    report = build([str(warc)], tmp_path / "pre", BuildConfig(workers=1, progress=False, prefilter=True))
    assert report.steps["prefilter"] == {"no_cjk": 1, "no_genre_sign": 2}
    assert report.reasons["prefilter_no_cjk"] == 1 and report.reasons["prefilter_no_genre_sign"] == 2
    assert report.pages == plain.pages == 7  # every page is still accounted for: kept or rejected with its reason
    kept = pq.read_table(tmp_path / "pre" / "data").column("id").to_pylist()
    assert sorted(kept) == sorted(pq.read_table(tmp_path / "plain" / "data").column("id").to_pylist())
    assert len(kept) == 4
    rejected = pq.read_table(tmp_path / "pre" / "rejected").to_pydict()
    assert sorted(r for r in rejected["reason"] if r.startswith("prefilter_")) == [
        "prefilter_no_cjk", "prefilter_no_genre_sign", "prefilter_no_genre_sign"]


@needs_devset()
def test_devset_documents_all_pass_the_prefilter(tmp_path):
    plain = build([str(DEVSET / "pages.warc.gz")], tmp_path / "plain", BuildConfig(workers=2, progress=False))
    pre = build([str(DEVSET / "pages.warc.gz")], tmp_path / "pre", BuildConfig(workers=2, progress=False,
                                                                               prefilter=True))
    assert plain.kept > 0
    assert pq.read_table(tmp_path / "pre" / "data").equals(pq.read_table(tmp_path / "plain" / "data"))
    assert pre.kept == plain.kept and pre.duplicates == plain.duplicates
