"""Each kind of noise left on real pages, removed and counted under its rule (sentences written for the tests)."""
import pytest

from worksum.cleaning import repair, rules

BODY = "本年度我局认真落实各项部署，全年争取项目资金12.6亿元，较上年增加8.3%。"


@pytest.mark.parametrize("line", [
    "时间：2021-03-04 09:10:11 总结 来源：网友投稿",
    "时间:2020-06-07 18:19:20下载本文作者:会员上传",
    "发布人：某某网 发布时间：2019-01-02 字体：大 中 小 | 打印文章",
    "楼主 发表于 2019-5-6 08:09 | 只看该作者",
    "- 2024-02-03 发布于江苏",
    "栏目：总结范文 / 发布于： / 人气：2.3W",
    "编辑：某某网2018-09-10",
    "user3 2022-08-09 10:11:12",
    "2021-11-12",
    "时间：",
    "作者：某某 时间：2022-05-06 10:11:12 浏览：923 投稿：网友 分类：工作总结 标签：年终总结 述职报告 心得体会",
])
def test_bylines_of_any_length(line):
    kept, removed = rules.drop_chrome([line, BODY], "某局工作总结")
    assert kept == [BODY]
    assert removed.lines["byline"] == 1


@pytest.mark.parametrize("line,kind", [
    ("已阅读5页，还剩13页未读，继续免费阅读", "paywall"),
    ("下载本资源需要8金币", "paywall"),
    ("加入VIP免费专享", "paywall"),
    ("- 约 7页", "doc_stats"),
    ("- 约3.47千字", "doc_stats"),
    ("- 0", "doc_stats"),
    ("发表评论", "comment_box"),
    ("共33条评论", ""),
    ("33 条留言", "comment_box"),
    ("广告", "ad"),
    ("下载某某APP，随时看范文", "ad"),
    ("本站资源均由网友上传，请自行甄别。", "site_notice"),
    ("本文档由会员主动上传，本站仅提供信息存储空间。", "site_notice"),
    ("个人总结 工作总结 述职报告 心得体会 演讲稿", "nav_bar"),
    ("6 z7 W. N) I/ C0 h w7 p d", "ascii_junk"),
    ("（全文1712字）", "word_count"),
    ("本文共2300字", "word_count"),
    ("全文约1.2万字", "word_count"),
    ("本文约1254字，阅读需要3分钟", "word_count"),
    ("预计阅读时间：5分钟", "word_count"),
    ("相关热词搜寻：组织委员述职 思想汇报 技术培训", "keywords"),
    ("热门标签：年终总结 述职报告", "keywords"),
    ("2022-03-14 心得", "byline"),
    ("文章目录", "section_label"),
    ("做好社区服务(社区工作总结)第3页", "page_counter"),
    ("页次：2/3", "page_counter"),
    ("第1/4页", "page_counter"),
    ("编号：52731904", "doc_number"),
    ("……此处隐藏3120个字……", "paywall"),
    ("1、本站文档一经付费，不意味着购买了该文档的版权，仅供个人学习、研究之用。", "site_notice"),
    ("目录/提纲：……", "section_label"),
    ("分类:工作计划；发布于:2020-05-06 10:21；浏览:1203次", "byline"),
    ("类型:总结｜大小:62.6KB｜下载量:88次｜作者:用户123", "byline"),
    ("总页数12；来自原创；文件大小86.4KB；阅读量305人；文档格式DOCX", "byline"),
    ("日期：03-14", "byline"),
    ("字体大小：【大】【中】【小】", "byline"),
    ("发文机关：某某县统计局 | 主题词：", "byline"),
    ("资料评论(3)", "comment_box"),
    ("某某文档", "site_name"),
    ("全文约2.4w字，阅读本文大概需要12分钟。", "word_count"),
    ("• 格式：pdf", "doc_stats"),
    ("• 大小：51.2 KB", "doc_stats"),
    ("下载文档原格式", "buttons"),
])
def test_furniture_lines(line, kind):
    assert rules.chrome_kind(line) == kind


def test_blocks_heading_and_their_items_go():
    lines = [BODY, "【下载声明】", "1. 本站所有文档均由用户上传，仅提供信息存储空间。", "2. 下载后请自行核对内容。",
             "关 键 词：", "年终总结 个人总结 述职报告", "网友评论", "张三 2023-01-02", "写得很好，学习了", "相关文章", "年终总结范文", "述职报告怎么写"]
    kept, removed = rules.drop_chrome(lines, "某局工作总结")
    assert kept == [BODY]
    assert removed.lines == {"site_notice": 3, "keywords": 2, "comment_box": 3, "related_list": 3}


