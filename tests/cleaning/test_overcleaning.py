"""A rule removes the furniture, not the text around it; words that chrome uses stay in document text."""
import pytest

from worksum.cleaning import rules


def test_location_words_in_text_are_not_a_breadcrumb():
    text = "了解你的当前位置对于安排下一步的巡查路线很重要，网格员每天按时上报定位信息。"
    kept, removed = rules.drop_chrome([text, "当前位置：首页 > 工作总结 > 个人总结"], "网格化管理工作总结")
    assert kept == [text]
    assert removed.lines["breadcrumb"] == 1


def test_editor_sentence_goes_and_the_rest_of_its_paragraph_stays():
    work = "本年度我局围绕安全生产开展三轮专项检查，共检查企业326家，督促整改隐患1120处。"
    editor = "以下是小编为大家整理的安全生产工作总结，供大家参考。"
    kept, removed = rules.drop_chrome([work + editor, "一、主要做法"], "安全生产工作总结")
    assert kept == [work, "一、主要做法"]
    assert removed.cuts["editor"] == 1 and removed.chars["editor"] == len(editor)
    assert not removed.lines


def test_rhetorical_question_before_an_editor_sentence_goes_with_it():
    intro = "今年我负责的三项工作均已按期完成。"
    line = intro + "你知道年终总结怎么写吗？以下是小编精心整理的年终总结范文，欢迎阅读。"
    kept, _ = rules.drop_chrome([line], "年终总结")
    assert kept == [intro]


def test_a_title_that_is_prose_does_not_remove_the_first_sentence():
    first = "一年来，我镇在上级党委的领导下，紧扣年度目标任务，把各项工作一件件落到了实处。"
    kept, removed = rules.drop_chrome([first, "一、主要工作成效"], first)
    assert kept == [first, "一、主要工作成效"]
    assert not removed


def test_a_title_copy_at_the_top_goes():
    kept, removed = rules.drop_chrome(["某镇2023年工作总结", "某镇2023年工作总结", "全年完成地区生产总值18.6亿元。"],
                                      "某镇2023年工作总结")
    assert kept == ["全年完成地区生产总值18.6亿元。"]
    assert removed.lines["title_repeat"] == 2


# Sentences written for these tests: each uses a word that site furniture uses too.
DOCUMENT_LINES = [
    "积极引导辖区群众下载注册反诈APP，全年累计下载注册2.3万人次。",
    "首先，要下载安装政务服务平台客户端，再按提示上传申请材料",
    "相关部门密切配合，及时处置群众反映的各类问题。",
    "相关文章已在市级以上刊物发表3篇。",
    "博物馆全年新增收藏文物86件，完成藏品数字化登记1200件。",
    "加强著作权和版权保护，全年查处侵犯版权案件12起。",
    "组织开展经验分享会5场，参与教师达到200余人次。",
    "在“学习强国”平台分享学习心得，累计积分排名全区第一",
    "受理群众举报线索45件，办结率100%。",
    "受理违法和不良信息举报120件，全部按时办结。",
    "融媒体中心三名小编全年推送原创稿件210篇，阅读量较上年增长35%。",
    "小编负责整理素材",
    "市场监管所全年办理食品经营许可证326件，查处涉嫌侵权假冒案件15起。",
    "网点新增VIP会员1200名，每日限额管理制度全面落实",
    "社区组织居民关注微信公众号，及时发布疫情防控信息",
    "时间：2023年5月12日上午",
    "时间：2023年5月12日 14:30",
    "日期：2023-05-12",
    "活动时间：2025年4月15日 14:00–17:00",
    "来源于财政专项资金的项目共计15个。",
    "下面我给大家分享几点体会。",
    "以下数据仅供参考。",
    "聚焦主业 强化担当 务求实效",
    "一、主要工作成效",
    "（一）春耕备耕有序推进",
    "2、组织农技人员下乡服务，为农户解决实际问题。",
    "XX区科学技术局",
    "首页设计与栏目改版",
    "引用的数据请注明出处，确保来源可靠。",
]


@pytest.mark.parametrize("line", DOCUMENT_LINES)
def test_document_lines_with_chrome_words_are_kept(line):
    kept, removed = rules.drop_chrome([line], "某县2023年工作总结")
    assert kept == [line], removed.as_dict()


def test_document_text_passes_inline_rules_untouched():
    text = "\n".join(DOCUMENT_LINES)
    assert rules.remove_inline(text) == (text, rules.Removals())


def test_an_ownership_phrase_inside_a_sentence_is_cut_not_the_paragraph():
    from worksum.cleaning.rules import remove_inline

    line = "全年走访困难家庭120户，帮扶资金全部落实到位，青禾文秘网版权所有群众满意度明显提升。"
    text, removed = remove_inline(line)
    assert text == "全年走访困难家庭120户，帮扶资金全部落实到位，群众满意度明显提升。"
    assert removed.chars["watermark"] == len("青禾文秘网版权所有")


def test_a_bracketed_repost_notice_inside_a_sentence_is_cut_not_the_paragraph():
    from worksum.cleaning.rules import remove_inline

    line = "全年开展培训27场，（转载请注明出处：某某文档分享平台）参训人员2394人次，考核合格率达到98%。"
    text, removed = remove_inline(line)
    assert text == "全年开展培训27场，参训人员2394人次，考核合格率达到98%。"
    assert removed.cuts["watermark"] == 1


@pytest.mark.parametrize("intro", [
    "在信息流通迅速的今天，需要撰写报告的人越来越多，报告有着事后写成的特点。",  # the genre in general
    "计划是做好各项工作的前提。有了计划，就能明确下一步的方向，少走弯路。",
])
def test_a_site_intro_before_its_editor_sentence_goes_with_it(intro):
    body = "今年以来，我所在的车间共完成检修任务四十余次，未发生一起安全事故。"
    line = intro + "下面是小编收集整理的车间工作报告，仅供参考，欢迎大家阅读。"
    kept, removed = rules.drop_chrome([line, body], "车间工作报告")
    assert kept == [body]
    assert removed.cuts["editor_intro"] >= 1


def test_a_teaser_quoting_the_opening_goes_with_the_editor_sentence():
    opening = "推进农机合作社建设是农业现代化的重要内容。"
    line = "加快农机化步伐" + opening + "下面是小编为大家整理的调研报告，供大家参考。"
    lines = [line, "加快农机化步伐", opening + "近年来，我市农机部门创新服务机制，合作社数量稳步增加。"]
    kept, removed = rules.drop_chrome(lines, "调研报告")
    assert kept[-1] == lines[-1] and line not in kept and removed.cuts["editor_intro"] == 1


def test_the_documents_own_words_before_an_editor_sentence_stay():
    own = "今年以来，本公司完成产值一点二亿元，同比增长百分之八。"
    kept, _ = rules.drop_chrome([own + "以下是小编整理的公司年度总结，供大家参考。"], "公司年度总结")
    assert kept == [own]
