from worksum.cleaning.genre import ABOUT, CUES, DOCUMENT, OTHER, Genre, classify, side_of
from worksum.cleaning.pipeline import Extracted, clean_page

FIRST_PERSON = (
    "回首这一年，我在综合办公室岗位上度过了忙碌而充实的日子。\n"
    "年初我接手了档案整理工作，用三个月时间清理了积压的1200多份文件，建立了电子目录，查档时间从半天缩短到十分钟。\n"
    "我还负责全处的会议保障，全年筹备大小会议46场，没有出过一次差错。工作之余，我坚持学习公文写作，"
    "起草的材料有8篇被单位采用。\n"
    "当然，我也有不足之处：遇到急事时考虑不够周全，和其他科室的沟通还不够主动。\n"
    "新的一年里，我将把档案数字化推进到2019年以前的旧卷，并主动向老同事请教，让自己的工作更上一个台阶。"
)
ORGANISATION = (
    "今年以来，我局在县委、县政府的正确领导下，紧紧围绕全年目标任务，扎实推进各项工作。现将上半年工作情况汇报如下：\n"
    "一、主要工作及成效\n"
    "一是抓好春耕生产。组织农技人员下乡指导42次，培训农民1300余人次，发放种子和化肥补贴286万元。\n"
    "二是推进高标准农田建设。完成新建农田1.2万亩，占全年任务的60%。\n"
    "三是做好动物防疫。春季集中免疫牲畜8.6万头，开展养殖场巡查210场次，全县未发生重大动物疫情。\n"
    "二、存在的问题\n"
    "部分乡镇项目进度偏慢，农技人员力量不足，基层服务站的设备老化问题还没有得到解决。\n"
    "三、下一步工作打算\n"
    "下半年我局将加快项目建设进度，确保全年任务按期完成。"
)
HOW_TO = (
    "年终总结是对一年工作的回顾和梳理，也是领导了解你工作的重要材料。那么，年终总结到底应该怎么写呢？\n"
    "一、年终总结的基本结构\n"
    "年终总结一般由标题、正文和落款三部分组成。标题要简洁明了，正文应包括工作回顾、成绩与不足、明年计划。\n"
    "二、写作时需要注意什么？\n"
    "首先，你需要用数据说话，不要空喊口号。其次，撰写时要实事求是，既不夸大成绩，也不回避问题。"
    "最后，语言要简练，篇幅控制在两千字以内。\n"
    "三、常见的误区\n"
    "很多人写总结喜欢罗列流水账，把每天做过的事情都写进去，结果重点不突出；也有人只写成绩不写问题，读起来像表功。\n"
    "掌握了以上几点，相信你一定能写出一份让领导满意的年终总结。"
)
TEMPLATE = (
    "本模板适用于机关事业单位干部年度述职，可编辑Word格式，下载后可直接套用。\n"
    "模板包括以下几个部分：个人基本情况、履行岗位职责情况、廉洁自律情况、存在的不足和努力方向。\n"
    "使用时，您只需根据自己的岗位填写相应内容，把示例中的括号部分替换为本人的实际工作即可。\n"
    "述职报告的篇幅一般在三千字左右，标题可写为“XX单位XX同志20XX年度述职报告”。\n"
    "温馨提示：述职报告应突出重点工作和实际成效，语言要平实，避免堆砌套话。"
)
REGULATION = (
    "第一章 总则\n"
    "第一条 为规范公司员工考勤管理，维护正常工作秩序，结合公司实际，制定本办法。\n"
    "第二条 本办法适用于公司全体正式员工和试用期员工。\n"
    "第二章 工作时间\n"
    "第三条 公司实行每周五天工作制，上午九时至十二时，下午一时三十分至五时三十分。\n"
    "第四条 因工作需要加班的，须提前填写加班申请单，经部门负责人批准后报人力资源部备案。\n"
    "第五条 员工应按时上下班，迟到或早退超过三十分钟的按旷工半天处理。\n"
    "第三章 附则\n"
    "第六条 本办法由人力资源部负责解释，自发布之日起施行。"
)
JOB = (
    "岗位职责：\n"
    "1.负责部门日常文件的收发、登记和归档，做好会议记录；\n"
    "2.协助主管做好来访接待和办公用品采购管理；\n"
    "3.完成上级交办的其他事务性工作。\n"
    "任职要求：\n"
    "1.大专及以上学历，文秘或行政管理专业优先；\n"
    "2.熟练使用办公软件，具备良好的沟通能力和责任心。\n"
    "薪资待遇：月薪4500-6000元，五险一金，周末双休，工作地点在市区东环路。"
)
TRADITIONAL = (
    "回顧這一年的工作，我在領導和同事們的幫助下，較好地完成了各項任務。現將一年來的工作總結如下：\n"
    "一、加強學習，提高業務能力。我堅持每週參加業務培訓，全年完成線上課程32門。\n"
    "二、認真做好本職工作。全年受理群眾來電來訪1500餘件，辦結率達到98%。\n"
    "三、存在的不足。對新政策的學習還不夠深入，處理複雜問題的經驗不足。\n"
    "明年我將繼續努力，爭取把工作做得更好。"
)
NEWS = (
    "本报讯（记者 周文）12月20日，市统计局召开年度工作会议，回顾全年统计工作，部署明年重点任务。\n"
    "记者在会上了解到，今年全市共完成各类统计调查项目36项，发布统计数据1200余条。\n"
    "会议要求，各单位要进一步提高数据质量，为全市经济社会发展提供可靠依据。局领导班子成员及各科室负责人参加会议。\n"
    "会上，三个区县统计部门作了交流发言，介绍了在基层统计规范化建设、普查数据质量控制方面的做法。会议还对年度统计工作先进单位进行了表彰。"
)


