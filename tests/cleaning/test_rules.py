"""Each noise kind from the survey, removed or repaired; document text left alone."""
from worksum.cleaning import repair, rules
from worksum.cleaning.pipeline import Extracted, clean_page


def test_chrome_lines_are_recognised():
    chrome = [
        "上传人：b****6 文档编号：18984581 上传时间：2023-01-02 格式：DOCX 页数：6 大小：22.33KB",
        "下载 相关 举报", "点击查看更多>>", "第3页 / 共6页", "区科技局工作总结.docx_第2页",
        "《区科技局工作总结.docx》由会员分享，可在线阅读，更多相关《区科技局工作总结.docx(6页珍藏版)》请在某某网上搜索。",
        "copyright@ 2008-2022 某某网网站版权所有", "经营许可证编号：鄂ICP备0000000号-1", "当前位置：首页 > 自然科学",
        "来源:某某库 1.58W", "人气:1.86W", "已阅读5页，还剩13页未读 继续免费阅读", "免费预览已结束，立即下载全文",
        "版权说明：本文档由用户提供并上传，收益归属内容提供方，若内容存在侵权，请进行举报或认领", "上一篇：社区工作总结",
        "书签 分享 收藏 举报 版权申诉 / 23", "全文共2102字",
    ]
    for line in chrome:
        assert rules.chrome_kind(line), line


def test_editor_lines_are_removed_as_sentences():
    lines = ["以下是小编为大家收集的妇联工作汇报，供大家参考。", "本年度县妇联围绕中心开展各项工作。",
             "以上就是某某网小编为您整理的总结，希望对您有所帮助。"]
    kept, removed = rules.drop_chrome(lines, "妇联工作汇报")
    assert kept == ["本年度县妇联围绕中心开展各项工作。"]
    assert removed.cuts["editor"] == 2


def test_document_lines_are_kept():
    text = [
        "一、主要工作成效", "（一）粮食生产实现稳面积、增单产",
        "全年粮食播种面积稳定在52.3万亩，总产量达到23.8万吨，较上年增加0.6万吨。",
        "二是在XX区各中小学校组织举办XX年第四届中小学生科技创造发明竞赛活动。",
        "2、认真组织开展科技下乡活动,为群众送上丰盛的科技知识。", "XX区科学技术局",
        "校园科技节的主题是“探索.实践.创新”，内容安排有小制作、小发明比赛。",
    ]
    assert rules.drop_chrome(text, "某县工作总结") == (text, rules.Removals())


def test_related_block_and_title_repeat_dropped():
    lines = ["某县2023年工作总结", "正文第一段，全年完成各项任务。", "相关文章", "年终总结", "述职报告范文"]
    kept, removed = rules.drop_chrome(lines, "某县2023年工作总结.docx")
    assert kept == ["正文第一段，全年完成各项任务。"]
    assert removed.lines == {"title_repeat": 1, "related_list": 3}


def test_inline_page_markers_removed():
    assert rules.strip_inline("加大财富管理产第2页共2页品营销力度") == "加大财富管理产品营销力度"
    assert rules.strip_inline("第一页，共31页。工作") == "工作"
    assert rules.strip_inline("书记抓基层党建项目工作总结(全文共2102字)") == "书记抓基层党建项目工作总结"


def test_pinyin_watermark_junk_and_stray_characters():
    assert repair.remove_pinyin("代理記賬公司績(jì)效考核方案")[0] == "代理記賬公司績效考核方案"
    assert repair.remove_pinyin("安装科普中国APP(app)")[0] == "安装科普中国APP(app)"
    line, n = repair.remove_watermark_runs("全年工作蚆袇肂莀薂袆膅薅袁芇莈螇羄荿取得成效")
    assert line == "全年工作取得成效" and n > 0
    assert repair.remove_watermark_runs("坚持以人民为中心的发展思想扎实推进")[1] == 0
    assert repair.is_ascii_junk("6 z7 W. N) I/ C0 h w7 p d")
    assert not repair.is_ascii_junk("PM2.5 年均浓度")
    assert repair.repair_text("倡导讲究卫生的'良好习惯") == "倡导讲究卫生的良好习惯"
    assert repair.repair_text("详细的.操作规程") == "详细的操作规程"
    assert repair.repair_text("2019 年科技局工作总结和 2020 年工作计划") == "2019年科技局工作总结和2020年工作计划"