@pytest.mark.parametrize("glued,clean,kind", [
    (BODY + "（省略854字，正式会员可完整阅读）", BODY, "paywall"),
    (BODY + "当前仅显示前500字，完整内容请下载。", BODY, "paywall"),
    (BODY + "文章内容仅供预览，下载后查看全文。", BODY, "paywall"),
    ("关键词：年终总结 个人总结 述职报告 " + BODY, BODY, "keywords"),
    ("全年共发放宣传资料3000份（来源：某某范文网），覆盖全部社区。", "全年共发放宣传资料3000份，覆盖全部社区。", "watermark"),
    ("全年开展业务培训12场次，xyzfanwen.com参训人员达到600人次。", "全年开展业务培训12场次，参训人员达到600人次。", "watermark"),
    ("本文由某某范文网整理，全年开展业务培训12场次。", "全年开展业务培训12场次。", "watermark"),
])
def test_inline_furniture_is_cut_from_the_text(glued, clean, kind):
    text, removed = rules.remove_inline(glued)
    assert text == clean
    assert removed.cuts[kind] == 1 and removed.chars[kind] == len(glued) - len(clean)


def test_gov_addresses_in_text_are_not_watermarks():
    line = "在政府门户网站www.example.gov.cn公开信息1200条，"
    assert rules.remove_inline(line)[0] == line


def test_invitation_to_read_on_goes():
    kept, removed = rules.drop_chrome([BODY + "感谢您的光临，推荐您继续阅读“年终总结”，谢谢支持！"], "年终总结")
    assert kept == [BODY]
    assert removed.cuts["read_on"] == 1


def test_topic_tag_repeating_the_title_is_cut():
    kept, removed = rules.drop_chrome(["【年度工作总结】" + BODY, "【工作亮点】全年新增就业岗位1200个。"], "年度工作总结")
    assert kept == [BODY, "【工作亮点】全年新增就业岗位1200个。"]
    assert removed.cuts["title_tag"] == 1


@pytest.mark.parametrize("first", ["某某范文网 年终工作总结", "年终工作总结 - 某某文库", "年终工作总结【荐】", "年终工作总结(全文完整)"])
def test_title_copy_with_a_site_word_or_tag_glued(first):
    kept, removed = rules.drop_chrome([first, BODY], "年终工作总结")
    assert kept == [BODY]
    assert removed.lines["title_repeat"] == 1


def test_breadcrumb_without_separators_ending_in_the_title():
    kept, removed = rules.drop_chrome(["首页范文社区工作计划", BODY], "明年社区工作计划(8篇)")
    assert kept == [BODY] and removed.lines["breadcrumb"] == 1


@pytest.mark.parametrize("dirty,clean", [
    ("全年完成各项任务。6 z7 W. N) I/ C0 h w7 p d", "全年完成各项任务。"),
    ("* B; x2 P# {, p# } 我们坚持问题导向", "我们坚持问题导向"),
    ("一、主要做法+ O, {' U1 ?- c# U", "一、主要做法"),
    ("3 V\" z ]5 Q9 q0 w; p调研工作取得实效", "调研工作取得实效"),
])
def test_jammer_fragments_glued_to_chinese(dirty, clean):
    text, removed = repair.repair(dirty)
    assert text == clean
    assert removed.chars["ascii_junk"] > 0


@pytest.mark.parametrize("line", ["PM2.5 年均浓度下降到32微克", "推行 A B C 三类分级管理", "2. 工作内容", "采购 U 盘 20 个"])
def test_short_latin_tokens_in_text_are_not_jammer(line):
    assert repair.repair(line)[1].chars["ascii_junk"] == 0


def test_injected_emoji_go_and_document_symbols_stay():
    text, removed = repair.repair("🌟全年接待群众来访236批次🎉，★重点任务①全部完成✓")
    assert text == "全年接待群众来访236批次，★重点任务①全部完成✓"
    assert removed.cuts["emoji"] == 2


@pytest.mark.parametrize("dirty,clean", [
    ("年度工作总?(jié)报告", "年度工作总报告"),
    ("年度工作总\ufffd(jié)报告", "年度工作总报告"),
    ("年度工作??偨Y(jié)报告", "年度工作报告"),
    ("全年績(jì)效考核", "全年績效考核"),
    ("进行了自查,F(xiàn)就自查情况报告如下", "进行了自查,就自查情况报告如下"),  # a lone letter in the garbled one's place
    ("建成5G基(jī)站", "建成5G基站"),
])
def test_pinyin_after_a_garbled_character(dirty, clean):
    assert repair.repair(dirty)[0] == clean
    assert repair.remove_pinyin(dirty)[0] == clean


def test_counts_add_up_across_steps():
    text, removed = repair.repair("全年績(jì)效考核🌟")
    text, more = rules.remove_inline(text + "第2页共5页")
    removed.merge(more)
    assert text == "全年績效考核"
    assert removed.as_dict() == {"emoji": {"lines": 0, "cuts": 1, "chars": 1},
                                 "page_counter": {"lines": 0, "cuts": 1, "chars": 6},
                                 "pinyin": {"lines": 0, "cuts": 1, "chars": 4}}


