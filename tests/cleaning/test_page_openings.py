"""What stands above a document on a page, and how the build tells it from the document's own opening."""
import pytest

from worksum.cleaning import genre, rules
from worksum.cleaning.compilation import split_pieces

BODY = "今年以来，我们车间在厂部的领导下，全面完成了生产任务，全年产量同比增长百分之十二。"


def test_the_document_starts_at_its_own_title():
    lines = ["收藏本站", "亲，购物车里还没有商品哦~", "去结算", "新闻详情", "2023年农机合作社工作总结", BODY]
    kept, removed = rules.drop_chrome(lines, "某某商城")
    assert kept == ["2023年农机合作社工作总结", BODY]
    assert removed.lines["lead_line"] == 4


def test_a_title_set_on_two_lines_keeps_both():
    lines = ["2022年下半年街道办事处重点工作", "督查报告", BODY]
    assert rules.drop_chrome(lines, "某某网")[0] == lines


@pytest.mark.parametrize("line, rest", [
    ("车间主任个人年终工作总结1先简单介绍一下，本人在车间工作已经五年。", "先简单介绍一下，本人在车间工作已经五年。"),
    ("食堂年度总结报告1________年已经过去一半，回首半年的食堂工作，感慨颇多。", "________年已经过去一半，回首半年的食堂工作，感慨颇多。"),
])
def test_a_first_piece_heading_glued_to_its_text_goes(line, rest):
    kept, removed = rules.drop_chrome([line, BODY], "某某范文")
    assert kept == [rest, BODY] and removed.cuts["piece_marker"] == 1


@pytest.mark.parametrize("line", [
    "全年完成调研报告1份，撰写信息稿件二十余篇，均按时报送。",
    "2023年工作计划1月份起开始实施，各部门要认真落实。",
])
def test_a_count_after_a_genre_word_is_text(line):
    assert rules.drop_chrome([line, BODY], "某某")[0] == [line, BODY]


def test_a_piece_heading_that_words_the_title_in_another_order_opens_the_piece():
    lines = ["【导读】本文档由网友分享整理，希望对您有所帮助。", "幼儿园小班保育员工作总结1",
             "转眼一年即将过去，现对本学期保育工作总结如下。", "本班共有三十五名幼儿，男女各占一半。"]
    pieces = split_pieces("幼儿园保育员小班工作总结范文实用5篇", lines)
    assert pieces == [("幼儿园小班保育员工作总结", lines[2:])]


@pytest.mark.parametrize("line", [
    "老王 · 2025年12月31日 · 最后由 小李 回复于 2026年01月09日 · 7037 次阅读",
    "日期:2022-12-22 14:50来源:某某市直属机关工作委员会",  # the date's value ends where the next key starts
])
def test_post_headers_and_fields_run_together_are_bylines(line):
    assert rules.chrome_kind(line) == "byline"


def test_a_count_of_people_in_a_sentence_is_no_byline():
    assert rules.chrome_kind("今年我们共接待游客2000人次，阅读量也大增。") == ""


@pytest.mark.parametrize("line, text", [
    ("在竞争日益激烈的今天，车?a href='//www.example.com/a/b/' target='_blank'>间管理要精细。", "在竞争日益激烈的今天，车间管理要精细。"),
    ("提升员工效率。?/p>4.进一步规范考核制度。", "提升员工效率。4.进一步规范考核制度。"),
    ("全年利润<p>增长了&nbsp;8%。", "全年利润增长了8%。"),
])
def test_html_markup_left_as_text_goes(line, text):
    assert rules.remove_inline(line)[0] == text


@pytest.mark.parametrize("line", ["如果 a<b 且 b>c，则结论成立。", "你知道吗?b是第二个字母。"])
def test_comparisons_and_letters_are_no_markup(line):
    assert rules.remove_inline(line)[0] == line