def test_first_person_summary_without_a_work_word_title_is_a_document():
    g = classify("这一年的点滴", FIRST_PERSON)
    assert g.label == DOCUMENT and g.score >= 0.5
    assert "first_person" in g.cues and "title_names_no_work_genre" in g.cues


def test_organisational_report_is_a_document():
    g = classify("青岚县农业农村局2023年上半年工作汇报", ORGANISATION)
    assert g.label == DOCUMENT and g.score > 0.9
    assert {"organisation_speaks", "report_preamble", "reporting_period", "problems", "next_steps"} <= set(g.cues)


def test_how_to_write_guide_is_about_documents():
    g = classify("年终总结怎么写？这几点要注意", HOW_TO)
    assert g.label == ABOUT and g.score < 0.5
    assert {"title_howto", "structure_description", "reader_addressed", "questions"} <= set(g.cues)


def test_template_description_is_about_documents():
    g = classify("述职报告模板（可编辑Word版）", TEMPLATE)
    assert g.label == ABOUT and g.score < 0.5
    assert "template_description" in g.cues


def test_regulation_and_job_description_are_other_text():
    reg = classify("某公司员工考勤管理办法", REGULATION)
    assert reg.label == OTHER and "regulation" in reg.cues
    job = classify("行政专员", JOB)
    assert job.label == OTHER and job.cues[0] == "job_description"
    news = classify("市统计局召开年度工作会议", NEWS)
    assert news.label == OTHER and "news" in news.cues


def test_traditional_text_is_read_as_simplified():
    g = classify("二〇二三年個人工作總結", TRADITIONAL)
    assert g.label == DOCUMENT and g.score > 0.9
    assert classify("二〇二三年个人工作总结", TRADITIONAL).score > 0.9


def test_the_score_follows_the_evidence():
    """Instruction to the reader lowers the score of the same narrative; a stated reporting period raises it."""
    base = classify("工作总结", FIRST_PERSON).score
    assert classify("工作总结怎么写", FIRST_PERSON + "\n写作时你需要注意格式，撰写前先列提纲。").score < base
    assert classify("", "某某。" + FIRST_PERSON).score <= classify("", "今年以来，" + FIRST_PERSON).score
    assert isinstance(classify("", ""), Genre) and classify("", "").label != DOCUMENT


def test_every_cue_has_a_side_and_a_name_of_its_own():
    names = [c.name for c in CUES]
    assert len(names) == len(set(names))
    assert {side_of(n) for n in names} == {DOCUMENT, ABOUT, OTHER}


def _finish(title: str, text: str):
    ex = Extracted(url="http://x.example/1", site="x.example", title=title, lines=text.split("\n"))
    return clean_page(ex)[0]