def test_title_copy_after_the_first_paragraph_and_doubled_headings():
    lines = ["本学期我在实习单位完成了三项主要任务。", "实习工作总结", "一、实习内容", "一、实习内容", "二、实习收获"]
    kept, removed = rules.drop_chrome(lines, "实习工作总结")
    assert kept == ["本学期我在实习单位完成了三项主要任务。", "一、实习内容", "二、实习收获"]
    assert removed.lines == {"title_repeat": 1, "duplicate_heading": 1}


@pytest.mark.parametrize("dirty,clean", [
    ("# u+ z1 Q) S# H$ k) R (1)标题的写法", "(1)标题的写法"),
    ("& x* F9 R' {\" K 1.首部的内容", "1.首部的内容"),
    ("; O, F1 O3 a, W' ~2 T+ e8 z3 O (一)情况调查报告", "(一)情况调查报告"),
])
def test_list_numbers_after_jammer_text_stay(dirty, clean):
    assert repair.repair(dirty)[0] == clean


def test_jammer_line_without_chinese_goes_whole():
    kept, removed = rules.drop_chrome([repair.repair("# H3 P5 H4 p& S5 A+ h7 h( c")[0], BODY], "某局工作总结")
    assert kept == [BODY] and removed.lines["ascii_junk"] == 1


@pytest.mark.parametrize("line", ["课堂参与度 | 62% | 89% |", "完成率 | 96% | 100% |", "全年完成 A. B. 两类指标", "其中 1) 2) 3) 项已完成"])
def test_table_cells_and_list_numbers_at_line_ends_stay(line):
    assert repair.repair(line)[1].chars["ascii_junk"] == 0


@pytest.mark.parametrize("line,kind", [
    ("类型：PDF / 日期：2020-02-03 / 体积：120.5KB", "byline"),
    ("Tags：年终总结思想汇报大堂经理述职", "keywords"),
    ("主题词：高标准农田建设 基层党建", "keywords"),
    ("全文共3页", "page_counter"),
    ("- 2 -", "page_counter"),
    ("付费后可查看剩余内容", "paywall"),
    ("带宽提升至100MB", ""),
    ("作者：某某，原创文章，如若转载，请注明出处：https://example.com/a.html", "copyright"),
    ("时间：2023年5月12日 地点：三楼会议室", ""),
])
def test_more_furniture_lines(line, kind):
    assert rules.chrome_kind(line) == kind


@pytest.mark.parametrize("glued,clean", [
    ("建立问题清单，（来自m.some-site.example）逐项明确完成时限。", "建立问题清单，逐项明确完成时限。"),
    ("纸上得来终觉浅，本文由某某知识库整理绝知此事要躬行。", "纸上得来终觉浅，绝知此事要躬行。"),
    ("- 1 -2024年度，我中心较好地完成了年度目标任务。", "2024年度，我中心较好地完成了年度目标任务。"),
    ("为经济社会发展作出新的贡献。- 5 -", "为经济社会发展作出新的贡献。"),
    ("全年资金来自财政拨款（来自市财政局），共计300万元。", "全年资金来自财政拨款（来自市财政局），共计300万元。"),
])
def test_more_inline_furniture(glued, clean):
    assert rules.remove_inline(glued)[0] == clean


@pytest.mark.parametrize("first", ["年终工作总结怎么写？", "年终工作总结范文"])
def test_title_copy_with_a_question_or_genre_word(first):
    assert rules.drop_chrome([BODY, first, BODY + "。"], "年终工作总结")[0] == [BODY, BODY + "。"]


def test_lone_jammer_tokens_go_only_on_a_jammed_page():
    lines = ["6 z7 W. N) I/ C0 h w7 p d", "x2力争完成年度任务。", "B（六）加强理论学习", "j#4、完成交办工作",
             "R4 Z( y a6 H8尊敬的各位领导：", "g9 t* s6 K/ A^3、负责文件收发", "5G基站新建12个。"]
    jammed = "\n".join(lines)
    text, _ = repair.repair(jammed)
    assert text.split("\n")[1:] == ["力争完成年度任务。", "（六）加强理论学习", "4、完成交办工作", "尊敬的各位领导：",
                                    "3、负责文件收发", "5G基站新建12个。"]
    clean = "5G基站新建12个。\nB超室全年检查3200人次。\nU盘统一登记管理。"
    assert repair.repair(clean)[0] == clean
    # Placeholders of masked names are text, jammed page or not; jammer after a chunk number goes.
    text, _ = repair.repair(jammed + "\nXX县人民医院第一季度工作总结\nxx市卫生健康委员会")
    assert text.split("\n")[-2:] == ["XX县人民医院第一季度工作总结", "xx市卫生健康委员会"]
    assert repair.repair("2、E3 j6 f7 s J) O(今年上半年，我参加了培训。")[0] == "2、今年上半年，我参加了培训。"


