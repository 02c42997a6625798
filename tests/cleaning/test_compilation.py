"""Compilation pages split into their pieces whatever the marker; single documents stay whole."""
import pytest

from worksum.cleaning.compilation import announced, heading_indices, parse_title, split_pieces

INTRO = "写好总结需要把一年的事情理清楚，以下是小编整理的社区工作总结，供大家参考。"
PARAGRAPHS = [
    ["今年以来，社区党委坚持党建引领，全年开展主题党日活动12次。", "一、主要工作", "新建便民服务点3个，办理群众事项2100余件。"],
    ["本年度社区聚焦居民需求，组织志愿服务活动46场次。", "一、主要工作", "完成老旧小区改造2个，惠及居民860户。"],
    ["过去一年，社区以创建文明城市为抓手，整治环境卫生死角58处。", "一、主要工作", "开展垃圾分类宣传入户1500户次。"],
]
TITLE = "社区工作总结(精选3篇)"


def page(markers: list[str], heading: str = "社区工作总结3篇") -> list[str]:
    lines = [INTRO, heading]
    for marker, paragraphs in zip(markers, PARAGRAPHS):
        lines += [marker, *paragraphs]
    return lines


@pytest.mark.parametrize("markers", [
    ["社区工作总结篇1", "社区工作总结篇2", "社区工作总结篇3"],
    ["社区工作总结【篇1】", "社区工作总结【篇2】", "社区工作总结【篇3】"],
    ["社区工作总结 (篇1)", "社区工作总结 (篇2)", "社区工作总结 (篇3)"],
    ["社区工作总结篇一", "社区工作总结篇二", "社区工作总结篇三"],
    ["社区工作总结范文第1篇", "社区工作总结范文第2篇", "社区工作总结范文第3篇"],
    ["【一】", "【二】", "【三】"],
    ["社区工作总结1", "社区工作总结2", "社区工作总结3"],
    ["社区工作总结【1】", "社区工作总结【2】", "社区工作总结【3】"],
    ["第1篇：社区工作总结", "第2篇：社区工作总结", "第3篇：社区工作总结"],
    ["篇一：社区工作总结", "篇二：社区工作总结", "篇三：社区工作总结"],
    ["【篇1】社区工作总结", "【篇2】社区工作总结", "【篇3】社区工作总结"],
])
def test_every_marker_style_splits_into_the_announced_pieces(markers):
    pieces = split_pieces(TITLE, page(markers))
    assert [body for _, body in pieces] == PARAGRAPHS
    assert all("社区工作总结" in title for title, _ in pieces)


def test_intro_and_repeated_compilation_heading_belong_to_no_piece():
    lines = page(["社区工作总结篇1", "社区工作总结篇2", "社区工作总结篇3"])
    lines.insert(6, "社区工作总结3篇")  # the heading repeated between pieces
    pieces = split_pieces(TITLE, lines)
    assert [body for _, body in pieces] == PARAGRAPHS
    assert all(INTRO not in body for _, body in pieces)


def test_count_in_an_early_heading_when_the_title_has_none():
    lines = ["首页 > 总结", *page(["社区工作总结1", "社区工作总结2", "社区工作总结3"])]
    assert announced("社区工作总结", lines) == "社区工作总结3篇"
    assert len(split_pieces("社区工作总结", lines)) == 3


def test_one_visible_piece_of_an_announced_compilation():
    lines = [INTRO, "社区工作总结篇1", *PARAGRAPHS[0]]
    assert split_pieces("社区工作总结(通用10篇)", lines) == [("社区工作总结", PARAGRAPHS[0])]


def test_dom_headings_without_numbers():
    lines = [INTRO, "幸福社区工作总结", *PARAGRAPHS[0], "和谐社区工作总结", *PARAGRAPHS[1], "文明社区工作总结", *PARAGRAPHS[2]]
    headings = heading_indices(lines, {"幸福社区工作总结", "和谐社区工作总结", "文明社区工作总结", "一、主要工作"})
    pieces = split_pieces(TITLE, lines, headings)
    assert [(t, b) for t, b in pieces] == [("幸福社区工作总结", PARAGRAPHS[0]), ("和谐社区工作总结", PARAGRAPHS[1]),
                                          ("文明社区工作总结", PARAGRAPHS[2])]