def test_a_bloggers_sharing_lines_go_but_a_speakers_stay():
    share = "今天就给大家分享下我的试用期总结，可能有点官方。不敢说写得很好，希望能给大家一些参考。"
    kept, _ = rules.drop_chrome([share, BODY], "试用期总结")
    assert kept == [BODY]
    own = "下面我给大家分享几点体会。"
    assert rules.drop_chrome([own, BODY], "学习体会")[0] == [own, BODY]


def test_a_platforms_abstract_of_the_post_goes():
    line = "本文讲述了作者从测试工程师到开发工程师的转变，强调了沟通的重要性。"
    assert rules.chrome_kind(line) == "abstract"
    assert rules.chrome_kind("本文是我对一年工作的回顾。") == ""


def test_questions_put_to_the_reader_go_with_a_writing_question():
    line = "年底了，领导催你交年终总结？服务员的年终总结如何写好？"
    kept, _ = rules.drop_chrome([line, BODY], "服务员年终总结")
    assert kept == [BODY]


def test_time_to_write_prompts_go_but_the_authors_own_stay():
    prompt = "一段忙碌的实习生活结束了，是时候回头总结这段时间的实习生活了。"
    assert rules.drop_chrome([prompt, BODY], "实习报告")[0] == [BODY]
    own = "春节过去了，今年也是时候再总结和反思一下我的2019年了。"
    assert rules.drop_chrome([own, BODY], "年终总结")[0] == [own, BODY]


@pytest.mark.parametrize("title", ["某某之友|原创|范文|素材|写作|PPT|", "当前位置:简历模板馆>职场>工作总结>"])
def test_a_site_name_or_menu_in_the_title_is_no_how_to(title):
    text = "本人从事软件开发一年，今年带领十几个人完成了两个项目，下面从技术和管理两方面总结这一年。" * 3
    assert "title_howto" not in genre.classify(title, text).cues


def test_a_first_person_question_heading_is_no_how_to():
    text = "在公司的三个月，我经历了些什么？\n" + "我入职后参与了两个项目，完成了三项任务，也学会了与同事协作。" * 3
    assert "title_howto" not in genre.classify("我的试用期总结", text).cues


def test_so_called_is_no_definition():
    text = "学了这么多所谓的语言和框架，其实现在想想，万变不离的还是底层的基础。我今年补了不少基础知识。" * 2
    assert "definition" not in genre.classify("软件开发年终总结", text).cues


def test_recommended_pieces_and_pieces_left_out_still_split():
    lines = ["推荐第1篇：车间工作总结", "今年车间完成产值一千万元，同比增长百分之十。", "一、安全生产",
             "推荐第2篇：车间工作总结", "本年度车间共组织培训二十次，参训职工四百人次。", "一、技能培训"]
    assert [t for t, _ in split_pieces("车间工作总结（精选多篇）", lines)] == ["车间工作总结", "车间工作总结"]
    lines = ["1.房产销售计划 篇一", "我将认真分析可售产品，制定科学合理的销售计划和任务目标。",
             "房产销售计划篇三", "今年以来，公司在董事会的领导下，各项工作全面铺开，成绩较为喜人。"]
    assert len(split_pieces("房产销售计划(12篇)", lines)) == 2  # 篇二 is not on the page


def test_a_garbled_character_before_a_marker_and_a_title_printed_above_it():
    lines = ["物业保安员个人年终总结", "?【一】物业保安员个人年终总结", "新的一年即将到来，我在这里先给各位领导拜个早年。",
             "?【二】物业保安员个人年终总结", "作为一名保安员，我始终把小区当成自己的家来守护。"]
    assert len(split_pieces("物业保安员个人年终总结(五篇范文)", lines)) == 2
    lines = ["铁路车站春运工作总结", "铁路车站春运工作总结1", "在市交通局的组织领导下，我处较圆满地完成了春运工作。", "一、加强领导"]
    assert split_pieces("您的位置:某某网>工作总结>铁路车站春运工作总结", lines) == [("铁路车站春运工作总结", lines[2:])]


@pytest.mark.parametrize("line, kind", [("述职报告之家", "site_name"), ("精品办公范文荟萃", "site_name"),
                                        ("最佳答案", "qa_label"), ("问题描述:", "qa_label")])
