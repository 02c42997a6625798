"""Site templates are learned across a site's pages, kept with the corpus and reused by incremental builds."""
import json

import pyarrow.dataset as ds

from worksum.corpus.build import TEMPLATES, BuildConfig, build
from worksum.corpus.warc import RotatingWarcWriter

NOTICE = "青禾文库精选频道，每日更新"  # a line the site prints inside its content box on every page
UNITS = ["街道办", "卫生院", "中心小学", "税务所", "供电所", "图书馆", "水务站", "农机站"]


def _page(i: int) -> bytes:
    unit = UNITS[i]
    body = "".join(
        f"<p>{n}、{unit}第{k}项工作：全年共组织专项活动{i * 7 + k * 3}次，服务群众{i * 101 + k * 37}人次，"
        f"群众满意度达到{80 + (i + k) % 19}%，各项指标均按计划完成。</p>" for k, n in enumerate("一二三四五六", 1))
    return (f"<html><head><title>{unit}2024年工作总结</title></head><body><div class='top'><a href='/'>青禾文库</a></div>"
            f"<div class='wrap'><h1>{unit}2024年工作总结</h1><div class='box'><p>{NOTICE}</p>"
            f"<p>2024年，{unit}在上级部门的领导下，认真履行职责，扎实推进各项工作，现将全年工作总结如下。</p>{body}"
            "</div></div></body></html>").encode()


def _warc(directory, pages, page=_page, url="http://www.qinghe.example/doc/{}.html"):
    """A WARC of `page(i)` for each i in `pages`; returns its paths."""
    w = RotatingWarcWriter(directory, max_bytes=50_000_000)
    for i in pages:
        w.write_exchange(url.format(i), [], "GET", 200, "OK", [("Content-Type", "text/html; charset=utf-8")],
                         page(i), {"page-kind": "document"})
    w.close()
    return [str(p) for p in w.finished]


def _texts(out):
    rows = ds.dataset(out / "data", format="parquet").to_table(columns=["url", "text"]).to_pylist()
    return {r["url"]: r["text"] for r in rows}


def _cfg(**kw):
    return BuildConfig(workers=1, progress=False, keep_duplicates=True, **kw)


def test_template_text_is_learned_across_pages_and_not_from_one(tmp_path):
    few = _warc(tmp_path / "few", range(2))
    build(few, tmp_path / "one", _cfg())
    assert all(NOTICE in t for t in _texts(tmp_path / "one").values())  # two pages say nothing about the site
    build(_warc(tmp_path / "all", range(8)), tmp_path / "full", _cfg())
    texts = _texts(tmp_path / "full")
    assert len(texts) == 8 and not any(NOTICE in t for t in texts.values())
    assert all("满意度" in t for t in texts.values())