def test_site_watermark_in_brackets_and_preview_notice():
    assert rules.remove_inline("围绕售后服务目标，【某某范文站原创首发】销售部对标先进。")[0] == "围绕售后服务目标，销售部对标先进。"
    assert rules.remove_inline("明确任务分工，【某某文档大全原创首发】逐项落实。")[0] == "明确任务分工，逐项落实。"  # any site name
    assert rules.remove_inline("【新时代文明实践站】全年开展活动56场。")[0] == "【新时代文明实践站】全年开展活动56场。"
    assert rules.chrome_kind("本文档共9页，当前为预览页") == "paywall"


def test_a_file_card_in_field_names_no_rule_knows_is_a_byline():
    from worksum.cleaning.rules import chrome_kind

    assert chrome_kind("投递人：z***8 归档类别：年终总结 序号：55120934 上架：2021-06-30 容量：21.4KB") == "byline"
    assert chrome_kind("投递人：z***8归档类别：年终总结序号：55120934上架：2021-06-30容量：21.4KB") == "byline"
    # Fields inside a document stay: no metadata value, or a sentence.
    assert chrome_kind("活动时间：3月5日 活动地点：社区广场 参加人数：120人") == ""
    assert chrome_kind("会议时间：2023-03-05，地点：三楼会议室，参会人员：全体党员。") == ""


def test_a_file_card_set_off_by_middle_dots_is_a_byline():
    from worksum.cleaning.rules import chrome_kind

    assert chrome_kind("编号 30417725 · 来源青松文库 · 分类述职报告 · 格式DOCX · 上传者会员5521") == "byline"
    assert chrome_kind("编号：30417725 • 来源：青松文库 • 格式：DOCX • 2022-11-03") == "byline"
    # Names and short lists joined by dots are text.
    assert chrome_kind("我们学习了马克·吐温的作品，共读书12本。") == ""
    assert chrome_kind("一等奖 · 二等奖 · 三等奖") == ""


def test_a_menu_after_a_slogan_survives_space_repair_and_goes():
    text, _ = repair.repair("某某文秘网为您提供优质参考范文！ 工作总结 述职报告 心得体会 演讲稿")
    kept, removed = rules.drop_chrome([text, BODY], "")
    assert kept == [BODY] and removed.lines["nav_bar"] == 1


@pytest.mark.parametrize("first,clean", [
    ("社区工作计划一、指导思想：坚持以人民为中心，推进各项工作。", "一、指导思想：坚持以人民为中心，推进各项工作。"),
    ("1、社区工作计划社区工作计划今年社区将重点做好三项工作。", "今年社区将重点做好三项工作。"),
    ("社区工作计划是对明年工作的安排，今年社区将重点做好三项工作。", "社区工作计划是对明年工作的安排，今年社区将重点做好三项工作。"),
])
def test_a_title_glued_before_the_first_line(first, clean):
    assert rules.drop_chrome([first, BODY], "社区工作计划")[0] == [clean, BODY]


def test_writing_about_the_genre_and_a_title_tag_before_the_text_go():
    lines = ["【关于消防演练的心得体会(消防演练心得800字)】参加这次演练以后，我对安全有了新的认识。",
             "心得体会是对一段经历的感受进行记录的书面材料，是时候写一份心得体会了。撰写心得的意义在于总结提高。",
             BODY]
    kept, removed = rules.drop_chrome(lines, "")
    assert kept == ["参加这次演练以后，我对安全有了新的认识。", BODY]
    assert removed.cuts["title_tag"] == 1 and removed.cuts["about_writing"] == 2


def test_leaked_style_sheet_text_is_cut():
    text = "@page { size: 8.27in 11.69in; margin-left: 1.25in } p { color: #000000; line-height: 115% }今年我们完成了各项任务。"
    assert rules.remove_inline(text)[0] == "今年我们完成了各项任务。"


def test_a_watermark_inside_a_long_sentence_takes_only_itself():
    # The site's phrase is glued into a long sentence of the text: the sentence stays, the phrase goes.
    line = ("（二）设备运行情况。我们完成设备运行年度考核指标十九项，考核结果位列同类单位第四名；对设备运行开展回头看，"
            "梳理问题清单十二项并逐项销号；把设备运行纳入月度例会固定议题，本文由青禾资料大全整理全年听取专题汇报十次；"
            "组建攻坚小组八个，实行挂图作战。经自查，设备运行基本符合要求。")
    text, removed = rules.remove_inline(line)
    kept, _ = rules.drop_chrome([text], "")
    assert kept == [line.replace("本文由青禾资料大全整理", "")] and removed.cuts["watermark"] == 1