def test_filters_reject_by_genre_and_record_it():
    doc = _finish("青岚县农业农村局2023年上半年工作汇报", ORGANISATION)
    assert doc.reason == "" and doc.meta["genre"] == DOCUMENT and doc.meta["genre_score"] > 0.9
    assert doc.meta["doc_type"] == "工作汇报"
    about = _finish("年终总结怎么写？这几点要注意", HOW_TO)
    assert about.reason == "about_document" and about.meta["genre"] == ABOUT
    assert about.meta["doc_type"] is None  # doc_type is only given to work documents
    assert _finish("某公司员工考勤管理办法", REGULATION).reason == "other_genre"
    assert _finish("行政专员", JOB).reason == "job_ad"
    assert _finish("市统计局召开年度工作会议", NEWS).reason == "news"


SPEECH = (
    "同志们：\n"
    "今天我们召开全县安全生产工作会议，主要任务是总结去年工作，部署今年任务。刚才，几位同志作了很好的发言，我都赞同。"
    "下面，我再讲三点意见。\n"
    "一、认清形势，切实增强做好安全生产工作的责任感。去年全县发生各类事故12起，同比下降20%，但形势依然严峻。\n"
    "二、突出重点，扎实开展隐患排查整治。各乡镇、各部门要对照清单逐项排查，做到不留死角。\n"
    "三、压实责任，确保各项措施落到实处。"
)
LESSON = (
    "这次集中学习了县委书记在全县安全生产工作会议上的讲话，我深刻认识到安全工作没有旁观者。\n"
    "作为一名乡镇安监员，我过去有时觉得检查是走过场，通过这次学习，我明白了每一次检查都可能避免一起事故。\n"
    "今后我将把排查清单带在身上，每周至少走访5家企业，发现问题当场登记、限期整改。"
)


def test_a_speech_is_other_text_but_notes_on_a_speech_are_a_document():
    speech = classify("在全县安全生产工作会议上的讲话", SPEECH)
    assert speech.label == OTHER and "title_scheme_or_speech" in speech.cues
    notes = classify("学习县委书记讲话精神心得体会", LESSON)
    assert notes.label == DOCUMENT and "title_scheme_or_speech" not in notes.cues


def test_first_person_inside_quotations_is_not_the_narrator():
    quoted = "一篇好的心得要有真情实感，例如“我在这次培训中学到了很多”“我认识到自己的不足”“我们小组完成了任务”这样的句子。"
    assert "first_person" not in classify("心得体会的写法", quoted).cues
    assert "first_person" in classify("培训心得", quoted.replace("“", "").replace("”", "")).cues


def test_a_sites_introduction_does_not_speak_for_the_document_after_it():
    intro = "工作汇报是下级向上级反映工作情况的文书，那么一份好的工作汇报该怎么写呢？下面是整理的2篇工作汇报范文，供大家参考。\n"
    with_intro = classify("上半年工作汇报", intro + ORGANISATION)
    assert with_intro.label == DOCUMENT and "definition" not in with_intro.cues
    assert classify("上半年工作汇报", intro + ORGANISATION).score == classify("上半年工作汇报", ORGANISATION).score


def test_a_meeting_reported_as_news_is_other_text_though_it_reviewed_the_year():
    text = ("1月8日上午，市水务局召开2023年度工作总结大会，局领导班子成员和各科室、下属单位负责人参加会议。\n"
            "会议由局办公室主任主持。会上，局长回顾了过去一年全市供水保障、防汛抗旱和河湖治理等方面的工作，"
            "对新一年的重点任务作了部署。会议强调，全局上下要进一步转变作风，抓好各项工作的落实。")
    g = classify("市水务局召开2023年度工作总结大会", text)
    assert g.label == OTHER and {"title_event", "meeting_report"} <= set(g.cues)
    assert "title_names_work_genre" not in g.cues  # a 总结大会 is an event, not a 总结


def test_a_monthly_report_states_its_period():
    text = ("本月我主要负责华东区域的渠道维护和新客户开发，现将本月工作汇报如下。\n"
            "一、销售完成情况：本月实现销售额86万元，完成月度目标的108%，新签客户4家。\n"
            "二、存在的问题：个别老客户回款偏慢，逾期金额约12万元。\n"
            "三、下月计划：重点跟进两家意向客户，配合财务做好回款催收。")
    g = classify("销售经理月度工作汇报", text)
    assert g.label == DOCUMENT and "reporting_period" in g.cues and "report_preamble" in g.cues