def test_piece_headings_glued_into_the_text_are_unglued():
    lines = [INTRO, "社区工作总结篇1" + PARAGRAPHS[0][0] + "社区工作总结篇2" + PARAGRAPHS[1][0]]
    pieces = split_pieces("社区工作总结2篇", lines)
    assert [body for _, body in pieces] == [[PARAGRAPHS[0][0]], [PARAGRAPHS[1][0]]]


def test_without_a_count_explicit_piece_markers_still_split():
    lines = ["第一篇：社区工作总结", *PARAGRAPHS[0], "第二篇：社区工作计划", *PARAGRAPHS[1]]
    assert [t for t, _ in split_pieces("社区工作材料", lines)] == ["社区工作总结", "社区工作计划"]


def test_without_a_count_weak_shapes_need_more_evidence():
    # A numbered heading that only contains the title needs the DOM's word (or a third piece).
    two = ["社区工作总结材料1", *PARAGRAPHS[0], "社区工作总结材料2", *PARAGRAPHS[1]]
    assert split_pieces("社区工作总结", ["今年社区换届。"] * 8 + two) == []
    assert len(split_pieces("社区工作总结", two, frozenset({0, 4}))) == 2
    # The page's own title numbered from 1 at the top is a marker.
    exact = ["社区工作总结1", *PARAGRAPHS[0], "社区工作总结2", *PARAGRAPHS[1]]
    assert len(split_pieces("社区工作总结", exact)) == 2


@pytest.mark.parametrize("lines", [
    ["一、主要工作", "全年完成各项任务。", "二、存在问题", "基础设施仍有短板。", "三、下步打算", "继续推进改造。"],
    ["1. 加强组织领导", "2. 完善工作机制", "3. 强化督促检查"],
    ["【一】加强组织领导", "全年召开专题会议6次。", "【二】完善工作机制"],
    ["全年发表论文3篇", "今年以来，我认真履行岗位职责。"],
])
def test_single_documents_stay_whole(lines):
    assert split_pieces("某县2023年工作总结", lines) == []


@pytest.mark.parametrize("title,stem,count,many", [
    ("机关党建工作总结6篇(全文完整)", "机关党建工作总结", 6, True),
    ("团委书记工作总结精选(八篇)", "团委书记工作总结", 8, True),
    ("防汛工作总结(分享十二篇)", "防汛工作总结", 12, True),
    ("防汛工作总结12篇【荐】", "防汛工作总结", 12, True),
    ("有关酒店的实习报告(精)", "有关酒店的实习报告", None, False),
    ("仓库管理制度(汇编11篇)", "仓库管理制度", 11, True),
    ("植树节活动总结报告多篇", "植树节活动总结报告", None, True),
    ("某县2023年工作总结", "某县2023年工作总结", None, False),
])
def test_title_count(title, stem, count, many):
    assert parse_title(title) == (stem, count, many)


@pytest.mark.parametrize("second", ["社区工作总结范文第2篇", "社区工作总结篇2", "第2篇：社区工作总结"])
def test_a_first_piece_printed_without_its_marker_is_a_piece(second):
    # Only the later pieces carry a marker: the text before "…第2篇" is piece one, not an intro.
    lines = ["社区工作总结2篇", *PARAGRAPHS[0], second, *PARAGRAPHS[1]]
    pieces = split_pieces("社区工作总结范文2篇", lines)
    assert [body for _, body in pieces] == PARAGRAPHS[:2]


def test_pieces_without_any_marker_split_where_the_outline_starts_again():
    # No piece headings at all: each piece opens with a paragraph and its own "一、" outline.
    lines = ["社区工作总结3篇"]
    for paragraphs in PARAGRAPHS:
        lines += [paragraphs[0], "一、主要工作", paragraphs[2], "二、下步打算", "继续做好服务，提升群众满意度。"]
    pieces = split_pieces(TITLE, lines)
    assert [body[0] for _, body in pieces] == [p[0] for p in PARAGRAPHS]
    assert all(len(body) == 5 for _, body in pieces)
    # A single document's outline does not restart: it stays whole.
    assert split_pieces("社区工作总结", lines[1:6]) == []


