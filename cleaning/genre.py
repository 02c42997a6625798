"""Genre: is a text a work document itself, an article about such documents, or other text?

A work document (总结, 汇报, 述职, 计划, 心得, 自查/调查报告, 思想汇报, 范文 included) is told by who
speaks and about what: an author speaking for themself or their unit (我, 我们, 我局, 现将…汇报如下,
请领导批评指正) about a stretch of their own work (今年以来, 本学期, what was done with figures,
problems, next steps, what was learnt). An article about work documents addresses its reader
instead (怎么写, 你需要, 格式, 什么是…？) and makes the genre its subject. Other text has marks of its
own: articles of a regulation, job requirements, a reporter or a dateline opening news, shop labels.

Every pattern lives in CUES, named by what it is, in one of five families: the TITLE's claim, the
SPEAKER (who speaks as the author), the CONTENT (a period's work), ABOUT and OTHER. A cue adds its
weight per match, up to `cap` matches; the speaker and content families are capped as a whole, so
that no single cue, and no long text repeating one, decides alone. The score is the logistic of

    BIAS + title + ALONE × (speaker + content) + BOTH × min(speaker, content) − about − other

A speaker alone is a story or a blog, content alone is what news, bulletins and essays describe
too: each counts half on its own, and the two together (who speaks about what period) add BOTH. The
title says what a text claims to be, and the body can overturn it: a text titled as a work
document and saying nothing else sits just under the threshold 0.5, which one sign of a speaker
or of a report's content carries it over. Weights are set by hand so that each can be read and
argued with (bench/genre_model.py compares weights learned from generated text).

Cues are read where they mean something: who speaks outside quotations, questions and instruction
in sentences rather than in link lists, closing formulas at the end, and the document after any
site introduction ("以下是小编整理的…") or from the first piece of a compilation on. Patterns are
written so that each alternative starts with a literal character, which lets the regex engine skip
ahead instead of trying every position (see _each).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

DOCUMENT, ABOUT, OTHER = "document", "about", "other"
TITLE, SPEAKER, CONTENT = "title", "speaker", "content"  # the families of DOCUMENT cues

BIAS = -1.2  # with no cue at all a text is not taken for a document
TITLE_GENRE = 1.1  # a title naming a kind of work document: a claim, to be confirmed by the body
TITLE_NO_GENRE = -0.6  # a title naming none: the body has to speak for itself
GUESS_WEIGHT = 0.5  # the same said by a first clause only guessed to be the title
ALONE = 0.5  # what a speaker, or a report's content, counts for on its own
BOTH = 0.8  # what they add together: someone speaks about a period of their own work
FAMILY_CAP = {SPEAKER: 2.5, CONTENT: 2.5}

TOPICAL_CUES = frozenset({"job_description", "shop"})  # vocabulary that a work document may have as its subject
HEAD_CHARS = 1500  # most counts are taken on the opening of the body: where a text says what it is
TEXT_CHARS = HEAD_CHARS * 6  # problems and next steps are looked for further on
TAIL_CHARS = 800  # closing formulas ("以上是我的述职报告，请批评指正") close the text
OPENING_CHARS = 200  # definitions ("X是指…") and datelines open their texts
TITLE_LINES = 8  # the short lines opening the body may hold the real title (the page's is often a site name)
TITLE_LINE_CHARS = 60
INTRO_LINES = 6  # a 范文 site's introduction sits in the first lines …
INTRO_LINE_CHARS = 300  # … and is read this far into each
LIST_LINES = 8  # so many short title-like lines in a row are a listing
PROSE_MIN_CHARS = 30  # a shorter line without a clause break is a heading or a link, not prose

_SENTENCE_END = ("。", "；", ";", "！", "!", "，", ",")
_CLAUSE = re.compile(r"[。，；！？,;!?]")
_CLAUSE_END = re.compile(r"[。，；：！？,;:!?]")
_SENTENCE_OPENER = re.compile(r"(?:为了?|根据|按照|在|随着|今年|近年|自|由于|通过|据|截至|我(?!的)|本人"
                              r"|从(?=[\d一二三四五六七八九十今去明上本]))")  # a clause so opened is no title
_QUOTED = re.compile(r"[“\"][^”\"\n]{1,80}[”\"]")  # who speaks is read outside quotations: examples quote others
# A 范文 site speaking to its visitor before the document: 小编, 为您精心挑选, 供大家参考, 欢迎阅读 …
_SITE_INTRO = re.compile(r"(?:下面|以下)(?:是|为)[^。\n]{0,30}(?:整理|收集|搜集|准备|带来|推荐|精选|分享)[^。\n]{0,30}"
                         r"(?:范文|篇|例文|样本|模板|资料|内容)|供(?:大家|您|你)参考|一起来看看吧|小编|为您|欢迎阅读|仅供参考"
                         r"|精心(?:挑选|整理|收集|准备)|感谢您|希望(?:对|能|可以)[^。\n]{0,12}(?:帮助|参考|启发)")
# A line opening one piece of a compilation (the document starts there): the marker opens the line
# ("篇一 …", "【篇1】…", "第2篇：…") or closes it ("科普工作总结【篇1】", "…范文3")
_PIECE = r"(?:【\s*)?(?:篇\s*[一二三四五六七八九十\d]+|第\s*[一二三四五六七八九十\d]+\s*篇|范文\s*\d+|例\s*\d+)(?:\s*】)?"
_PIECE_OPENS = re.compile(rf"\s*{_PIECE}")
_PIECE_CLOSES = re.compile(rf"{_PIECE}\s*[:：、]?\s*$")

_NUM = r"[一二三四五六七八九十百零〇\d]+"
_NUMERAL = "一二三四五六七八九十"
# The kinds of work document, as titles and explainers name them.
# A genre word naming a meeting (总结大会, 述职评议会, 报告会) names an event, not a document.
_GENRE_WORD = (r"(?:总结|小结|汇报|述职|述廉|报告|计划|规划|打算|安排|心得|体会|感想|感悟|感言|思想汇报|自查|自评|整改|调研"
               r"|观后感|读后感|学后感|实习日记|实习日志|工作日志|工作要点|工作思路|鉴定|回顾|复盘|(?:经验)?交流材料|经验材料)(?!(?:评议|报告|表彰|交流|推进)?大?会)")
WORK_GENRE = (_GENRE_WORD + r"|^\s*(?:我的)?\s*(?:19|20)\d\d\s*(?:年度?)?\s*$"  # a year as the whole title: a look back at it
              r"|^\s*(?:敬爱|亲爱|尊敬)的党(?:组织|支部)\s*[:：]?\s*$")  # the salutation a 思想汇报 opens with, as its title
_GENRE_NOUN = (r"(?:述职报告|工作总结|年终总结|年度总结|个人总结|工作汇报|工作报告|工作计划|计划书|心得体会|调查报告|调研报告"
               r"|自查报告|思想汇报|总结报告|活动总结|实习报告|实践报告|自我鉴定|述职|总结|报告|计划|心得|周报|月报)")
# A document's title glued to its text on a document site ("1、水利局防汛工作总结XX年是…"): an opening
# of the first clause that ends on a genre word not followed by what a definition says of it
_GLUED_TITLE = re.compile(rf"[^。，；！？,;!?\n]{{0,30}}?{_GENRE_WORD}(?![\u4e00-\u9fff]{{0,2}}(?:是|指|的|一般|通常|作为|就是|应|要|需|可以))")
_LIST_ITEM = re.compile(r"\s*(?:[-•·*]|\d+[.、)）]|[一二三四五六七八九十]+、)")  # a list or table of contents, not a title


def _each(firsts: str, rest: str) -> str:
    """"a|b" + rest as "a<rest>|b<rest>": alternatives that start with a literal keep the regex fast."""
    return "|".join(first + rest for first in firsts.split("|"))


class _TitleRuns:
    """Runs of LIST_LINES or more short lines, each a title rather than a sentence (faster than a regex)."""

    _LINE = re.compile(r"[^。，；：！？!?,;:|]*[\u4e00-\u9fff]{3}[^。，；：！？!?,;:|]*")

    def findall(self, text: str) -> list[int]:
        runs, n = [], 0
        for line in text.split("\n") + [""]:
            if 4 <= len(line) <= 30 and self._LINE.fullmatch(line):
                n += 1
                continue
            if n >= LIST_LINES:
                runs.append(n)
            n = 0
        return runs


@dataclass(frozen=True)
class Cue:
    """One named pattern: `weight` per match, up to `cap` matches, searched in `where`."""

    name: str
    side: str  # DOCUMENT, ABOUT or OTHER: which reading the cue speaks for
    family: str  # TITLE, SPEAKER or CONTENT for DOCUMENT cues, else the side
    where: str  # "title", "opening", "head", "voice" (the head without quotations), "prose" (its sentences),
    #             "asks" (those sentences without quotations), "text" or "tail"
    pattern: re.Pattern | _TitleRuns  # anything with findall(text)
    weight: float
    cap: int = 1


def _cue(name: str, family: str, where: str, pattern: str | None, weight: float, cap: int = 1) -> Cue:
    side = DOCUMENT if family in (TITLE, SPEAKER, CONTENT) else family
    return Cue(name, side, family, where, re.compile(pattern, re.M) if pattern else _TitleRuns(), weight, cap)


def _at_line_start(word: str) -> str:
    """The literal `word` opening a line (after spaces, if any), checked once it is matched."""
    return rf"{word}(?<![^\n\s]{word})"


CUES: tuple[Cue, ...] = (
    # --- the title's claim ---------------------------------------------------------------------
    _cue("title_names_work_genre", TITLE, "title", WORK_GENRE, TITLE_GENRE),
    # --- who speaks as the author: a first person, their unit, the formulas of a report -------
    _cue("first_person", SPEAKER, "voice", r"我(?<![自你忘]我)(?![们国党省市县区局校院])|本人", 0.35, 5),
    _cue("first_person_plural", SPEAKER, "voice",
         # not the 我们 of everyone ("帮助我们理解", "我们需要注意"): that one is an explainer's
         r"我们(?<![为使让帮助给令对]我们)(?!(?:需要|应该|应当|必须|可以|能够|不难|常常|往往|经常|每个人|在写|写))", 0.2, 4),
    _cue("organisation_speaks", SPEAKER, "voice",
         r"我(?:局|校|院|县|区|市|镇|乡|村|所|站|厂|司|公司|部|科|室|处|社区|街道|单位|中心|支部|党支部|委|办|队|行|园|馆|班|组|团|会)"
         r"|本(?:公司|中心|科室|学院|学校|系|局|所|站|厂|镇|乡|村|街道|社区|支部|协会|团队)", 0.8, 2),
    # a unit speaking of itself by its name, as formal reports do: "中心始终坚持…", "学生会将继续…"
    _cue("unit_narrator", SPEAKER, "voice",
         r"(?:中心|学生会|团委|支部|局|科|处|室|办|委|社区|街道|公司|学院|学校|医院|部门|(?<![全内外局干])部|工作组|领导小组)"
         r"(?:始终|紧紧|认真|积极|坚持|切实|扎实|全面|按照|围绕|结合|立足|将继续|将进一步|高度重视)", 0.5, 2),
    _cue("survey_narrator", SPEAKER, "head", _each("调研|调查|课题|检查|督查|考察|工作", "组"), 0.6),
    _cue("report_preamble", SPEAKER, "head",
         r"现将.{0,60}?(?:总结|汇报|报告|述职|情况|计划|安排|打算)如下|"
         + _each("总结|汇报|报告|述职|说明|计划|安排|打算|要点", "如下") + "|特此汇报|特此报告|"
         + _each("提出|制定|作出", "如下(?:意见|措施|安排|计划)") + "|"
         + _each("下面将|下面把|下面就|以下是我", r"[^。\n]{0,30}(?:总结|汇报|报告|体会)")
         + r"|作鉴定如下|作自我鉴定如下|特制定(?:以下|如下|本)?计划|以下是对[^。\n]{0,20}(?:总结|回顾|汇报|报告)|" + _each("向|给", r"[^。\n]{0,15}报告[^。\n]{0,6}情况"),
         1.5),
    # the document naming itself, or its author saying what they are doing: "本计划旨在…", "总结一下我的2023"
    _cue("self_reference", SPEAKER, "head",
         _each("本计划|本总结|本规划", "(?:旨在|主要|是|将|从|分为|包括)") + "|"
         + _each("这篇|这份", "(?:总结|复盘|述职|汇报|心得|报告|计划)") + "|"
         + _each("总结|回顾|复盘|盘点|反思", "(?:和反思)?一下(?:我的|自己的|这一年|过去)"), 0.8),
    _cue("addresses_audience", SPEAKER, "head", r"尊敬的|敬爱的|各位领导|各位同事|各位评委", 0.8),
    _cue("closing_formula", SPEAKER, "tail",
         r"请(?:党)?组织(?:批阅|审阅|考验|批评|帮助)|恳请(?:党)?组织|以上是我(?:的|本人的)?(?:思想汇报|述职|汇报|总结|自查)"
         r"|(?:请|恳请)(?:各位)?领导(?:和同[志事]们)?(?:批评指正|审议|评议)|不妥之处[^。\n]{0,12}批评指正|^\s*(?:汇报人|述职人|报告人)\s*[:：]",
         1.0),
    # --- what about: a period of their own work, its results, problems, next steps, lessons ----
    _cue("reporting_period", CONTENT, "head",
         r"今年以来|本年以来|一年来|半年来|年初以来|入职以来|任职以来|任现职以来|上任以来|工作以来|开学以来|入党以来|当选以来|履职以来"
         r"|疫情以来|疫情发生以来|自[^。，\n]{1,15}以来|过去的一年|过去一年|这一年[里来中]|本年度|本季度|一季度|二季度|三季度|四季度|本学期|这学期"
         r"|本月|上半年|下半年|回首|回顾.{0,6}(?:一年|这一年|过去)|时光荏苒|光阴荏苒|时光飞逝|时间飞逝|光阴似箭|转眼|不知不觉|这几年"
         r"|年来(?<=[\d两几多]年来)|年的(?:大学|工作|学习)(?<=[\d两几多]年的..)",
         0.7, 2),
    _cue("reflection", CONTENT, "head",
         _each("深刻|深深|真正|切实", "地?(?:体会|认识|感受|意识)到")
         + r"|使我(?!们)|让我(?:明白|懂得|认识|体会|感受|意识|学到)|我(?:认识|体会|感受|意识|明白)到|我(?:学会|学到|懂得|明白|收获)了"
         r"|收获很大|受益匪浅|深有感触|感触(?:很深|颇深|良多)"
         r"|通过(?:这次|此次|本次|这段时间|一段时间|这个学期|[^。\n]{0,15}的)(?:学习|培训|实践|实习|活动|参观)|谈谈?(?:自己的|我的)?(?:体会|感受|认识|收获)"
         r"|有了(?:一定的|更深的|更加深刻的|新的|进一步的)?(?:了解|认识|体会)|"
         + _each("带给我|给我|对我", "的?(?:启示|启发|触动)") + "|" + _each("几点|一些|以下", "(?:体会|感受|收获|启示)")
         + r"|让我们(?:深刻|更加|真正)?(?:认识|体会|感受|意识|明白)到",
         0.7, 2),
    _cue("feelings", CONTENT, "voice", r"震撼|触动|感动|感慨|洗礼|升华|启迪|敬佩|崇敬|自豪", 0.3, 3),
    _cue("leadership_frame", CONTENT, "head",
         r"在.{1,30}?(?:的)?(?:正确领导|坚强领导|大力支持|关心支持|关心和支持|领导和支持|精心指导|悉心指导|帮助和支持|支持和帮助)", 0.8),
    _cue("actions_done", CONTENT, "head",
         r"(?:开展|组织|完成|召开|举办|制定|建立|成立|落实|推进|实施|加强|参加|参与|取得|进行|学习|走访|培训|接待|处理|收到|发放|检查|整改)了", 0.35, 4),
    _cue("numbered_points", CONTENT, "head", rf"[{_NUMERAL}]是[^\n]{{0,4}}[\u4e00-\u9fff]", 0.5, 2),
    _cue("plan_parts", CONTENT, "head",
         rf"[)）、.](?<=[{_NUMERAL}\d][)）、.])\s*(?:指导思想|工作目标|目标任务|主要任务|主要措施|工作措施|具体措施|保障措施|实施步骤"
         r"|工作步骤|进度安排|时间安排|组织领导|主要做法|主要成绩|工作成效|基本情况)",
         0.4, 2),
    # section headings of the document's own work, opening a line or a sentence; headings that name
    # a genre belong to an explainer
    _cue("own_sections", CONTENT, "head",
         rf"[{_NUMERAL}](?<![\u4e00-\u9fff][{_NUMERAL}])(?<![\u4e00-\u9fff][（(][{_NUMERAL}])[)）、](?![^\n。]{{0,12}}{_GENRE_NOUN})",
         0.3, 3),
    _cue("results_figures", CONTENT, "head",
         r"\d[\d.]*\s*(?:人次|余人|多人|名|人|次|场|项|个|家|户|万元|元|亿元|%|件|期|批|所|台|小时|天|公里|吨|亩|余|多)", 0.25, 3),
    _cue("reporting_year", CONTENT, "head", r"(?:19|20)(?:\d\d|[xX×_＿*]{1,2})\s*年", 0.3),
    # a plan's content: what it means to reach, and when
    _cue("plan_intent", CONTENT, "head",
         r"力争|争取|确保完成|计划于|拟于|年内完成|年底前|" + _each("继续|进一步", "(?:开展|深化|做好|推进|加强|抓好|完善|坚持)")
         + "|" + _each("将", "(?:继续|进一步|全面|重点|着力|加大|加强|积极)"), 0.3, 3),
    _cue("problems", CONTENT, "text", r"存在的(?:问题|不足)|不足之处|问题和不足|不足和问题|存在问题|还存在|差距", 0.4),
    _cue("next_steps", CONTENT, "text", r"下一步|明年|来年|下半年(?:工作)?(?:打算|计划)|今后(?:的)?工作|工作(?:打算|设想)|努力方向|新的一年里", 0.4),
    # --- an article about documents: instruction to the reader, the genre as its subject ---------
    _cue("title_howto", ABOUT, "title",
         r"怎么|怎样|如何|写法|写作|技巧|方法|格式|模板|范本|要求|(?<!工作)要点|注意事项|指南|攻略|是什么|什么是|意思|含义|概念|定义"
         r"|特点|作用|意义|区别|结构|框架|步骤|须知|哪些|^(?![^\n]*我)[^\n]*[?？]", 1.2),  # "我经历了什么？" is no how-to
    _cue("definition", ABOUT, "opening",
         rf"{_GENRE_NOUN}[”\"]?(?:是指|是一种|是一个|就是|指的是|是对|是在|是为了|是员工|是各级|又叫|又称|，?(?:一般|通常)是)|所谓[^。，,\n]{{1,12}}[，,]?(?:就是|是指|指的是|即|是)|何谓|什么是|是什么(?!样)", 1.5),
    _cue("genre_as_subject", ABOUT, "prose",
         rf"{_GENRE_NOUN}[”\"]?(?:是|的(?:概念|定义|特点|作用|意义|目的|种类|分类|格式|结构|写法|写作|内容|主要内容|基本|核心|撰写|重要性|关键)"
         r"|一般|通常|主要|应|要|需要|需|必须|可以|不仅|既是|有助于|能够|分为|包括|由|作为)",
         0.6, 4),
    # the genre as a thing discussed: "一份好的总结", "很多人的述职报告", "91%的实践报告"
    _cue("genre_as_object", ABOUT, "prose",
         _each("一份|一篇|每份|每篇|好的|优秀的|许多|很多|不少|大量|部分|多数|%的(?<=\\d%的)",
               rf"[\u4e00-\u9fff]{{0,6}}?{_GENRE_NOUN}"), 0.5, 3),
    _cue("writing_acts", ABOUT, "prose",
         # not the writing a report counts among its results ("撰写调研报告3篇"), "写好新篇章", nor 编写 of code or test cases
         rf"(?:撰写|起草|编写(?=[^。，\n]{{0,8}}(?:{_GENRE_NOUN}|总结|报告|计划|材料|文章|范文|稿)))(?![^。，\n]{{0,12}}\d+\s*[篇份期条次])|写作|写好(?=[^。，\n]{{0,6}}(?:{_GENRE_NOUN}|材料|文章|范文|这|一份|一篇))"
         r"|书写|行文|措辞|语言(?:要|应)|怎么写|如何写|怎样写|落笔|下笔", 0.5, 4),
    _cue("reader_addressed", ABOUT, "prose",
         r"你(?:需要|应该|可以|要|的|想|是否|知道|会)|您|各位读者|读者朋友|亲爱的读者|帮助大家|大家(?:更好|在写)|我们(?:需要|应该|要|可以)(?:撰写|写|注意|掌握|明确)",
         0.5, 3),
    _cue("structure_description", ABOUT, "prose",
         # not "问题主要有…" nor "从以下几个方面加以改进": a report says those of its own content
         _each("一般|通常|基本", "(?:由|包括|包含|分为|有)") + "|主要(?:由|包括|包含|分为)"
         + r"|应(?:当)?(?:包括|包含|写明|注明|体现|突出)|以下几(?:个)?部分|组成部分|几个部分|三部分|四部分|五部分"
         r"|标题[、和与]正文|正文[、和与]落款|落款|开头部分|结尾部分",
         0.6, 3),
    _cue("questions", ABOUT, "asks", r"？|\?(?<!\?\?)(?![a-zA-Z!,?(])|那么[^。\n]{0,30}呢", 0.4, 3),  # "?q", "?," are mojibake
    _cue("article_voice", ABOUT, "prose",
         r"本文(?:将|从|通过|以|为|就|对|主要)|下面(?:将|我们|就|为大家|详细|从)|以下(?:将|是|为)(?:详细|具体)?(?:介绍|解析|分享|说明)"
         r"|接下来|综上所述|总而言之|博主|小伙伴",
         0.3, 2),
    _cue("characteristics_list", ABOUT, "head",
         rf"^\s*(?:[(（]?[{_NUMERAL}\d][)）、.．]\s*)?[\u4e00-\u9fff]{{2,4}}性[。：:\s]", 0.5, 3),
    _cue("third_person_cases", ABOUT, "prose",
         # 范文 hide their own units as 某县, 某局: only a 某 brought in as an example is someone else
         _each("例如|比如|正如|譬如|像|以", "某")
         + r"|某[^\n，。]{0,10}(?:在(?:总结|述职|报告|鉴定|汇报|心得)中|的(?:做法|案例|经验表明))"
         r"|" + _each("教授|专家|学者", "(?:指出|认为|表示|建议|强调)") + r"|研究表明|研究发现", 0.5, 2),
    # not 填写: filling in forms is work a report tells of
    _cue("template_description", ABOUT, "prose", r"模板|范本|可编辑|套用|参考样式|示例|例如[:：]?\s*[《“\"]", 0.4, 2),
    _cue("document_description", ABOUT, "prose",
         r"本文档|该文档|此文档|本资料|本范文|此范文|这篇范文|文档(?:主要|详细)?(?:介绍|讲述|阐述|围绕)", 0.5, 2),
    _cue("markdown_table", ABOUT, "head", r"\|[^\n|]*\|[^\n|]*\|", 0.2),
    # --- other text: regulations, job descriptions, news, speeches, shops, scholarship ------------
    _cue("regulation_chapters", OTHER, "head", rf"第{_NUM}章", 0.4, 2),
    _cue("notice", OTHER, "head",
         # and a notice that hands a document on: "现将《…方案》印发给你们，请抓好贯彻落实。"
         r"通知如下|特此通知|现将[^。\n]{0,40}通知|现就[^。\n]{0,40}通知|(?:印发|转发)给你们|请(?:认真|抓好|结合实际)(?:认真)?贯彻(?:落实|执行)|"
         + _at_line_start("各") + r"[\u4e00-\u9fff、（）()“”]{1,30}[:：]\s*$",
         1.0),
    _cue("title_notice", OTHER, "title", r"关于.{2,40}的通知|通知$|公告|通告|统计公报", 1.2),
    _cue("title_job", OTHER, "title", r"岗位职责|职位描述|岗位说明|招聘", 1.2),
    # a report of an event (a meeting held, a ceremony) is news, though the meeting reviewed the year
    _cue("title_event", OTHER, "title", r"(?:召开|举行|举办|开展|组织)[^\n]{0,30}(?:会|会议|仪式|典礼)\s*$", 1.0),
    _cue("meeting_report", OTHER, "head",
         r"会议(?:伊始|最后|强调|指出|要求|认为|由)|会上[，,]|" + _each("出席|参加", "了?(?:本次|此次)?(?:会议|大会)")
         + "|" + _each("会|会议|大会", r"(?:在[^。\n]{0,20})?(?:如期|顺利|隆重)?(?:举行|召开)")
         + r"|于\d{1,2}月\d{1,2}日[^。\n]{0,30}召开[^。\n]{0,20}会",
         0.6, 3),
    # a plan of action (方案), an outline, a speech or a host's script is not a report of work done
    _cue("title_scheme_or_speech", OTHER, "title",
         r"方案\s*(?:[（(].{0,12}[）)])?\s*$|大纲\s*$|(?:讲话|致辞)\s*$"
         r"|(?:讲话稿|发言稿|演讲稿|主持词|致辞稿)\s*(?:[（(【]?\s*(?:精选|优秀|通用)?\s*[\d一二三四五六七八九十]+\s*篇?\s*[)）】]?|范文)?\s*$"
         r"|在[^\n]{2,40}(?:会|仪式|典礼|活动)上的(?:讲话|发言|致辞)"
         # a regulation names itself last, whatever it regulates ("…工作总结与评价管理规定")
         r"|(?:规定|办法|制度|细则|条例|规程|守则|章程)\s*(?:[（(].{0,12}[）)])?\s*$", 1.5),
    _cue("speech", OTHER, "head",
         # not 同志们： or 谨代表 (a 述职 is given to an audience as well), but a speaker's points and greetings
         r"有请|下面请|会议进行第|大会进行第|同志们[，,!！]|(?:发言|演讲)的(?:主题|题目)是|"
         r"各位家长|家长朋友|各位来宾|亲爱的同学们|老师们、同学们|" + _each("致以|表示", r"[^。，\n]{0,8}(?:欢迎|问候|祝福|敬意|谢意)") + "|"
         + _each("讲|提", r"[一二三四五几两]点(?:意见|要求|希望|看法)"), 0.5, 2),
    # hosts taking turns ("男：…", "女：…"): the script of a ceremony, not a report of one
    _cue("host_script", OTHER, "head", r"^\s*(?:男|女|甲|乙|合)\s*[:：]", 0.6, 3),
    _cue("regulation", OTHER, "head",
         rf"第{_NUM}条|{_at_line_start('总则')}|{_at_line_start('附则')}|本(?:办法|制度|规定|细则|规范|条例|准则|守则|标准|章程)"
         r"|自发布之日起|自印发之日起|负责解释|适用范围", 1.2, 3),
    _cue("job_description", OTHER, "head",
         r"任职要求|任职资格|职位描述|岗位要求|岗位描述|薪资|五险一金|工作地点|招聘|投递简历|简历投递|月薪|底薪|年薪|双休(?!日)|"
         + _at_line_start("岗位职责") + r"\s*[:：]?\s*$|职责(?:是|包括|主要有)",
         1.0, 3),
    # a third person reports: a reporter, a writer who learned of it, a dateline, officials acting
    _cue("news", OTHER, "head",
         r"记者|本报讯|本网讯|本台讯|讯\s*[（(]|(?:^|\n)[^\n，。：:]{1,10}讯\s*[:：]|新华社|据\S{0,10}(?:报道|消息)|通讯员|日电|责任编辑|笔者|获悉|据了解|据悉|供稿|"
         + _each(r"\(|（", r"\d{1,2}月\d{1,2}日\S{1,10}[)）]"),
         1.2, 2),
    _cue("dated_event", OTHER, "opening", r"\A\s*(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:上午|下午|晚上|晚)?[，,]", 0.8),
    _cue("officials_act", OTHER, "head",
         r"(?:书记|局长|主席|主任|市长|县长|区长|镇长|校长|院长|总经理|董事长|部长|厅长|委员)[\u4e00-\u9fff]{0,4}"
         r"(?:出席|强调|指出|视察|率队|作了?(?:重要)?讲话|主持会议)", 0.5, 2),
    _cue("statistics", OTHER, "head", r"统计公报|初步核算|初步测算|按可比价格计算", 1.0),
    _cue("shop", OTHER, "head", r"加入购物车|立即购买|包邮|库存|优惠券|促销价|已售|店铺|运费|¥\s*\d|￥\s*\d", 1.2, 2),
    # a list of titles or links (tag pages, listings): many short lines without a sentence among them
    _cue("title_list", OTHER, "head", None, 1.5),
    _cue("scholarly", OTHER, "head",
         r"摘要[:：]|关键词[:：]|参考文献|学报|期刊|" + _at_line_start("摘") + r"\s*要\s*$|" + _at_line_start("出处") + r"\s*$|\[\d+\]"
         # a paper's outline and its case-study subtitle: "一、引言", "——以某某大学为例"
         r"|(?:^|\n)\s*(?:[一二三四五六七八九十\d]+[、.．]\s*)?(?:引言|文献综述)\s*(?:\n|$)|——以[^\n。]{2,30}为例",
         0.8, 2),
)
_TITLE_HAS_GENRE = re.compile(WORK_GENRE, re.M)
NO_GENRE_CUE = "title_names_no_work_genre"  # reported when the title names no kind of work document
_SIDES = {cue.name: cue.side for cue in CUES}


def side_of(cue_name: str) -> str:
    """Which reading a cue speaks for ('' for title_names_no_work_genre, a missing cue rather than one)."""
    return _SIDES.get(cue_name, "")


@dataclass(frozen=True)
class Genre:
    label: str  # "document", "about" or "other"
    score: float  # 0..1: how strongly the text reads as a work document itself
    cues: tuple[str, ...]  # the cues that fired, strongest first


def _after_site_intro(body: str) -> str:
    """The body from the first piece of a compilation on, or after a 范文 site's introduction
    ("…下面是小编整理的X范文，供大家参考"): the site's words about the genre are not the document's."""
    lines = body.split("\n", INTRO_LINES)
    start = 0
    for i, line in enumerate(lines[:INTRO_LINES]):
        if _PIECE_OPENS.match(line) or _PIECE_CLOSES.search(line[-24:]):
            start = i
            break
        if _SITE_INTRO.search(line[:INTRO_LINE_CHARS]):
            start = i + 1
    return "\n".join(lines[start:]).lstrip() or body


def _title_lines(text: str) -> list[str]:
    """The short lines opening a text, before its running text starts (list items are no title)."""
    heads = []
    for line in text.split("\n", TITLE_LINES)[:TITLE_LINES]:
        if len(line) > TITLE_LINE_CHARS or line.rstrip().endswith(_SENTENCE_END):
            break
        if not _LIST_ITEM.match(line):
            heads.append(line)
    return heads


def _may_be_title(clause: str) -> bool:
    """An opening clause may be a title glued to the text unless it reads as a sentence."""
    return not _SENTENCE_OPENER.match(clause) and "是" not in clause


_TITLE_SEPARATOR = re.compile(r"\s*[|｜_>»]\s*")
_SITE_SEGMENT = re.compile(r"网|站|馆|文库|之友|之家|当前位置|首页|频道|栏目|^[\x00-\x7f]*$")
MENU_WORD_CHARS = 4  # a title cut into several such short words is a menu ("原创|范文|素材|写作")


def _page_claim(title: str) -> str:
    """The part of a page title that names the page: without the site's name, a breadcrumb's site
    levels, or a menu printed as the title."""
    segments = [seg for seg in _TITLE_SEPARATOR.split(title) if seg]
    if len(segments) < 2:
        return title
    own = [seg for seg in segments if not _SITE_SEGMENT.search(seg)]
    if len(segments) >= 4 and all(len(seg) <= MENU_WORD_CHARS for seg in own):
        return ""
    return " ".join(own)


# What a page title is not: a byline or timestamp, a section heading, a sentence of the text, the
# heading of a list of other pages ("- 相关推荐").
_NOT_A_TITLE = re.compile(r"^\s*(?:(?:更新|发布|上传)?(?:时间|日期)\s*[:：]|\d{4}\s*[-/.年]\s*\d{1,2}|[一二三四五六七八九十]+\s*[、.．。]"
                          r"|\d{1,2}\s*[、.．]|[〈<（(【]\s*[一二三四五六七八九十\d]+\s*[〉>）)】]\s*$"
                          r"|[-–—•·\s]*(?:相关|热门|最新|精彩|更多|猜你喜欢|推荐阅读|延伸阅读)[^\n]{0,6}$)|[。！？；]")  # a list's heading


def _titled(title_zone: str) -> bool:
    """Whether the title zone holds a title at all (the page title's own claim, or short lines opening the
    text): only then does naming no genre say something."""
    title, *heads = title_zone.split("\n")
    title = title.strip()
    return bool(heads) or len(title) >= 4 and not _NOT_A_TITLE.search(title) and len(_CLAUSE.findall(title)) < 2


def _zones(title: str, text: str) -> dict[str, str]:
    """Where cues are searched. The title zone adds the short lines that open the text and its
    body: the page title is often a site name or a heading, and the document's title a first line."""
    title = _page_claim(title)
    text = text.lstrip()
    guessed = False
    body = _after_site_intro(text)
    heads = _title_lines(text) + (_title_lines(body) if body is not text else [])
    if not title.strip() and not heads and body:  # a page that opens with running text
        clause = _CLAUSE_END.split(body[:TITLE_LINE_CHARS], 1)[0]  # its first clause may be the title, glued on
        heads = [clause] if len(clause) <= TITLE_LINE_CHARS // 2 and _may_be_title(clause) else []
        guessed = bool(heads)
    glued = _GLUED_TITLE.match(body)
    if glued and _may_be_title(glued.group()) and not _TITLE_HAS_GENRE.search("\n".join([title, *heads])):
        heads.append(glued.group())
    head = body[:HEAD_CHARS]
    # Link lists, menus and headings are no one's sentences: a sidebar of "…怎么写？" titles
    # beside a document says nothing about the document.
    prose = "\n".join(ln for ln in head.split("\n") if len(ln) > PROSE_MIN_CHARS or _CLAUSE.search(ln))
    return {"title": "\n".join([title, *heads]), "guessed": "guessed" if guessed else "", "opening": body[:OPENING_CHARS], "head": head,
            "voice": _QUOTED.sub("", head), "prose": prose,
            "asks": _QUOTED.sub("", prose),  # questions quoted from others are not put to the reader
            "text": body[:TEXT_CHARS], "tail": body[-TAIL_CHARS:]}