def test_site_names_and_answer_labels(line, kind):
    assert rules.chrome_kind(line) == kind


def test_genre_definitions_and_prompts_in_a_sites_intro_go():
    line = ("时间流逝得这么快，还好工作顺利。是时候仔细地写一份岗位述职报告了。"
            "述职报告是下级向上级汇报自己任职情况的文书。")
    assert rules.drop_chrome([line, BODY], "岗位述职报告")[0] == ["时间流逝得这么快，还好工作顺利。", BODY]


def test_a_remark_on_the_subject_before_an_editor_sentence_goes_but_the_authors_stays():
    line = "保安人员对特定区域进行巡查和警戒，保卫客户安全。以下是小编给大家分享的保安员年终总结，供您参考。"
    assert rules.drop_chrome([line, BODY], "保安员年终总结")[0] == [BODY]
    own = "我在小区当保安已经三年了。以下是小编给大家分享的保安员年终总结，供您参考。"
    assert rules.drop_chrome([own, BODY], "保安员年终总结")[0] == ["我在小区当保安已经三年了。", BODY]


def test_a_librarys_readers_are_not_the_reader_addressed():
    text = "一年来，县图书馆实施免费开放，增加服务窗口，受到广大读者欢迎与认可。全年接待读者八万人次，新增图书一千七百种。" * 2
    assert "reader_addressed" not in genre.classify("县图书馆2015年工作总结", text).cues


def test_a_speech_that_names_its_theme_is_a_speech():
    text = "尊敬的各位领导：\n大家好，我叫张华，今天我发言的主题是《给战士一片空间》。作为一名基层干部，我深刻体会到士兵们的可爱。"
    assert "speech" in genre.classify("", text).cues


def test_a_sites_editors_and_their_bookmark_advice_go():
    line = ("时间过得真快，还好工作顺利。一篇优秀的述职报告是怎么样的？根据你的需要，某某之家的编辑精心整理了后勤述职报告，"
            "为防遗忘，建议你收藏本页！")
    assert rules.drop_chrome([line, BODY], "后勤述职报告")[0] == [BODY]


def test_a_bracketed_first_number_before_the_title_opens_the_only_piece():
    lines = ["【一】保安员个人年终总结", "新的一年即将到来，我在这里先给各位领导拜个早年。", "我虽是一名普通的保安员，但始终把小区当成家。"]
    assert split_pieces("保安员个人年终总结", lines) == [("保安员个人年终总结", lines[1:])]


@pytest.mark.parametrize("note", ["（侧重成绩与数据的述职报告）", "(简洁实用型工作总结范文)", "（突出问题整改、语言平实的汇报）"])
def test_a_note_saying_which_version_of_the_document_this_is_goes(note):
    kept, removed = rules.drop_chrome(["车间年度工作总结", note, BODY], "车间年度工作总结")
    assert kept == [BODY] and removed.lines["variant_note"] == 1



@pytest.mark.parametrize("intro", [
    "总结是一个回顾和反思的过程，能让人更清楚地认识自己。写总结时要注意语言规范，避免错别字。",
    "据某机构调查显示，六成以上的员工在撰写工作总结时抓不住重点，数据和事例是总结的关键。",
])
def test_a_paragraph_on_the_genre_in_general_above_the_document_goes(intro):
    first = "2023年，我在街道综治办负责矛盾纠纷调解工作，全年调处纠纷136起，调解成功率达到97%。"
    kept, removed = rules.drop_chrome([intro, first, BODY], "某某网")
    assert kept == [first, BODY] and removed.lines["genre_intro"] == 1


def test_an_explainer_keeps_its_definition():
    lines = ["工作总结是对一段时间工作的回顾和评价，能让人更清楚地看到成绩和不足。", "一、工作总结的特点",
             "工作总结一般由标题、正文和落款组成，正文要写清成绩、问题和打算。"]
    assert rules.drop_chrome(lines, "工作总结的特点")[0] == lines