def test_a_report_given_to_colleagues_with_its_unit_hidden_as_某_is_still_a_document():
    text = ("各位领导、同志们：\n"
            "我于去年3月起担任某县某镇党委副书记，分管党建和宣传工作。一年来，我带领党建办完成了12个村党支部的换届，"
            "组织党员集中学习24次，某县委组织部对我镇党建工作给予了肯定。\n"
            "工作中也存在不足：深入基层调研的时间偏少，对年轻干部的培养还不够。今后我将加强学习，改进作风。")
    g = classify("镇党委副书记述职报告", text)
    assert g.label == DOCUMENT and "third_person_cases" not in g.cues and "speech" not in g.cues


def test_news_of_a_reporting_meeting_is_other_text():
    text = ("为总结一年来的团学工作，某学院团委于12月20日下午在图书馆报告厅召开团支部书记述职评议会，学院团委委员和各班团支书参加了此次会议。\n"
            "会议伊始，团委副书记介绍了评议规则。随后，14名团支书依次上台述职，从思想引领、组织建设和特色活动等方面展示了一年来的工作。"
            "会议最后，团委书记对各支部的工作进行了点评，指出了存在的问题，并对下一步工作提出了要求。")
    g = classify("", text)
    assert g.label == OTHER and "meeting_report" in g.cues and "title_names_work_genre" not in g.cues


STORY = (
    "那天晚上我和同事去看了一场电影。我们在影院门口等了很久，我买了两杯热饮，又在售票机前排了一会儿队。\n"
    "散场以后我们沿着河边慢慢走回家，我一路上都在想电影里那个老船长的样子，直到进了家门还在跟家里人讲。"
)
DISTRICT = (
    "全区上半年完成固定资产投资120亿元，同比增长8.5%，其中工业投资46亿元。新开工项目37个，竣工项目21个。\n"
    "社会消费品零售总额达到58亿元，城镇新增就业4200人，居民人均可支配收入稳步提高。"
)


def test_who_speaks_and_about_what_period_count_together():
    """A narrator alone is a story, a period's figures alone are a bulletin: only both make a report."""
    story = classify("周末看电影", STORY)
    figures = classify("", DISTRICT)
    report = classify("", "今年以来，我区坚持稳中求进。" + DISTRICT + "\n下一步，我们将抓好重点项目建设。")
    assert story.label != DOCUMENT and "first_person" in story.cues
    assert figures.label != DOCUMENT and "results_figures" in figures.cues
    assert report.label == DOCUMENT and {"organisation_speaks", "reporting_period", "next_steps"} <= set(report.cues)
    assert report.score > max(story.score, figures.score) + 0.3


def test_a_title_alone_sits_just_under_the_threshold_and_one_sign_of_a_report_carries_it_over():
    plain = "天气晴朗，操场上很安静，树影落在跑道上。"
    assert 0.4 < classify("第二小学安全工作总结", plain).score < 0.5
    assert classify("第二小学安全工作总结", "本学期" + plain).score > 0.5
    assert classify("操场", plain).score < 0.3  # no claim at all


def test_a_compilations_first_piece_is_read_after_the_sites_words_to_its_visitor():
    intro = "写总结离不开好的范文，你培养了看范文的习惯吗？感谢您的光临，为您精心挑选了以下几篇。\n"
    page = classify("上半年工作汇报（精选3篇）", intro + "农业农村局上半年工作汇报【篇1】\n" + ORGANISATION)
    assert page.label == DOCUMENT
    assert not {"questions", "reader_addressed"} & set(page.cues)


def test_questions_quoted_from_others_are_not_put_to_the_reader():
    text = ("这次写思想汇报前，有同学问我：“你写了几页？”“到底写些什么？”我想，汇报的是自己真实的思想。\n"
            "本季度我认真学习了党章，参加了支部组织的两次主题党日活动，对党员的义务有了更深的认识。\n"
            "以上是我的思想汇报，请党组织批评帮助。")
    g = classify("第三季度思想汇报", text)
    assert g.label == DOCUMENT and "questions" not in g.cues and "closing_formula" in g.cues


