"""Chrome found from the page's structure: link density, title-like sibling lists, the content container."""
from worksum.cleaning.extract import parse
from worksum.cleaning.pipeline import Cleaner, extract_page
from worksum.cleaning.record import Page
from worksum.cleaning.stats import Stats
from worksum.cleaning.structure import analyse, page_blocks

BODY = ("<p>今年以来，我们围绕年初确定的目标任务，扎实推进各项重点工作，全年完成营业收入3.2亿元，同比增长8%。</p>"
        "<p>一、主要工作</p><p>一是加强队伍建设，组织业务培训12期，参训人员达到460人次，队伍素质明显提升。</p>"
        "<p>二是完善制度流程，修订内部管理制度9项，梳理岗位职责清单，工作效率进一步提高。</p>"
        "<p>二、存在的问题</p><p>部分同志学习主动性不强，基层服务能力与群众期待还有差距，需要在明年加以改进。</p>")


def _layout(html: str):
    layout = analyse(page_blocks(parse(html)))
    return {b.text: why for b, why in zip(layout.blocks, layout.chrome)}, layout.container


def test_menus_and_link_lists_are_chrome_wherever_they_sit():
    menu = "".join(f"<li><a href='/c{i}'>栏目{i}</a></li>" for i in range(30))
    related = "".join(f"<li><a href='/d{i}'>某单位第{i}季度工作总结</a></li>" for i in range(8))
    html = (f"<html><body><ul class='nav'>{menu}</ul><div class='main'><div class='text'>{BODY}"
            f"<h3>大家还在读</h3><ul>{related}</ul></div></div></body></html>")
    judged, container = _layout(html)
    assert judged["栏目3"] == "link_dense" and judged["某单位第2季度工作总结"] == "link_dense"
    assert all(why == "" for text, why in judged.items() if "。" in text)
    assert container == "body/div.main/div.text"


def test_a_list_of_titles_without_links_is_chrome():
    titles = "".join(f"<li>第{i}车间安全生产工作总结 {i + 2}页</li>" for i in range(6))
    html = f"<html><body><div id='doc'>{BODY}</div><div class='x'><ul>{titles}</ul></div></body></html>"
    judged, _ = _layout(html)
    assert judged["第1车间安全生产工作总结 3页"] == "title_list"


def test_a_short_list_inside_the_document_is_kept():
    items = "".join(f"<li>{t}</li>" for t in ("加强组织领导", "压实工作责任", "强化督促检查", "注重宣传引导"))
    html = f"<html><body><div id='doc'>{BODY}<ul>{items}</ul></div></body></html>"
    judged, _ = _layout(html)
    assert judged["压实工作责任"] == ""


def test_text_outside_the_content_container_is_chrome():
    html = (f"<html><body><div class='info'>发布者：某某 2023-05-01 阅读 1203</div><div class='doc'>{BODY}</div>"
            "<div class='cmt'>网友评论：写得不错，受益匪浅，感谢分享！</div></body></html>")
    judged, container = _layout(html)
    assert container == "body/div.doc"
    assert judged["发布者：某某 2023-05-01 阅读 1203"] == "outside_content"
    assert judged["网友评论：写得不错，受益匪浅，感谢分享！"] == "outside_content"


def test_br_separated_lines_are_blocks_and_headings_are_marked():
    html = "<html><body><div class='c'><h2>第一篇</h2>今年以来，我们认真工作，成效明显。<br>明年，我们将继续努力，再创佳绩。</div></body></html>"
    blocks = page_blocks(parse(html))
    assert [b.text for b in blocks] == ["第一篇", "今年以来，我们认真工作，成效明显。", "明年，我们将继续努力，再创佳绩。"]
    assert [b.heading for b in blocks] == [True, False, False]


def test_profile_hints_reach_the_extraction():
    from worksum.cleaning.record import SiteHints

    html = (f"<html><body><div class='box'>{BODY}</div><div class='box'><p>本频道精选文档，每日更新，欢迎常来看看。</p></div>"
            "</body></html>").encode()
    page = Page(url="http://www.hint.example/1.html", status=200, content_type="text/html; charset=utf-8", body=html)
    hints = {"hint.example": SiteHints(content_xpath="//div[@class='box'][1]")}
    stats = Stats()
    [doc] = Cleaner()(extract_page(page, hints, stats), stats)
    assert "本频道精选文档" not in doc.text and "全年完成营业收入" in doc.text


def test_a_related_list_printed_as_paragraphs_below_the_text_is_chrome():
    related = "".join(f"<p>第{i}车间年度工作总结 2023-0{i}-18</p>" for i in range(1, 6))
    html = f"<html><body><div id='doc'>{BODY}<p>推荐阅读</p>{related}</div></body></html>"
    judged, _ = _layout(html)
    assert judged["第3车间年度工作总结 2023-03-18"] == "title_list"
    assert judged["一、主要工作"] == ""