def test_short_lines_above_the_first_paragraph_that_no_document_opens_with_go():
    lines = ["王小明老师", "2023-12-20 09:31", "date", "某某县农业农村局2023年工作总结", "——在全县农业工作会议上的汇报",
             "某某县农业农村局", "各位领导：", "一、主要工作", BODY, "李四"]
    kept, removed = rules.drop_chrome(lines, "")
    assert kept == lines[3:9] + ["李四"]  # the document's own lines stay, and nothing below its first paragraph goes
    assert removed.lines["lead_line"] == 2 and removed.lines["byline"] == 1
    # Front matter in English, a date with a comma among it, is no paragraph either.
    front = ["Mar 3, 2024", "slug", "my-year", "status", "Published", "年度总结", BODY]
    assert rules.drop_chrome(front, "")[0] == ["年度总结", BODY]


def test_sentences_praising_the_genre_or_asking_how_to_write_it_go():
    assert rules.drop_chrome(["时光飞逝，转眼半年过去，是时候做好一个阶段的工作总结了。", BODY], "")[0] == [BODY]
    lines = ["工作计划在我们的工作中扮演着重要的角色，不可小视。写计划的时候需要注意什么呢？全面的工作总结，能让我们不断进步。",
             BODY]
    kept, removed = rules.drop_chrome(lines, "")
    assert kept == [BODY] and removed.cuts["about_writing"] == 3
    own = "通过认真总结，我们找出了差距。这项工作至关重要，我们将继续做好。"
    assert rules.drop_chrome([own], "")[0] == [own]


@pytest.mark.parametrize("glued,clean", [
    ("全年完成任务。(某某范文网http://www.x-fanwen.cn)继续努力。", "全年完成任务。继续努力。"),
    ("[标签:介绍]今年我们完成了各项任务。", "今年我们完成了各项任务。"),
    ("全年完成任务（本文权属某某网所有）。", "全年完成任务。"),
    ("全年完成任务（来自doc.example-site.org.cn）。", "全年完成任务。"),
    ("全年完成任务……(某某网http://www.x.cn省略522字,正式会员可完整阅读)……三、下步打算", "全年完成任务三、下步打算"),
    ("编号:52731904市民政局自查报告", "市民政局自查报告"),
])
def test_bracketed_site_addresses_tag_placeholders_and_ownership_notes_are_cut(glued, clean):
    assert rules.remove_inline(glued)[0] == clean


def test_a_hyphen_inside_a_chinese_word_and_a_dashed_related_heading():
    assert repair.repair("已办结的事项和未办-理的事项")[0] == "已办结的事项和未办理的事项"
    assert repair.repair("2021-2022学年")[0] == "2021-2022学年"
    kept, _ = rules.drop_chrome([BODY, "- 相关推荐", "社区工作总结范文"], "")
    assert kept == [BODY]


def test_a_card_whose_date_carries_a_time_is_a_byline():
    from worksum.cleaning.rules import chrome_kind

    assert chrome_kind("文件类型DOCX；总页数7；上传时间2019-04-02 10:15；浏览2210次") == "byline"
    assert chrome_kind("出自网友投稿 | 页数12 | 上传于2021-08-30 21:07 | 下载331 | 格式pdf") == "byline"


def test_an_english_pager_line_is_a_page_counter():
    assert rules.chrome_kind("Page 3 of 7") == "page_counter"
    assert rules.chrome_kind("page 2 / 5") == "page_counter"


def test_an_editors_note_praising_the_document_goes_and_the_paragraph_stays():
    lines = ["编辑点评：本篇关于安全生产的述职报告条理清楚、数据扎实，值得借鉴。", BODY]
    kept, removed = rules.drop_chrome(lines, "")
    assert kept == [BODY] and removed.cuts["editor"] == 1
    # A report praising its own team's work is text.
    own = "这篇调研报告获得了市委的肯定，值得借鉴的做法已在全县推广。今年我们完成调研课题5项。"
    assert rules.drop_chrome([own, BODY], "")[0] == [own, BODY]


def test_a_pager_glued_after_the_last_sentence_goes():
    assert rules.remove_inline("今后我会把这些体会落实到日常工作中去。3/3页")[0] == "今后我会把这些体会落实到日常工作中去。"
    assert rules.remove_inline("全年完成任务的98%。 2 / 5 页")[0] == "全年完成任务的98%。"
    # A ratio in the text is no pager.
    assert rules.remove_inline("全村共有耕地3/5为水田，计划明年完成改造。")[0] == "全村共有耕地3/5为水田，计划明年完成改造。"


def test_jammer_glued_before_a_closing_date_goes():
    assert repair.repair("K* w) B5 Q% m2022年9月30日")[0] == "2022年9月30日"
    assert repair.repair("5G基站建设2022年完成")[0] == "5G基站建设2022年完成"


def test_an_invitation_to_pass_the_page_on_goes():
    lines = [BODY, "（完）觉得这篇文章有用的朋友，可以分享给身边的同事。"]
    kept, removed = rules.drop_chrome(lines, "")
    assert kept == [BODY] and removed.cuts["editor_outro"] == 1
    own = "我们把这篇调研报告分享给各乡镇，供同事们交流。"
    assert rules.drop_chrome([BODY, own], "")[0] == [BODY, own]