def test_incremental_build_cleans_exactly_as_a_full_build(tmp_path):
    first, second = _warc(tmp_path / "a", range(0, 8, 2)), _warc(tmp_path / "b", range(1, 8, 2))
    build(first + second, tmp_path / "full", _cfg())
    build(first, tmp_path / "inc", _cfg())
    build(second, tmp_path / "inc", _cfg(incremental=True))
    assert _texts(tmp_path / "inc") == _texts(tmp_path / "full")
    kept = json.loads((tmp_path / "inc" / TEMPLATES).read_text(encoding="utf-8"))
    assert kept["sites"]["qinghe.example"]["pages"] == 8
    manifest = json.loads((tmp_path / "inc" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["builds"][-1]["steps"]["content"]["template_text_chars"] > 0


def _copy_page(junk: str) -> bytes:
    body = "".join(f"<p>第{k}项：今年以来，我们组织专项检查{k * 7}次，整改问题{k * 13}个，{junk}群众满意度持续提升，工作成效明显。</p>"
                   for k in range(1, 9))
    return f"<html><body><h1>某局2024年工作总结</h1><div class='c'>{body}</div></body></html>".encode()


def test_dedup_keeps_the_cleanest_copy_not_the_longest(tmp_path):
    # The junky copy carries pinyin that mirrors insert (績(jì)效) and placeholders that make it longer.
    copies = {"a": _copy_page("XXXX单位績(jì)效考核(hé)持續推進，"), "b": _copy_page("本单位绩效考核持续推进，")}
    build(_warc(tmp_path / "w", "ab", copies.get, "http://{}.example/1.html"), tmp_path / "out", _cfg())
    rows = ds.dataset(tmp_path / "out" / "data", format="parquet").to_table(
        columns=["url", "duplicate_of", "noise_chars"]).to_pylist()
    kept = [r for r in rows if r["duplicate_of"] is None]
    assert len(rows) == 2 and [r["url"] for r in kept] == ["http://b.example/1.html"]
    assert {r["url"]: r["noise_chars"] for r in rows}["http://a.example/1.html"] > 0


def test_a_related_list_on_the_text_path_does_not_make_the_text_chrome(tmp_path):
    # Every page prints a list of other documents' titles as paragraphs below its text, on the
    # same style path as the text: the list is chrome on each page, the path is not.
    def page(i):
        related = "".join(f"<p>第{k}车间年度工作总结 2023-0{k}-1{i}</p>" for k in range(1, 6))
        return _page(i).replace(b"</div></div></body>", related.encode("utf-8") + b"</div></div></body>")

    build(_warc(tmp_path / "w", range(6), page), tmp_path / "out", _cfg())
    texts = _texts(tmp_path / "out")
    assert len(texts) == 6 and all("满意度" in t and "车间年度工作总结" not in t for t in texts.values())


def test_a_salutation_many_documents_share_is_not_template_text(tmp_path):
    # Most (not all) pages of the site are letters to the party branch opening with the same salutation.
    def page(i):
        salutation = "<p>敬爱的党组织：</p>" if i % 4 else ""
        return _page(i).replace(f"<p>{NOTICE}</p>".encode(), salutation.encode("utf-8"))

    build(_warc(tmp_path / "w", range(8), page), tmp_path / "out", _cfg())
    texts = _texts(tmp_path / "out")
    assert sum(t.startswith("敬爱的党组织：") for t in texts.values()) == 6


def _slot_site(tmp_path, pages: int):
    # Each page prints a line in a named element after the text, in words no rule knows, varying per page.
    def page(i):
        slot = f"<div class='art-sig'>录入 晓{i} 第{i + 3}期 热度{i * 91}</div></div></div></body>"
        return _page(i).replace(b"</div></div></body>", slot.encode("utf-8"))

    build(_warc(tmp_path / f"w{pages}", range(pages), page), tmp_path / f"out{pages}", _cfg())
    return _texts(tmp_path / f"out{pages}")


def test_a_slot_every_page_fills_beside_the_text_is_template_furniture(tmp_path):
    assert all("录入" in t for t in _slot_site(tmp_path, 2).values())  # two pages say nothing about the site
    texts = _slot_site(tmp_path, 6)
    assert len(texts) == 6 and not any("录入" in t for t in texts.values())
    assert all("满意度" in t for t in texts.values())


def _mixed_markup_page(i: int) -> bytes:
    """Most pages print the whole text in one <p> with <br>s; every fourth page prints it straight into the box."""
    unit = UNITS[i]
    text = "<br>".join(f"{n}、{unit}第{k}项工作：全年共组织专项活动{i * 7 + k * 3}次，服务群众{i * 101 + k * 37}人次，"
                       f"各项指标均按计划完成。" for k, n in enumerate("一二三四五六", 1))
    body = f"<p>（全文{300 + i}字）</p>{text}" if i % 4 == 3 else f"<p>{text}</p>"
    return (f"<html><head><title>{unit}2024年工作总结</title></head><body><div class='top'><a href='/'>青禾文库</a></div>"
            f"<div class='wrap'><h1>{unit}2024年工作总结</h1><div class='box'>{body}</div></div></body></html>").encode()


def test_a_page_whose_text_is_not_in_the_usual_container_keeps_its_text(tmp_path):
    build(_warc(tmp_path / "w", range(8), page=_mixed_markup_page), tmp_path / "out", _cfg())
    texts = _texts(tmp_path / "out")
    assert len(texts) == 8 and all(t.count("各项指标均按计划完成") == 6 for t in texts.values())


def _editor_page(i: int) -> bytes:
    """Each page opens its text with the site's own sentence about that page's title, and a reading counter."""
    unit = UNITS[i]
    body = "".join(f"<p>{n}、{unit}第{k}项工作：全年共组织专项活动{i * 7 + k * 3}次，服务群众{i * 101 + k * 37}人次，"
                   f"群众满意度达到{80 + (i + k) % 19}%，各项指标均按计划完成。</p>" for k, n in enumerate("一二三四五六", 1))
    title = f"{unit}2024年工作总结"
    return (f"<html><head><title>{title}</title></head><body><div class='wrap'><h1>{title}</h1><div class='box'>"
            f"<p>青禾书房为您收录了{title}这篇文章，愿对您有所启发。</p><p>已有{300 + 17 * i}位读者看过</p>{body}"
            f"<p>2024年12月{20 + i % 8}日</p></div></div></body></html>").encode()


def test_a_template_sentence_around_each_page_title_is_furniture_in_any_wording(tmp_path):
    build(_warc(tmp_path / "w", range(8), page=_editor_page), tmp_path / "out", _cfg())
    texts = _texts(tmp_path / "out")
    assert len(texts) == 8
    assert not any("青禾书房" in t or "位读者" in t for t in texts.values())
    assert all(t.count("服务群众") == 6 and "2024年12月" in t for t in texts.values())  # the document's own date stays