def test_a_short_inline_piece_ending_a_paragraph_is_a_line_of_its_own():
    # Counters and jammer text glued after a paragraph in a <span>/<font> are judged as lines of their own;
    # inline pieces inside the sentence, or a paragraph that is all one span, stay in the text.
    from lxml import html as lh

    from worksum.cleaning.structure import page_blocks

    page = ("<html><body><div class='t'><p>全年完成各项任务，群众满意度明显提高。<span class='pg'>页次：1/3</span></p>"
            "<p>我们<em>坚持</em>问题导向，推进重点工作落实。</p><p><span>全年组织活动十二次，服务群众八百人次。</span></p>"
            "</div></body></html>")
    blocks = page_blocks(lh.document_fromstring(page))
    assert [(b.path.rsplit("/", 2)[-2:], b.text) for b in blocks] == [
        (["div.t", "p"], "全年完成各项任务，群众满意度明显提高。"), (["p", "span.pg"], "页次：1/3"),
        (["div.t", "p"], "我们坚持问题导向，推进重点工作落实。"), (["div.t", "p"], "全年组织活动十二次，服务群众八百人次。")]


def test_a_text_printed_in_page_chunks_of_one_path_is_all_content():
    from lxml import html as lh

    from worksum.cleaning.structure import analyse, page_blocks

    chunk = "全年完成各项任务，群众满意度明显提高，各项指标均按计划完成。" * 12
    page = (f"<html><body><div class='nav'><a href='/'>首页</a></div><div class='art'><div class='pg'>{chunk}</div>"
            "<div class='pg'>（四）进一步加强内部控制，完善制度。</div></div>"
            "<ul><li>社区工作总结（精选）<span>2021-02-10</span></li><li>年终总结范文<span>13页</span></li>"
            "<li>述职报告范文<span>2020-01-23</span></li><li>工作计划范文<span>8页</span></li></ul></body></html>")
    layout = analyse(page_blocks(lh.document_fromstring(page)))
    kept = [b.text for b, why in zip(layout.blocks, layout.chrome) if not why]
    assert kept == [chunk, "（四）进一步加强内部控制，完善制度。"]
    # A list item's date stays with its title: the list is still a list of titles.
    assert "社区工作总结（精选）2021-02-10" in [b.text for b in layout.blocks]


def test_piece_headings_with_their_paragraphs_between_them_are_not_a_title_list():
    # A compilation's headings share one path and read like titles, but each has its text below it.
    pieces = "".join(f"<h3>第{i}篇：第{i}期青年干部培训学习心得体会</h3>{BODY}" for i in range(1, 5))
    related = "".join(f"<h3>第{i}期青年干部培训学习心得体会</h3>" for i in range(5, 10))
    html = f"<html><body><div class='detail'>{pieces}</div><div class='side'>{related}</div></body></html>"
    judged, _ = _layout(html)
    assert judged["第2篇：第2期青年干部培训学习心得体会"] == ""
    assert judged["第6期青年干部培训学习心得体会"] != ""


def test_text_after_a_comment_inside_a_paragraph_is_kept():
    html = "<html><body><p>今年我们完成了各项任务<!-- 编辑注 -->，全年收入增长8%。<?php x ?>其余指标均已达到。</p></body></html>"
    assert [b.text for b in page_blocks(parse(html))] == ["今年我们完成了各项任务，全年收入增长8%。其余指标均已达到。"]


def test_pruning_an_element_keeps_the_text_after_it():
    from worksum.cleaning.extract import drop_tree, parse_plain
    tree = parse_plain("<html><body><p>今年完成任务<span class='ad'>广告</span>，全年增长8%。</p></body></html>")
    for node in tree.xpath("//span[@class='ad']"):
        drop_tree(node)
    assert [b.text for b in page_blocks(tree)] == ["今年完成任务，全年增长8%。"]


def _cleaned_text(html: str) -> str:
    page = Page(url="http://www.hidden.example/1.html", status=200, content_type="text/html; charset=utf-8",
                body=html.encode("utf-8"))
    docs = Cleaner({})(extract_page(page), Stats())
    return "\n".join("\n".join(d.lines) for d in docs)


def test_short_hidden_jammer_text_goes_and_a_long_hidden_block_stays():
    jammed = BODY.replace("全年完成营业收入", "全年<span style='display: none'>k7 q^ m2</span>完成营业收入", 1)
    rest = "<div style='display:none'><p>三、明年打算</p><p>明年我们将继续压实责任，组织业务培训15期，推动各项工作再上新台阶。</p></div>"
    text = _cleaned_text(f"<html><body><div id='doc'>{jammed}{rest}</div></body></html>")
    assert "k7" not in text and "全年完成营业收入3.2亿元" in text
    assert "组织业务培训15期" in text


def test_a_file_names_extension_is_page_furniture_not_noise_in_the_text():
    # Dedup prefers the copy with the least noise: the sharing site's copy must not lose for its file name.
    page = Page(url="http://www.wenku.example/1.html", status=200, content_type="text/html; charset=utf-8",
                body=f"<html><body><div id='doc'><p>某街道2024年上半年工作总结.doc</p>{BODY}</div></body></html>".encode())
    [doc] = Cleaner({})(extract_page(page), Stats())
    assert ".doc" not in doc.text and doc.meta["noise_chars"] == 0