def test_news_told_by_a_writer_or_a_dateline_is_other_text():
    learned = classify("", "昨日，笔者从县财政局获悉，今年上半年全县完成财政收入9.6亿元，同比增长6.2%。"
                           "县财政局积极组织收入，加强税源分析，确保完成全年任务。")
    assert learned.label == OTHER and "news" in learned.cues
    dated = classify("", "3月12日上午，县委书记率队检查春耕生产，要求抓好农资供应。"
                         "检查组一行先后来到三个乡镇，实地察看了育秧大棚和农机合作社。")
    assert dated.label == OTHER and {"dated_event", "officials_act"} <= set(dated.cues)
    assert _finish("", "昨日，笔者从县财政局获悉，今年上半年全县完成财政收入9.6亿元，同比增长6.2%。" * 8).reason == "news"
    assert _finish("", "3月12日上午，县委书记率队检查春耕生产，要求抓好农资供应。" * 8).reason == "news"
    lined = classify("县供电公司开展安全日活动", "县电力网讯：4月2日，县供电公司领导班子成员分别深入基层班组，参加安全日活动。"
                                            "活动中，大家学习了安全规程，查找身边隐患12处。")
    assert lined.label == OTHER and "news" in lined.cues


def test_a_statistical_bulletin_is_other_text():
    text = ("初步核算，全年全县地区生产总值186.4亿元，按可比价格计算，比上年增长6.1%。"
            "其中，第一产业增加值21.3亿元，增长3.2%；第二产业增加值78.9亿元，增长7.0%。")
    g = classify("某县2023年国民经济和社会发展统计公报", text)
    assert g.label == OTHER and "statistics" in g.cues


def test_a_year_as_the_whole_title_claims_a_look_back_at_it():
    assert "title_names_work_genre" in classify("我的 2023", FIRST_PERSON).cues
    assert "title_names_work_genre" not in classify("2023 年会节目单", STORY).cues


def test_a_long_document_is_read_at_its_end_as_well():
    middle = "我们组织开展了业务培训，参训人员认真学习了操作规程。\n" * 600  # far past the opening
    g = classify("办公室主任述职报告", ORGANISATION + "\n" + middle + "以上是我的述职报告，不妥之处，请各位领导批评指正。")
    assert "closing_formula" in g.cues and g.label == DOCUMENT


def test_a_speech_is_other_text_whatever_follows_its_name_in_the_title():
    text = ("尊敬的各位家长：\n大家下午好！首先，我代表学校全体教师，向各位家长的到来表示热烈的欢迎和衷心的感谢！\n"
            "本学期我校在上级部门的关心下，教学质量稳步提高，三个年级的期中考试平均分都比去年同期提高了5分。"
            "希望各位家长多和孩子谈心，和老师多沟通，我们一起把孩子培养好。")
    g = classify("期中家长会校长发言稿3篇", text)
    assert g.label == OTHER and {"title_scheme_or_speech", "speech"} <= set(g.cues)


def test_a_title_glued_to_the_text_is_read_as_the_title_but_a_definition_is_not():
    glued = classify("文档资料", "1、县水务局防汛工作总结今年我县汛期降雨偏多，局党组高度重视，提前部署，"
                         "全年共排查隐患86处，整改到位81处，没有发生人员伤亡。")
    assert "title_names_work_genre" in glued.cues and glued.label == DOCUMENT
    definition = classify("", "述职报告是指干部向组织和群众陈述本人在一定时期内履行岗位职责情况的一种文书，"
                              "一般由标题、称谓、正文和落款组成。")
    assert "title_names_work_genre" not in definition.cues and definition.label == ABOUT


def test_a_table_of_contents_is_not_the_title():
    text = ("目录\n- 一、为什么要做这次复盘？\n- 二、这一年做成了什么\n- 三、明年怎么办\n"
            "一、为什么要做这次复盘\n今年是我在这家公司的第三年，我负责的客服系统完成了两次大的改版，投诉量下降了三成。"
            "但我在带新人方面做得不够，明年我想把带教的经验整理成文档。")
    g = classify("我的 2023", text)
    assert "title_howto" not in g.cues and g.label == DOCUMENT


