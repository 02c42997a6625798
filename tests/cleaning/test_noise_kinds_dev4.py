"""Noise kinds found on unseen real pages of several sites (view counters, font-size controls, 文库 download
notices, glued section labels, "本文将呈现…范文" editor lines, "写一份总结吧" prompts): the furniture goes,
look-alike document sentences stay. All sentences are written for the tests."""
import pytest

from worksum.cleaning import rules
from worksum.cleaning.removals import Removals

BODY = "今年以来，我所在的党支部共组织集中学习十二次，开展主题党日活动六次，发展党员两名。"


@pytest.mark.parametrize("line", [
    "2023-04-05人已围观",
    "心得体会 阅读(3.1W)",
    "述职报告 浏览（1.2万）",
    "字号：",
    "字号：大 中 小",
])
def test_view_counters_and_font_size_controls_are_bylines(line):
    kept, removed = rules.drop_chrome([line, BODY], "支部工作总结")
    assert kept == [BODY]
    assert removed.lines["byline"] == 1


@pytest.mark.parametrize("line", [
    "全年编发简报46期，公众号文章阅读量累计达到12万人次。",
    "宣传阅读(2023)专项行动",
    "本报告字号统一使用三号仿宋",
    "浏览器兼容问题已全部解决",
])
def test_counter_words_in_document_lines_stay(line):
    assert rules.chrome_kind(line) == ""


@pytest.mark.parametrize("line,kind", [
    ("文档名称：", "upload_info"),
    ("- 1、下载文档前请先核对文档内容是否完整，本平台不提供内容修改服务。", "site_notice"),
    ("下载后只包含 1 个 DOCX 格式的文档，不含其他附件", "site_notice"),
    ("3、若文档侵犯了您的权益，请联系我们处理（人工客服工作时间：8:30-17:30）。", "site_notice"),
    ("2、仅部分预览的文档，如内容不完整可反馈申请退款。", "site_notice"),
])
def test_download_notices_to_the_user_are_site_notices(line, kind):
    assert rules.chrome_kind(line) == kind


@pytest.mark.parametrize("line", [
    "本季度客服中心人工客服接通率达到96%，较上季度提高4个百分点。",
    "全年为用户办理退款申请312笔，办结率100%。",
    "各科室下载后请于周五前将统计表报送办公室。",
    "文档管理方面，全年归档文书档案1260件。",
])
def test_document_lines_with_download_or_service_words_stay(line):
    assert rules.chrome_kind(line) == ""


def test_a_section_label_glued_to_the_text_is_cut_and_the_text_stays():
    text, removed = rules.remove_inline("社区清洁活动总结\n文档介绍：三月底我们组织志愿者清扫了小区的楼道和绿地。")
    assert text == "社区清洁活动总结\n三月底我们组织志愿者清扫了小区的楼道和绿地。"
    assert removed.cuts["section_label"] == 1


def test_a_label_word_inside_a_sentence_is_not_cut():
    line = "会议讨论了文档介绍：部分的写法，决定统一格式。"
    assert rules.remove_inline(line)[0] == line


@pytest.mark.parametrize("editor", [
    "本文将为您呈现五篇风格各异的年度工作总结范文，以供参考。",
    "为便于借鉴，本文精选了三篇班主任工作总结范文，以期提供具体参考。",
    "下文给大家整理了多篇述职报告模板。",
])
def test_the_page_describing_itself_as_a_collection_goes(editor):
    intro = "今年以来，本单位各项工作稳步推进。"  # the document's own words before it stay
    kept, removed = rules.drop_chrome([intro + editor, BODY], "年度工作总结")
    assert kept == [intro, BODY]
    assert removed.cuts["editor"] == 1


@pytest.mark.parametrize("line", [
    "本文将对我局2023年的安全生产工作进行全面总结。",
    "本文旨在总结一次社区服务活动的经验，分析其中的成果和不足。",
    "这里将展示我们团队三个月来的调研成果和数据。",
])
def test_a_document_speaking_of_itself_stays(line):
    kept, removed = rules.drop_chrome([line], "工作总结")
    assert kept == [line]
    assert not removed


@pytest.mark.parametrize("prompt", [
    "总结是对一段工作的回顾，它能给人前进的动力，让我们认真写一份总结吧。",
    "回顾这半年，成绩和问题都有，把它们汇集成一份自查报告吧。",
    "让我们一起来学习写自我鉴定吧！",
])
def test_prompts_to_write_one_go_and_the_paragraph_stays(prompt):
    kept_text = "我们在三月完成了全部整改。"
    removed = Removals()
    assert rules.drop_sentences(prompt + kept_text, removed) == kept_text
    assert removed.cuts["write_prompt"] == 1


@pytest.mark.parametrize("line", [
    "下一步，我们要把经验写进制度，让好做法固定下来吧。",
    "会后大家一致认为，应当尽快写一份整改方案。",
    "同志们，让我们携手奋进，共同完成明年的目标任务吧！",
])
def test_document_sentences_ending_in_ba_or_about_writing_stay(line):
    removed = Removals()
    assert rules.drop_sentences(line, removed) == line
    assert not removed