def test_pieces_with_their_own_titles_and_a_bracketed_number_at_the_end():
    markers = ["社区党委书记述职心得【1】", "参加环境监测培训的几点体会【2】", "网格员工作感悟【3】"]
    pieces = split_pieces(TITLE, page(markers))
    assert [body for _, body in pieces] == PARAGRAPHS


@pytest.mark.parametrize("first,title", [
    ("某县2023年工作总结1", "某县2023年工作总结"),  # the page's title numbered 1
    ("篇一：《社区工作总结》", ""),  # a piece word numbered 1, whatever the page's title
    ("社区工作总结【篇1】", "某某范文网 > 工作总结 >"),
])
def test_the_first_piece_marker_alone_opens_the_text_and_the_intro_goes(first, title):
    # A page showing only its first piece: the marker and the site's intro above it belong to no piece.
    lines = ["总结是对一段时间工作的回顾，它能帮助我们找出差距，不如现在就动手写一份吧。", first, *PARAGRAPHS[0]]
    assert [body for _, body in split_pieces(title, lines)] == [PARAGRAPHS[0]]


def test_a_lone_first_marker_below_more_than_an_intro_splits_nothing():
    lines = [*PARAGRAPHS[1], "篇一：社区工作总结", *PARAGRAPHS[0]]
    assert split_pieces("", lines) == []


def test_a_numbered_line_that_only_resembles_the_title_is_no_marker():
    lines = ["今年以来，我县经济持续向好。", "某县2023年工作总结附件1", "全年完成地区生产总值186亿元。"]
    assert split_pieces("某县2023年工作总结", lines) == []


def test_a_piece_that_is_itself_a_compilation_showing_one_piece_loses_its_marker():
    lines = ["第一篇：社区工作总结", "社区工作总结(精选5篇)", "时间过得真快，转眼一年又过去了。", "社区工作总结1", *PARAGRAPHS[0],
             "第二篇：社区工作计划", *PARAGRAPHS[1]]
    pieces = split_pieces("社区工作总结(推荐2篇)", lines)
    assert [body for _, body in pieces] == [PARAGRAPHS[0], PARAGRAPHS[1]]


def test_a_piece_word_with_its_number_in_brackets_is_a_marker():
    lines = ["篇(1)", *PARAGRAPHS[0], "篇(2)", *PARAGRAPHS[1]]
    assert [body for _, body in split_pieces("教师培训总结", lines)] == PARAGRAPHS[:2]


def test_a_sample_number_at_a_headings_end_marks_a_piece():
    # "…范文1" says "sample 1" as "…篇1" does: at the top of the page it opens the first piece.
    pieces = split_pieces("某某期刊网为你精选的文章", ["镇卫生院年度工作总结范文1", *PARAGRAPHS[0]])
    assert [(t, body) for t, body in pieces] == [("镇卫生院年度工作总结范文", PARAGRAPHS[0])]


def test_a_lone_second_piece_marker_below_a_whole_text_splits_there():
    lines = [*PARAGRAPHS[0], "推荐第2篇：社区工作计划", *PARAGRAPHS[1]]
    pieces = split_pieces("社区工作总结", lines)
    assert [body for _, body in pieces] == [PARAGRAPHS[0], PARAGRAPHS[1]]
    assert [t for t, _ in pieces] == ["社区工作总结", "社区工作计划"]


def test_bracket_numbers_from_2_below_an_unmarked_first_piece_split_it_off():
    lines = [*PARAGRAPHS[0], "东城社区工作计划【2】", *PARAGRAPHS[1], "西城社区工作要点【3】", *PARAGRAPHS[2]]
    pieces = split_pieces("社区工作材料3篇", lines)
    assert [body for _, body in pieces] == PARAGRAPHS