def test_an_impersonal_plan_reads_as_a_document_by_what_it_means_to_reach():
    text = ("一、围绕中心工作，组织职工建功立业\n继续开展劳动技能竞赛，力争全年创建市级先进班组2个。"
            "进一步深化职工技术创新活动，组织技术骨干和专家参加技术攻关，年底前完成10项合理化建议的评审。\n"
            "二、做好困难职工帮扶\n确保完成节日慰问和大病救助，计划于三月前建立困难职工档案。")
    g = classify("局工会年度工作计划", text)
    assert g.label == DOCUMENT and "plan_intent" in g.cues
    assert "third_person_cases" not in g.cues  # experts taking part are not experts cited


def test_a_unit_speaking_of_itself_by_its_name_speaks_as_the_author():
    text = ("中心始终坚持预防为主的方针，全年共完成疫苗接种3.2万剂次，处置聚集性疫情12起，全区未发生重大疫情。\n"
            "一、监测预警\n全年督导辖区医疗机构46家，传染病报告及时率达到99%。\n"
            "中心将继续加强监测预警，确保不发生重大传染病暴发。")
    g = classify("", text)
    assert g.label == DOCUMENT and "unit_narrator" in g.cues


def test_a_plan_naming_itself_speaks_as_its_author():
    text = ("本计划旨在明确学生会各部门在新学年的工作目标和任务。学生会将继续坚持服务同学的宗旨，"
            "每月至少组织一次志愿服务，力争全年参与人数超过500人次。")
    g = classify("", text)
    assert g.label == DOCUMENT and {"self_reference", "plan_intent"} <= set(g.cues)


def test_a_sentence_about_a_meeting_is_no_glued_title():
    text = ("年终总结大会是企业在年末回顾一年工作的活动，一般包括领导致辞、表彰先进和抽奖等环节。"
            "那么大会应该怎样安排呢？下面分几点说明。")
    assert "title_names_work_genre" not in classify("", text).cues


def test_a_site_menu_naming_speeches_does_not_make_a_reflection_a_speech():
    menu = "本站提供优质范文 工作汇报 思想汇报 发言稿 主题教育 教案设计\n"
    text = ("参观纪念馆心得体会\n"
            "3月23日，我和车间的党员一起参观了革命纪念馆。一张张照片、一件件实物让我深受震撼，"
            "通过这次参观，我深刻认识到今天的幸福生活来之不易。今后我将立足岗位，把这份感动化作干好工作的动力。")
    g = classify(menu.strip(), text)
    assert g.label == DOCUMENT and "title_scheme_or_speech" not in g.cues and "feelings" in g.cues


def test_a_blog_that_says_it_looks_back_on_its_year_speaks_as_the_author():
    text = ("春节过去了，也是时候总结一下我的2023年了。这一年我从学校走进职场，换了城市，也认识了很多新同事。\n"
            "工作上，我负责的模块按时上线了两次；生活上，我开始每周跑步。明年我想把英语捡起来。")
    g = classify("", text)
    assert g.label == DOCUMENT and "self_reference" in g.cues


def test_hiring_and_shop_words_are_a_topic_of_a_work_report_not_its_genre():
    from worksum.cleaning.genre import classify

    report = ("一、主要工作完成情况\n今年以来，人力资源部围绕公司年度目标，扎实做好招聘、培训和薪资管理工作。"
              "全年组织校园招聘4场，发布招聘岗位36个，新入职员工58人；完成薪资套改和五险一金基数调整，"
              "员工满意度达到92%。\n二、存在的问题\n一是招聘渠道较为单一；二是培训效果评估不够到位。\n"
              "三、下一步工作打算\n明年我们将拓宽招聘渠道，完善薪资激励机制，力争关键岗位到岗率达到95%。")
    assert classify("人力资源部2023年工作总结", report).label == "document"
    advert = ("岗位职责：\n1. 负责公司招聘渠道维护\n2. 负责员工入职手续办理\n任职要求：\n本科及以上学历，两年以上工作经验。"
              "薪资待遇：月薪6000-8000元，五险一金，周末双休。\n工作地点：城东新区。\n有意者请投递简历至人事部。")
    assert classify("招聘人事专员", advert).label == "other"


def test_a_paper_about_annual_reports_is_other_text():
    paper = ("——以某某学院图书馆为例\n图书馆年度报告是图书馆用数据统计总结一年来各项工作的文献。\n一、引言\n"
             "近年来，各高校图书馆相继发布年度报告，内容涵盖馆藏建设、读者服务和数字资源等方面，"
             "全年接待读者52万人次，新增图书3.1万册。本文梳理年度报告的编制现状，分析存在的问题。")
    assert classify("高校图书馆年度报告的现状与启示", paper).label != DOCUMENT