def _simplified(title: str, text: str) -> tuple[str, str]:
    from .script import is_traditional, to_simplified  # the build converts first; this is for other callers

    if not is_traditional(title + "\n" + text[:HEAD_CHARS]):
        return title, text
    return to_simplified(title), to_simplified(text)


def _evidence(zones: dict[str, str]) -> tuple[dict[str, float], list[tuple[float, str]]]:
    """Each family's total (speaker and content capped), and what each cue that fired added."""
    totals = {TITLE: 0.0, SPEAKER: 0.0, CONTENT: 0.0, ABOUT: 0.0, OTHER: 0.0}
    fired = []
    for cue in CUES:
        n = min(len(cue.pattern.findall(zones[cue.where])), cue.cap)
        if n:
            fired.append((cue.weight * n, cue.name))
            totals[cue.family] += cue.weight * n
    for family, cap in FAMILY_CAP.items():
        totals[family] = min(totals[family], cap)
    # Hiring or shop words are a topic as well as a genre: a personnel office's report speaks of
    # recruiting, a sales department's of stock. The more the text reports its own period of work,
    # the less they count against it.
    # A title that names a work genre (…招聘工作总结, 人力资源管理计划) makes them its topic outright.
    topical = sum(w for w, name in fired if name in TOPICAL_CUES)
    share = 1.0 if totals[TITLE] > 0 else totals[CONTENT] / FAMILY_CAP[CONTENT]
    totals[OTHER] -= topical * share
    if not totals[TITLE] and _titled(zones["title"]):  # a page without a real title is judged by its body alone
        totals[TITLE] = TITLE_NO_GENRE * (GUESS_WEIGHT if zones["guessed"] else 1)
        fired.append((-totals[TITLE], NO_GENRE_CUE))
    return totals, fired


def score_of(e: dict[str, float]) -> float:
    """The score of family totals: who speaks about what period, against the other readings."""
    document = e[TITLE] + ALONE * (e[SPEAKER] + e[CONTENT]) + BOTH * min(e[SPEAKER], e[CONTENT])
    return 1 / (1 + math.exp(-(BIAS + document - e[ABOUT] - e[OTHER])))


def classify(title: str, text: str) -> Genre:
    """The genre of a text with its title (Traditional is read as Simplified)."""
    if len(text) > TEXT_CHARS + TAIL_CHARS:  # a long text is read at its opening, further on and at its end
        text = text[:TEXT_CHARS] + "\n" + text[-TAIL_CHARS:]
    e, fired = _evidence(_zones(*_simplified(title, text)))
    score = score_of(e)
    if score >= 0.5:
        label = DOCUMENT
    else:
        label = ABOUT if e[ABOUT] > e[OTHER] else OTHER
    cues = tuple(name for _, name in sorted(fired, key=lambda f: -f[0]))
    return Genre(label, round(score, 4), cues)