def test_a_page_number_after_a_closing_date_goes():
    assert rules.remove_inline("2023年7月19日- 3 -")[0] == "2023年7月19日"


@pytest.mark.parametrize("line,kind", [
    ("5、成为VIP会员后，下载本资料将扣除1次下载权益，下载后不支持退款。", "site_notice"),
    ("2. 2、若资料侵犯了您的权利，请点击“版权申诉”，或拨打举报电话联系我们。", "site_notice"),
    ("在线客服QQ：88812345", "copyright"),
    ("微信扫码分享", "promo_banner"),
    ("免费领取福利", "promo_banner"),
    ("附件列表", "section_label"),  # a forum post's attachments
    ("分享到：微信 QQ空间 新浪微博", "share_bar"),
    ("分享到", "share_bar"),
    ("【打印本页】【关闭窗口】", "page_tools"),
    ("返回顶部", "page_tools"),
    ("浏览次数：1234", "counter"),
    ("本文已影响 3万人", "counter"),
    ("扫一扫在手机打开当前页", "promo_banner"),
])
def test_membership_terms_contacts_and_share_buttons_are_chrome(line, kind):
    assert rules.chrome_kind(line) == kind


def test_a_report_that_speaks_of_members_and_sharing_is_text():
    for line in ("打印机、复印机等设备全年维修12台次。", "全年接待群众来访1234人次，查看现场56处。",
                 "我们为120名VIP客户提供上门服务，客户满意度达到98%。",
                 "本季度共接待客户咨询3200人次，处理投诉45件。",
                 "组织党员扫码学习，全年领取学习资料500余份。"):
        assert rules.chrome_kind(line) == ""


def test_editor_invitations_to_read_on_and_column_offers_go():
    lines = ["社区工作总结如下，快随小编一起来了解下吧。",
             "某某网总结栏目为您提供《社区工作总结》优秀范文，希望对大家有所借鉴！", BODY]
    kept, removed = rules.drop_chrome(lines, "")
    assert kept == [BODY] and removed.cuts["editor"] + removed.cuts["editor_outro"] == 2


def test_an_editable_download_notice_and_template_blanks_go():
    assert rules.remove_inline("下载后可任意编辑社区上半年工作总结一、主要工作")[0] == "社区上半年工作总结一、主要工作"
    assert rules.remove_inline("其中新建3所，下载后可任意编辑扩建2所。")[0] == "其中新建3所，扩建2所。"
    assert rules.remove_inline("社区工作总结编写人:__________ 日 期:__________ 一、主要工作")[0] == "社区工作总结一、主要工作"
    # One blank to fill in a form of the text stays.
    assert rules.remove_inline("报名人员签字：________")[0] == "报名人员签字：________"


def test_a_site_name_with_its_address_goes_alone_or_glued_before_the_text():
    assert rules.chrome_kind("青禾公文写作宝典：www.qinghe-doc.com") == "site_name"
    glued = "青禾公文写作宝典:www.qinghe-doc.comXX镇2021年安全生产工作总结"
    assert rules.remove_inline(glued)[0] == "XX镇2021年安全生产工作总结"
    # A government address in the text stays.
    assert rules.chrome_kind("详见县政府网站：www.example.gov.cn") == ""


def test_the_stock_intro_on_how_common_reports_have_become_goes():
    lines = ["随着人们素质的提高，总结的使用频率越来越高。相信很多朋友都对写总结感到头疼吧。", BODY]
    kept, removed = rules.drop_chrome(lines, "")
    assert kept == [BODY] and removed.cuts["about_writing"] == 2


def test_a_table_of_contents_goes_on_its_lines_or_run_into_one():
    toc = ["目录", "1.县妇联年度工作总结", "2.镇妇联年度工作总结", "3.街道妇联年度工作总结"]
    kept, removed = rules.drop_chrome([*toc, BODY], "")
    assert kept == [BODY] and removed.lines["toc"] == 4
    run = "目录1.县妇联年度工作总结(一) 2.镇妇联年度工作总结3.县妇联年度工作总结(二) 4.街道妇联工作总结"
    assert rules.chrome_kind(run) == "toc"
    # A numbered list of the text itself, with sentences, stays.
    listed = ["目录", "1.加强组织领导，全年召开会议6次。", BODY]
    assert rules.drop_chrome(listed, "")[0] == listed[1:]


def test_a_filler_aphorism_above_the_text_goes():
    lines = ["社区创卫年度工作总结", "山可移，海可填，岁月难留。", BODY]
    kept, removed = rules.drop_chrome(lines, "")
    assert kept == ["社区创卫年度工作总结", BODY] and removed.lines["lead_line"] == 1


def test_chatbot_sign_offs_go():
    lines = [BODY, "希望这篇内容能够满足您的需求！如果有其他问题或需要进一步修改，请随时告知。"]
    kept, removed = rules.drop_chrome(lines, "")
    assert kept == [BODY] and removed.cuts["editor_outro"] == 2