def test_writing_and_forms_a_report_counts_among_its_work_are_not_advice_on_writing():
    report = ("今年以来，我在办公室主要负责文字材料和统计工作。全年撰写调研报告3篇、信息简报24期，起草各类文件46份，"
              "认真填写各类统计报表，做到数据准确、报送及时。我们将写好新时代的奋斗篇章，继续提高工作质量。\n"
              "存在的不足是学习还不够系统。明年我将加强业务学习，争取把工作做得更好。")
    g = classify("办公室文员个人工作总结", report)
    assert g.label == DOCUMENT and "writing_acts" not in g.cues and "template_description" not in g.cues
    assert classify("年终总结怎么写？这几点要注意", HOW_TO).label == ABOUT


def test_the_party_salutation_as_the_pages_title_claims_a_thought_report():
    text = ("成为预备党员以来，我对党有了更深入的了解。我认真学习党的理论，积极参加组织生活，"
            "在工作中努力发挥党员的模范作用。今后我将继续努力，请党组织考验我。")
    g = classify("敬爱的党组织：", text)
    assert g.label == DOCUMENT and "title_names_work_genre" in g.cues


def test_hiring_words_under_a_title_naming_a_work_genre_are_its_topic():
    plan = ("一、职务设置与人员配置计划\n根据公司年度经营目标，人力资源部将新设岗位6个。\n二、人员招聘计划\n"
            "全年计划招聘员工40人，岗位要求与任职资格由各部门提出，薪资按公司标准执行。\n三、培训计划\n"
            "全年组织培训12期。\n四、学校落实双休日制度，不组织补课。")
    g = classify("20xx年度人力资源管理计划", plan)
    assert g.label == DOCUMENT


def test_a_report_naming_its_own_points_is_not_describing_the_genre():
    report = ("20xx年，某集团综合管理部在公司领导的正确领导下，紧紧围绕劳动用工合规等重点任务，各项工作取得了明显成效。\n"
              "一、工作开展情况\n一是实行周调度、月通报、季考核，推动各项任务按节点落实。二是开展专题调研5次，形成调研报告4篇。\n"
              "二、存在的问题\n存在的问题主要有：一是制度落实不够到位；二是人员力量不足。\n"
              "三、下一步打算\n下一步，我们将从以下几个方面加以改进，重点抓好以下几点工作。")
    g = classify("综合管理部工作总结", report)
    assert g.label == DOCUMENT and "structure_description" not in g.cues


def test_a_department_reviewing_its_year_without_a_title_is_a_document():
    text = ("在2023年的工作中，客房部始终以客户满意为核心，围绕服务质量开展工作。以下是对本年度工作的总结与分析。\n"
            "一、工作成果\n客房部通过定期培训，提高了员工的服务技能，客户满意度提升了8%。\n"
            "二、存在的问题\n部分员工服务意识不强，明年将加强培训。")
    g = classify("", text)
    assert g.label == DOCUMENT and {"unit_narrator", "report_preamble"} <= set(g.cues)
    # The editor's "以下是小编整理的…总结" is not the report speaking.
    assert "report_preamble" not in classify("", "以下是小编整理的客房部工作总结，供大家参考。").cues


def test_viewing_and_reading_reflections_and_work_logs_are_titled_as_work_documents():
    for title in ("微电影《守望》观后感", "《平凡的世界》读后感", "酒店前台实习日记"):
        assert "title_names_work_genre" in classify(title, FIRST_PERSON).cues


def test_writing_code_or_test_cases_is_no_writing_advice():
    text = ("我在公司测试部实习，负责编写测试用例和自动化脚本，三个月共执行用例两千多条，发现缺陷一百二十个。\n"
            "实习期间我学会了接口测试，也认识到自己在需求分析上的不足，今后要多向同事请教。")
    assert "writing_acts" not in classify("软件测试实习报告", text).cues


def test_so_called_before_a_noun_is_no_definition():
    text = ("作为当代大学生，我们这些所谓的天之骄子，只有在挑战和经历中才能更加认真地学习和生活。\n" + FIRST_PERSON)
    assert "definition" not in classify("暑期社会实践报告", text).cues
    assert "definition" in classify("述职报告", "所谓述职报告，就是任职者向上级报告履职情况的文书。\n" + FIRST_PERSON[:80]).cues