def test_chunk_markers_joined_only_when_they_cut_sentences():
    chunked = ["1、今年以来，县科协认真落实各项部署，发放科技", "2、知识手册x份。四是科普宣传进产业，参加培训人数达到x人。二是围",
               "3、绕主题开展活动。"]
    assert repair.join_chunk_markers(chunked) == [
        "今年以来，县科协认真落实各项部署，发放科技知识手册x份。四是科普宣传进产业，参加培训人数达到x人。二是围绕主题开展活动。"]
    real_list = ["1、认真组织开展科技下乡活动。", "活动受到好评。", "2、认真组织科技活动周活动。", "3、认真组织全国科普日活动。"]
    assert repair.join_chunk_markers(real_list) == real_list
    # Chunks run together into one line leave their numbers inside words, far apart.
    body = "今年以来，县科协认真落实各项部署，围绕中心工作开展科普宣传，组织专家下乡服务，发放科技知识手册一千余份，"
    run_together = "1、" + body * 2 + "建立健全管理制2、度，" + body * 2 + "完善考核办3、法。"
    assert repair.join_chunk_markers([run_together]) == [run_together.replace("1、", "").replace("2、", "").replace("3、", "")]
    listed = "主要措施：1、加强领导，2、完善制度，3、强化考核。" + body * 2
    assert repair.join_chunk_markers([listed]) == [listed]
    # The first chunk starts the run: the heading line above it is not the sentence it continues.
    assert repair.join_chunk_markers(["县科协第一季度工作总结"] + chunked)[0] == "县科协第一季度工作总结"


def test_traditional_page_with_pinyin_is_converted_and_cleaned():
    ex = Extracted(url="http://t.example/1.html", site="t.example", title="科技活動週工作總結(jié)",
                   lines=["來源:某某庫 1.58W", "為深入實施創新驅動發展戰略，我局開展智慧財產權宣傳，組織專案團隊進社群，發放科普宣傳資料。" * 6,
                          "熱門標籤", "年終總結怎麼寫"])
    [doc] = clean_page(ex)
    assert doc.script_converted and doc.title == "科技活动周工作总结"
    assert "知识产权" in doc.text and "项目" in doc.text and "社区" in doc.text and "宣传资料" in doc.text
    assert "来源" not in doc.text and "热门" not in doc.text


def test_title_without_seo_tags_and_site_names():
    from worksum.cleaning.normalize import clean_title

    assert clean_title("防汛工作总结12篇【荐】") == "防汛工作总结12篇"
    assert clean_title("2022年机关党建工作总结6篇(全文完整)") == "2022年机关党建工作总结6篇"
    assert clean_title("某某期刊网 团委书记工作总结") == "团委书记工作总结"
    assert clean_title("年终工作总结 某某文库") == "年终工作总结"
    assert clean_title("区科技局工作总结Word格式.docx") == "区科技局工作总结"
    assert clean_title("社区工作总结(通用5篇)") == "社区工作总结(通用5篇)"
    assert clean_title("关于加强互联网信息管理的报告") == "关于加强互联网信息管理的报告"
    assert clean_title("公文处理管理办法｜某某文档网") == "公文处理管理办法"
    assert clean_title("公文处理管理办法_某某范文网") == "公文处理管理办法"


def test_a_lone_chunk_break_inside_a_long_sentence_is_joined():
    long_line = "今年以来，县科协认真落实各项部署，围绕中心工作开展科普宣传，组织专家下乡服务，发放科技知识手册一千余份，" * 3
    cut = long_line + "建立健全管理制"
    # One chunk number, or a bare page number, where the page's chunks broke a word.
    assert repair.join_chunk_markers([cut, "2、度，完善考核办法。"]) == [cut + "度，完善考核办法。"]
    assert repair.join_chunk_markers([cut, "3", "度，完善考核办法。"]) == [cut + "度，完善考核办法。"]
    # The first chunk's number before a long text with no second item.
    assert repair.join_chunk_markers(["1、" + long_line + "。", "二、主要做法"]) == [long_line + "。", "二、主要做法"]
    # A list after a finished sentence or after a short heading stays a list.
    kept = [long_line + "。", "2、完善考核办法。"]
    assert repair.join_chunk_markers(kept) == kept
    listed = ["1、" + long_line + "。", "2、完善考核办法。"]
    assert repair.join_chunk_markers(listed) == listed
    # A page number needs less: any line cut mid-sentence before it. A bare break needs a whole chunk.
    short = "城市管理是规划和建设的延伸，贯穿于城市规划和建设的全过程，作为一项系统工程，城市管理日益凸显其基础性、统筹性和"
    assert repair.join_chunk_markers([short, "1", "战略性。"]) == [short + "战略性。"]
    assert repair.join_chunk_markers([cut, "度，完善考核办法。"]) == [cut + "度，完善考核办法。"]
    assert repair.join_chunk_markers([cut, "二、主要做法"]) == [cut, "二、主要做法"]
    heading = ["主要做法", "1", "完善考核办法。"]
    assert repair.join_chunk_markers(heading) == heading