@pytest.mark.parametrize("line", [
    "因篇幅问题不能全部显示，请点此查看更多更全内容",
])
def test_more_notices_of_a_cut_text(line):
    assert rules.chrome_kind(line) == "paywall"


def test_a_section_heading_with_its_more_link_goes():
    assert rules.chrome_kind("年度工作计划 更多>>") == "more_button"
    assert rules.chrome_kind("通知公告 more»") == "more_button"


def test_stock_intros_on_writing_reports_go():
    lines = ["工作总结是推动工作前进的重要环节，所以大家应多做工作总结。",
             "在工作中，汇报是一项重要的任务。通过阅读一些优秀的工作汇报范文，我们可以学习到一些写作技巧。",
             "工作计划是对一定时期的工作预先作出安排和打算，工作计划有许多不同种类，有时间长短之分。",
             "时间过得真快，想必我们需要写好工作总结了。",
             "在工作中，汇报是一项重要的任务，它能够展示自己的工作成果。总结的目的在于让我们认识自己。",
             BODY]
    kept, removed = rules.drop_chrome(lines, "")
    assert kept == [BODY]
    own = "年终总结是推动我们工作的重要环节，我局今年召开总结会3次。"
    assert rules.drop_chrome([own, BODY], "")[0] == [own, BODY]


def test_a_labelled_site_intro_goes():
    lines = ["前言：想要写出一篇出彩的总结吗？我们特意为您整理了5篇教师培训总结范文，相信会为您的写作带来帮助。",
             "导语：写作是一种记录，更是一种创造，愿这些范例能助您一臂之力。", BODY]
    # A page's own lead on how to write is its text (an explainer, for genre to judge), not a site's intro.
    lead = "导读：如何写观后感？观后感是应用文的一种，主要由观和感两部分组成。"
    assert rules.drop_chrome([lead, BODY], "")[0] == [lead, BODY]
    kept, _ = rules.drop_chrome(lines, "")
    assert kept == [BODY]
    own = "前言：为了解全县农村饮水安全情况，我们于3月至5月开展了专题调研。"
    assert rules.drop_chrome([own, BODY], "")[0] == [own, BODY]


def test_a_card_of_counters_and_guest_comments_go():
    assert rules.chrome_kind("来自网络；阅读量38403次；上传者网友投稿；类别工作汇报") == "byline"
    for line in ("游客2516", "网友 88120：写得很好", "楼主辛苦了", "感谢分享！"):
        assert rules.chrome_kind(line) == "comment_box", line
    assert rules.chrome_kind("全年接待游客2516人次，同比增长12%。") == ""
    assert rules.chrome_kind("培训：156次；检查：230次；整改：45项") == ""  # a report's own figures


def _jammer(n: int, seed: int) -> str:
    """A jammer run as anti-copy scripts make it: common characters drawn at random, in no order."""
    import random
    pool, rng = repair.common_hanzi(), random.Random(seed)
    return "".join(rng.choice(pool) for _ in range(n))


@pytest.mark.parametrize("seed", range(5))
def test_runs_of_characters_in_no_order_are_dropped(seed):
    jam = _jammer(120, seed)
    text = "一、销售工作回顾" + jam + "\n全年完成销售额3200万元，较上年增长12%，新开发客户46家。"
    out, removed = repair.repair(text)
    # The run's edges are found to within a character or two: a heading's last character may go.
    assert out.startswith("一、销售工作") and out.endswith("\n全年完成销售额3200万元，较上年增长12%，新开发客户46家。")
    assert removed.chars["nonsense_run"] >= 0.8 * len(jam)
    assert len(out.split("\n")[0]) <= len("一、销售工作回顾") + 0.2 * len(jam)


@pytest.mark.parametrize("line", [
    "本次表彰的先进个人有张建国李红梅王晓东赵丽华陈志强刘海燕孙伟周敏等同志。",
    "项目覆盖城关镇东坝乡桃源村柳溪村石门村杏林村等十二个村居，受益群众达三万余人。",
    "我们坚持以习近平新时代中国特色社会主义思想为指导，扎实推进党风廉政建设和反腐败斗争。",
    "辖区内共有幼儿园小学初中高中职业学校特殊教育学校等各类学校四十二所。",
])
def test_names_places_and_set_phrases_are_not_nonsense(line):
    out, removed = repair.repair(line)
    assert out == line and not removed.chars["nonsense_run"]


def test_pinyin_whose_opening_bracket_was_garbled_with_its_character():
    out, removed = repair.repair("他有强烈的?zé)?rèn心，参加了晚?bào社的培训。")
    assert out == "他有强烈的心，参加了晚社的培训。" and removed.cuts["garbled_pinyin"] == 3


@pytest.mark.parametrize("line", ["信息来源：县农业农村局", "访问次数：", "信息来源：", "工作总结范文发布时间：2020/5/6",
                                  "总结大全更新日期：2021-07-08"])