def test_a_title_naming_a_regulation_last_is_other_text():
    text = ("一、项目部应每周召开安全生产例会，对施工现场安全情况进行总结。\n"
            "二、每月进行一次安全生产情况总结，并以书面形式上报公司安全管理部门。\n"
            "三、项目完工后，应对安全生产工作进行全面总结和评价。")
    g = classify("项目安全生产工作总结与评价管理规定", text)
    assert g.label == OTHER and "title_scheme_or_speech" in g.cues


def test_a_page_without_a_real_title_is_judged_by_its_body():
    report = ("今年上半年，公司在集团的正确领导下，紧紧围绕年度目标，外抓市场，内强管理，顺利完成了上半年利润指标。\n"
              "一是强化安全管理，开展隐患排查12次，整改问题37个。\n二是加强成本控制，燃料单耗同比下降3.2%。\n"
              "存在的问题：设备老化，维修费用偏高。下一步，我们将加快技改步伐。")
    for title in ("时间:2023-03-01 16:19:55", "一、学期工作概述", ""):
        g = classify(title, report)
        assert g.label == DOCUMENT and "title_names_no_work_genre" not in g.cues, title
    assert "title_names_no_work_genre" in classify("公司新闻", report).cues  # a real title naming no genre still counts


def test_a_host_script_is_other_text():
    script = "\n".join(["男：满载着丰硕的果实，我们迎来了新的一年。", "女：托举着美好的蓝图，我们吹响了前进的号角。",
                        "男：昨天我们挥洒汗水，创造了一个个奇迹。", "女：今天我们欢聚一堂，共同分享胜利的喜悦。"])
    g = classify("", script)
    assert g.label != DOCUMENT and "host_script" in g.cues


def test_a_notice_handing_a_document_on_is_other_text():
    text = ("各乡镇人民政府，市安委会有关成员单位：\n现将《全市煤矿安全生产大检查工作实施方案》印发给你们，请抓好贯彻落实。\n"
            "市安全生产委员会办公室\n2022年5月17日\n为深入学习贯彻安全生产重要指示精神，我市决定开展煤矿安全生产大检查。")
    g = classify("", text)
    assert g.label == OTHER and "notice" in g.cues


def test_a_first_clause_only_guessed_to_be_the_title_weighs_less_than_a_title():
    # No page title: the first clause ("光阴似箭") may be the title glued on, or the text's opening idiom.
    text = "光阴似箭，我在综合办公室度过了一年。今年我整理档案1200多份，筹备会议46场。"
    guessed, titled = classify("", text), classify("光阴似箭", text)
    assert "title_names_no_work_genre" in guessed.cues and guessed.score > titled.score
    # A clause opened by its speaker is a sentence, no title at all.
    assert "title_names_no_work_genre" not in classify("", "我在综合办公室度过了一年，整理档案1200多份。").cues


def test_an_experience_exchange_paper_is_a_work_genre():
    body = ("这学期，我们社区网格员走访住户2300户，收集并解决群众诉求186件。\n"
            "我们把辖区分成12个网格，每个网格配一名专职网格员，做到小事不出网格。\n"
            "下一步，我们将把经验推广到相邻的三个小区。")
    found = classify("社区网格化管理经验交流材料", body)
    assert "title_names_work_genre" in found.cues and found.label == DOCUMENT


def test_a_list_heading_taken_for_the_page_title_is_no_title():
    body = ("春耕生产已经顺利结束。春耕期间，我们组织农机手培训36期，完成机耕面积12万亩，比上年增加8%。\n"
            "一、基本情况\n全县投入拖拉机2100台，播种机860台。\n二、存在问题\n部分乡镇机具老化，维修网点不足。")
    assert "title_names_no_work_genre" not in classify("- 相关推荐", body).cues
    assert "title_names_no_work_genre" in classify("春耕农机作业情况", body).cues


def test_a_clause_opening_from_a_time_is_no_title():
    text = "从3月份来到律师事务所实习，我每天整理卷宗，跟着带教律师去法院旁听了12次庭审。"
    assert "title_names_no_work_genre" not in classify("", text).cues