def test_byline_keys_no_sentence_uses_count_even_glued_after_a_word(line):
    kept, removed = rules.drop_chrome([line, BODY], "某局工作总结")
    assert kept == [BODY] and removed.lines["byline"] == 1


@pytest.mark.parametrize("name, ext", [("2023年度水务局工作总结", ".docx"), ("社区消防安全自查报告", ".docVIP"),
                                       ("实习报告Word格式文档下载", ".pdf")])
def test_a_documents_file_name_above_its_text_keeps_the_name_as_its_title(name, ext):
    kept, removed = rules.drop_chrome([f"{name}{ext}", BODY], "某某文库")
    assert kept == [name, BODY] and removed.cuts["file_name"] == 1 and removed.chars["file_name"] == len(ext)


def test_a_bare_genre_above_the_documents_title_is_the_sites_category():
    kept, removed = rules.drop_chrome(["调研报告", "关于全县农村饮水安全情况的调研报告", BODY], "某某文档")
    assert kept == ["关于全县农村饮水安全情况的调研报告", BODY] and removed.lines["lead_line"] == 1


@pytest.mark.parametrize("line", ["| 某某总结网2", "欢迎来到某某美文网！"])
def test_a_sites_name_as_a_link_or_greeting_goes(line):
    kept, removed = rules.drop_chrome(["2021年水务局目标完成情况总结", line, BODY], "某某网")
    assert BODY in kept and line not in kept and removed.lines["site_name"] == 1


def test_text_that_mentions_a_source_or_a_file_stays():
    lines = ["我们把信息来源分为三类，逐条核实，全年更正错误信息12条。", "会议材料已整理为工作总结.docx并报送县局。"]
    assert rules.drop_chrome(lines + [BODY], "某局工作总结")[0] == lines + [BODY]
    assert rules.drop_chrome(["工作总结.docx并报送县局。", BODY], "某局工作总结")[0] == ["工作总结.docx并报送县局。", BODY]


def test_an_editor_sentence_glued_to_cut_off_text_takes_only_itself():
    line = "全年防治病虫害面积达到12万亩，坚持绿色防控、下面是小编为大家整理的植保工作总结，供大家参考。"
    kept, removed = rules.drop_chrome([line, BODY], "植保工作总结")
    assert kept == ["全年防治病虫害面积达到12万亩，坚持绿色防控、", BODY] and removed.cuts["editor"] == 1
    # An editor sentence that opens its own clause goes whole.
    kept, _ = rules.drop_chrome(["在这个收获的季节里，下面是小编为大家整理的工作总结，供大家参考。", BODY], "植保工作总结")
    assert kept == [BODY]


def test_an_image_element_with_its_source_and_alt_text_goes():
    text, removed = rules.remove_inline('<image>data:image/png;base64,iVBORw0KGgo alt="植保工作总结"</image>\n' + BODY)
    assert text.strip() == BODY and removed.cuts["html"] == 1


def test_an_offer_for_the_reader_to_learn_from_goes():
    kept, removed = rules.drop_chrome([BODY + "以上几份示例，供大家学习和参考。"], "某局工作总结")
    assert kept == [BODY] and removed.cuts["editor_outro"] == 1


@pytest.mark.parametrize("line", ["文件格式docx；类别公文写作", "格式 PDF | 页数 12页 | 分类 工作总结", "文档类型WPS；栏目计划总结",
                                  "文件格式:DOCX；出处:网友上传", "出处网络 · 共计页数15 · 类别心得体会",
                                  "文件格式PDF；资源ID 20230517", "类别实用文档；发表于2021-03-04 10:11",
                                  "文档格式DOC；作者网友投稿；人气1090次", "投稿人用户123 · 总页数8 · 类别心得体会"])
def test_a_file_card_with_keys_set_straight_before_their_values_goes(line):
    kept, removed = rules.drop_chrome([line, BODY], "某局工作总结")
    assert kept == [BODY] and removed.lines["byline"] == 1


def test_text_about_formats_and_categories_stays():
    lines = ["我们统一了台账格式，分类建立档案286卷。", "按类别整理文件，格式统一为docx后上报。"]
    assert rules.drop_chrome(lines + [BODY], "某局工作总结")[0] == lines + [BODY]


def test_a_list_of_documents_with_page_counts_or_dates_goes_without_its_heading():
    listed = ["教务处主任试用期工作报告 3页", "2022年监测站站长述职报告2021-04-24", "公共卫生服务工作总结范文 18页"]
    kept, removed = rules.drop_chrome([BODY, *listed], "某局工作总结")
    assert kept == [BODY] and removed.lines["related_list"] == 3
    # Two such lines are no list; a document's own dated lines are no titles.
    two = listed[:2]
    assert rules.drop_chrome([BODY, *two], "某局工作总结")[0] == [BODY, *two]
