"""Doc-site chrome: the one place where every boilerplate pattern lives.

Each rule names a *kind* of furniture, seen on pages of at least two different sites (the
comment by each group says which kind), never a string of one page. Rules run on Simplified
text, and each removal is counted under its rule's name (`Removals`) so that a rule that
starts eating document text shows up in the build stats.

A rule removes the furniture, not the text around it: whole lines only when the line is
furniture through and through, sentences when one sentence of a paragraph is (editor lines),
and pieces of a line when furniture is glued to text (page counters, paywall notices).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import repair
from .normalize import cjk_count, title_key
from .removals import Removals
from .structure import reads_as_prose

CJK = r"\u4e00-\u9fff"
_NO_SENTENCE = re.compile(r"^[^。！？；!?;]*$")


def _literals(needles) -> re.Pattern:
    """One regex for a set of literal strings (re scans for their first characters quickly)."""
    return re.compile("|".join(re.escape(n) for n in dict.fromkeys(needles)))


@dataclass(frozen=True)
class LineRule:
    """Drop a whole line when `pattern` matches it and the line is at most `max_len` chars.

    `needles`: literal strings of which every match holds one; the regex only runs on lines
    that hold a needle (of any rule: one scan for all literals is cheap, a regex with many
    alternatives is not). Rules anchored at the line start need none.
    """

    name: str
    pattern: re.Pattern
    max_len: int = 120
    needles: tuple[str, ...] = ()


def _rule(name: str, pattern: str, max_len: int = 120, needles: tuple[str, ...] = ()) -> LineRule:
    return LineRule(name, re.compile(pattern), max_len, needles)  # no re.I: it disables literal prefix scans


# A length notice: "（全文1712字）", "本文约1254字，阅读需要3分钟".
_WORDS = r"((全文|本文|正文)(共|约)?|共|约)\s*[\d.]+\s*[万千wWkK]?\s*字"
_MINUTES = r"(预计)?阅读(本文|全文)?(大概|大约|约|需要|需|时间|时长|用时)*[:：]?\s*\d+\s*分钟"

# Whole lines that are site furniture. Every alternative is anchored to furniture wording,
# never to a word that document text uses too (下载, 相关, 收藏, 版权, 举报, 当前位置 ...).
# A site's address as watermarks write it: "www.x.com", "m.x.cn", "x.com" (not gov/edu sites).
_DOMAIN = (r"(?![\w.:/-]*\.(?:gov|edu)\b)(?:https?://)?(?:(?:www|m|wap|mip)\.[a-z0-9-]+(?:\.[a-z0-9-]+)+"
           r"|[a-z0-9-]{3,}\.(?:com|net|cc|top|cn|org|info|vip|xyz)(?:\.cn)?)(?:/[\w./?=&%-]*)?")

# Any host name, after 来自/来源 inside brackets (sites run on every top-level domain).
_HOST = r"[a-z0-9-]+(?:\.[a-z0-9-]+){1,4}"

LINE_RULES: tuple[LineRule, ...] = (
    # Upload cards of 文库 sites: uploader, document number, size, format.
    _rule("upload_info", r"上传人\s*[:：]|上传者\s*[:：]|文档编号\s*[:：]|上传时间\s*[:：]|资源(?i:id)\s*[:：]|资源大小\s*[:：]"
          r"|文档名称\s*[:：]|全文页数\s*[:：]|下载积分\s*[:：]|资源格式\s*[:：]|文档格式\s*[:：]|上传日期\s*[:：]|文档页数\s*[:：]", 240,
          ("上传", "文档", "资源", "全文页数", "下载积分")),
    # Page/size/download counters: "6页·1.2万阅读", "- 约 7页", "- 约3.47千字", "- 0" (like counts).
    _rule("doc_stats", r"^\d+\s*页\s*[·•|/]\s*[\d.]+[万wW]?\s*(阅读|浏览|下载)|^(格式|页数|大小)\s*[:：]\s*\S+(\s*[KMG]B)?\s*$|^[-•·]\s*\d{1,3}$"
          r"|^[-•·]?\s*约\s*[\d.]+\s*[万千]?\s*(字|页)$"),
    _rule("doc_stats", r"[\d.]+\s*分\s*[·•|]\s*[\d.]+[万wW]?\s*人已?下载", 120, ("下载",)),
    # 文库 share notices: "《X》由会员分享，可在线阅读，更多相关《X(6页珍藏版)》请在某某网上搜索。"
    _rule("member_share", r"由(会员|用户)\S{0,12}分享|更多相关《|请在\S{1,12}上搜索|[（(]\d+页(珍藏|典藏)版[）)]", 400,
          ("分享", "更多相关", "上搜索", "藏版")),
    # Footers: copyright, ICP numbers, takedown notices, repost bans.
    _rule("copyright", r"版权说明\s*[:：]|本文档由用户提供并上传|收益归属内容提供方|若内容存在侵权|如有侵权|侵权(请)?(联系|必删|删除)"
          r"|版权所有|版权归原作者|(?i:copyright|all rights reserved)|©|(?i:icp)\s*[备证]|增值电信业务经营许可证|经营许可证(编号)?\s*[:：]"
          r"|公网安备|网站地图|客服(热线|电话|邮箱|(?i:qq)|微信)\s*[:：]|(违法和)?不良信息举报(电话|邮箱|中心)\s*[:：]|转载请(注明|标明|保留)"
          r"|未经(许可|授权|允许)\S{0,6}(不得|禁止)转载|转载\S{0,6}请注明出处", 240,
          ("版权", "侵权", "本文档由用户", "收益归属", "opyright", "OPYRIGHT", "ights reserved", "©", "cp", "CP", "Cp", "许可证",
           "公网安备", "网站地图", "客服", "不良信息", "转载", "出处")),
    # Labels of 文库 page sections, alone on a line.
    _rule("section_label", r"^(资源描述|文档简介|文档介绍|内容简介|资源简介|文本预览|内容提示|文档列表|下载声明|下载须知|温馨提示|友情提示|特殊限制"
          r"|配套讲稿|版权提示|免责声明|关\s*键\s*词|目录导航|文章目录|目录\s*/\s*提纲|本文目录|附件列表|本帖附件)\s*[:：]?\s*[.…。·]*\s*$", 20),
    # Breadcrumbs: a location label with a colon, or a path from the home page.
    _rule("breadcrumb", r"^(当前位置|当前的位置|您现在的位置|你现在的位置|您的位置|你的位置|所在位置|现在位置)\s*[:：>]"
          r"|^(网站)?(首页|主页)(\s*[>›»/|]|\s|$)"
          r"|^[^。，；]{1,16}(\s*[>›»]\s*[^。，；>›»]{1,20}){2,}\s*[>›»]?$", 100),
    _rule("prev_next", r"^(上一篇|下一篇|上一页|下一页|上一章|下一章)\s*[:：]?", 100),
    # Paywalls and preview notices: "已阅读5页，还剩13页未读", "下载本资源需要8金币", "当前仅显示500字".
    _rule("paywall", r"免费预览已结束|试读已结束|试读结束|超出免费预览范围|还剩\s*\d+\s*页未读|已阅读\s*\d+\s*页|继续免费阅读|立即下载全文"
          r"|下载文档到电脑|剩余\s*\d+\s*页|付费(阅读|下载|即可)|开通\s*(?i:vip)|加入\s*(?i:vip)|(?i:vip)\s*(专享|免费(下载|阅读|专享|查看))"
          r"|下载\S{0,8}需要?\s*\d+\s*(金币|积分|下载券)|积分下载|下载券|预览过于频繁|未获得权限|登录后(可|即可)?(免费)?(下载|阅读|查看)"
          r"|省略\s*\d+\s*字|会员(可|才能|方可)(完整|免费)?(阅读|查看|下载)|仅(显示|展示|预览)(了)?(前)?\s*\d+\s*(字|页|%)"
          r"|(付费|充值|开通会员|登录|注册)后(即)?可(查看|阅读|下载)|(查看|阅读|下载)(剩余|全部|完整)(内容|全文)"
          r"|当前为预览页|本文档共\s*\d+\s*页|(此处|中间|以下)?(隐藏|省略)\s*\d+\s*个?字"
          r"|(内容|全文|文档|文章)仅供(预览|试读)|因篇幅(问题|原因|关系|有限)\S{0,6}(不能|无法)(全部|完整)显示|请点此查看更多", 100,
          ("预览", "试读", "未读", "篇幅", "点此查看", "已阅读", "免费阅读", "下载", "剩余", "付费", "ip", "IP", "Ip", "积分", "权限", "登录后", "省略",
           "会员", "仅显示", "仅展示", "隐藏", "后可", "后即可", "剩余", "全部内容", "完整内容", "本文档共")),
    # Site notices about downloads and uploads (numbered lists under 【下载声明】, 下载须知 ...).
    _rule("site_notice", r"本站(所有|全部)?(资源|文档|试题|文件|(?i:ppt))|本站(仅|只)提供|本站不(保证|支持|承担)|信息存储空间|(收益|权益)(全部|全)?归|内容提供方"
          r"|不予退换|请谨慎下单|下载(后|前)的(文档|文件)|(上传|下载)(用户|会员)(所有|主动)|主动上传"
          # notices to the user about what is downloaded or previewed, numbered under the file card
          r"|下载(文档|资料|文件)?前\S{0,2}请|下载后(只|仅)包含|(文档|资料|内容)\S{0,4}(侵犯|侵害)(了)?您的|人工客服工作时间"
          r"|反馈申请退款|不可在线预览|仅部分预览"
          # a document-sharing site's terms: "文档一经付费，不意味着购买了该文档的版权，仅供个人学习、研究之用"
          r"|一经付费|不意味着购买|仅供[^。；\n]{0,12}(学习|研究|参考)[^。；\n]{0,6}(之用|使用)"
          # membership terms and complaint channels: "成为VIP会员后，下载将扣除1次下载权益", "请点击“版权申诉”"
          r"|成为\s*(?i:vip)|(?i:vip)\s*(文档|资料|会员后)|扣除\S{0,4}下载|版权申诉|举报电话", 300,
          ("本站", "ip", "IP", "Ip", "扣除", "版权申诉", "举报电话", "信息存储空间", "收益", "权益", "内容提供方", "一经付费", "不意味着", "仅供", "不予退换", "谨慎下单", "下载", "上传", "侵犯", "侵害", "人工客服", "退款", "预览")),
    # Banners: "精品文档就在这里", "扫码关注公众号", "设为首页".
    _rule("promo_banner", r"^[-=_*~]{5,}|^(请)?(扫码|长按)?关注(我们的?)?(微信)?公众号|^手机版$|^(加入收藏|设为首页)", 80),
    # Page tools of CMS pages, alone or in a row: "【打印本页】【关闭窗口】", "返回顶部".
    _rule("page_tools", r"^([【\[]?\s*(返回顶部|打印(本页|此页|本文)?|关闭(窗口|本页)|收藏(本文|本页|此页)|加入收藏|保存(本页|本文)|我要纠错|推荐给朋友)"
          r"\s*[】\]]?\s*[|/、]?\s*)+$", 40),
    # Counters alone on a line: "浏览次数：1234", "本文已影响 3万人".
    _rule("counter", r"^(浏览|阅读|点击|访问|查看)(次数|量|数)\s*[:：]?\s*\d+\s*次?$|^本文已影响\s*[\d.]+\s*[万千wW]?\s*人", 30),
    # The same table of contents run into one line: "目录1.区妇联工作总结(一) 2.镇妇联工作总结3.…".
    _rule("toc", r"^目\s*录\s*[:：]?\s*(\d{1,2}\s*[.、．]\s*[^。；！？\d]{2,40}?\s*){3,}$", 800, ("目",)),
    # A section heading with its "more" link: "年度工作计划 更多>>".
    _rule("more_button", r"^[^。，；！？]{0,20}\s*(更多|查看更多|(?i:more))\s*(>>|»|>|›|＞＞)+\s*$", 30),
    # A site's intro under a label: "前言：想要写出一篇出彩的总结吗？我们为您整理了5篇…范文".
    _rule("site_intro", r"^(前言|序论|序言|开篇|导语|导读|引言)\s*[:：](?=[^\n]*(您|你))[^\n]*(范文|范例|例文|\d+篇|[两三四五六七八九十几多]篇)", 400,
          ("前言", "序论", "序言", "开篇", "导语", "导读", "引言")),
    # Share bars: "分享到：微信 QQ空间 微博".
    _rule("share_bar", r"^(分享到|分享至|一键分享|分享给(朋友|好友))\s*[:：]?(\s*[、|/]?\s*(微信|朋友圈|(?i:qq)(空间|好友)?|(新浪|腾讯)?微博|豆瓣|空间|好友))*\s*$", 40,
          ("分享",)),
    _rule("promo_banner", r"各类专业好文档|精品文档就在这里|微信扫一扫|^(微信)?扫(一扫|码)\S{0,2}$|扫(一扫|码)(关注|下载|阅读|领取|分享)|扫一扫在手机(上)?(打开|阅读|查看)"
          r"|^(免费)?领取(福利|礼包|优惠券?)$", 80, ("好文档", "精品文档", "扫", "领取")),
    # Comment boxes: "发表评论", "网友评论", "33 条留言", "我来说两句".
    _rule("comment_box", r"^(发表|写|添加|提交|查看)(评论|留言)|^(网友|最新|热门|精彩|全部|读者|用户)(评论|留言)|^我来说两句"
          r"|^\d+\s*条(评论|留言|回复)|^评论\s*[(（]?\d*[)）]?$|^[\u4e00-\u9fff]{0,4}评论\s*[(（]\d+[)）]$|^(昵称|验证码|匿名发表)\s*[:：]?", 40),
    # Visitors' comments under the text: a guest's number, forum replies ("楼主辛苦了", "感谢分享！").
    _rule("comment_box", r"^(游客|网友|访客|匿名用户)\s*\d{2,}\s*([:：]\s*[^。]{0,30})?$|^(感谢|谢谢|支持|顶)?楼主[^。，]{0,6}[!！~。]*$"
          r"|^(沙发|板凳|顶一下|学习了|收藏了|谢谢分享|感谢分享|写得(很|真)?好)[!！~。]*$", 40),
    # A platform's abstract of a blog post above it: "本文讲述了作者从…的转变，强调了…".
    _rule("abstract", r"^(本文|文章|这篇文章)(主要)?(讲述|介绍|描述|记录|分享|总结|回顾|探讨)了(作者|博主|笔者)", 300, ("本文", "文章")),
    # Ads: a lone "广告" label, app download prompts.
    _rule("ad", r"^(广告|推广|赞助商?(链接)?|(?i:ad|advertisement))$|^(点击|扫码|立即)?(下载|打开|安装)\S{0,8}((?i:app)|客户端)", 30),
    _rule("page_counter", r"^第\s*\d+\s*页\s*[/，,]?\s*共\s*\d+\s*页|_第\s*\d+\s*页\s*$|^\d+\s*/\s*\d+\s*页?$|^(全文)?共\s*\d+\s*页$", 80, ("页",)),
    # A counter with its label: "页码：2/3", "页次 1/2", "第1/3页".
    _rule("page_counter", r"^(页码|页次|页数|第)\s*[:：]?\s*\d+\s*/\s*\d+\s*页?$", 16),
    # Page numbers of a document's pages ("- 1 -", "— 2 —"), as official documents print them.
    _rule("page_counter", r"^[-—–]\s*\d{1,3}\s*[-—–]$", 12),
    # A title with the page's number: "促进妇女增收(镇妇联工作总结)第2页" (a pager's link text).
    _rule("page_counter", r"^[^。，；！？]{4,50}第\s*\d{1,3}\s*页$", 60, ("页",)),
    _rule("page_counter", r"^(?i:page)\s*\d+\s*(?i:of|/)\s*\d+$", 20),
    _rule("doc_number", r"^\s*(文档|资料|文章)?编号\s*[:：]\s*\d{6,}\s*$", 30),
    # Keyword / tag lines: "关键词：年终总结 个人总结", "Tags：年终总结思想汇报", "主题词：…".
    # "关键词：…", "标签：…", "相关热词搜寻：…", "热门标签：…": a label of terms, then no sentence.
    _rule("keywords", r"^[^\s:：。，]{0,4}(关\s*键\s*[词字]|标\s*签|主题词|热词|搜索词|[Tt][Aa][Gg][Ss]?)[^\s:：。，]{0,4}\s*[:：][^。！？]*$",
          120),
    _rule("word_count", rf"^[（(]?({_WORDS}([，,、|]\s*{_MINUTES})?|{_MINUTES})[）)]?[。.]?$", 40),
    # A site's name alone on a line: "某某文档", "某某文库" (document-sharing sites print it above and below the text).
    _rule("site_name", r"^[\u4e00-\u9fff]{2,6}(文库|文档|范文网|文秘网|文档网)$", 12),
    # "述职报告之家", "精品办公范文荟萃": a site's name built from what it collects.
    _rule("site_name", r"^[\u4e00-\u9fff]{0,6}(范文|文秘|公文|报告|总结|办公|文档)[\u4e00-\u9fff]{0,4}(之家|荟萃|大全网|天地)$", 16),
    # A site's name as a link or greeting: "| 某某总结网2", "欢迎来到某某美文网！".
    _rule("site_name", r"^(?:[|｜]\s*[\u4e00-\u9fff]{2,8}网\d{0,2}|欢迎(?:来到|访问|光临)[\u4e00-\u9fff]{2,10}[网站][!！]?)$", 20,
          ("网", "站")),
    # A question-and-answer site's labels around the answer it shows.
    _rule("qa_label", r"^(问题描述|问题补充|最佳答案|推荐答案|满意答案|其他答案|其他回答|网友采纳|提问者采纳|精选回答)[:：]?$", 8),
    # A site's name with its address: "某某写作宝典：www.x.com".
    _rule("site_name", rf"^[^。，,；\s]{{2,20}}\s*[:：]\s*{_DOMAIN}\s*$", 80, ("www", "http", ".com", ".cn", ".net")),
)

LINE_RULES_MAX = max(rule.max_len for rule in LINE_RULES)
_LINE_GATE = _literals(n for rule in LINE_RULES for n in rule.needles)
# Each rule's own needles: once a line holds some needle, a literal scan per rule is far cheaper
# than running every rule's regex.
_RULE_GATES = tuple(_literals(rule.needles) if rule.needles else None for rule in LINE_RULES)

# Lines made only of button labels ("下载 相关 举报", "点击查看更多>>", "书签 分享 收藏 举报 版权申诉 / 23").
BUTTON_WORDS = re.compile(
    r"下载本文档|下载资源|下载文档|下载本文|付费下载|立即下载|免费下载|(?i:word|pdf)下载|下载|相关|举报|收藏|分享|打印|评论|点赞|投诉|版权申诉|书签|纠错|开通(?i:vip)|(?i:vip)专享|登录|注册"
    r"|原格式|原文档|原文件|继续免费阅读|继续阅读|点击查看更多|查看更多|展开阅读全文|展开全文|阅读全文|收起|返回|上传文档赚钱|上传文档|我要投稿|换一换|合集下载|首页|加载更多|点击加载更多|搜索|目录")
BUTTON_FILLER = re.compile(r"[\s>›»<|/·•,，、:：\d↑↓()（）\[\]【】\-]+")

# Bylines and metadata lines, of any length: poster + timestamp ("时间:2021-03-04 09:10:11 总结 来源:网友投稿",
# "发布人: X 发布时间:2019-01-02 字体: | | 打印文章", "楼主 发表于 2019-5-6 08:09 | 只看该作者",
# "- 2024-02-03 发布于江苏", "来源:某某网 2.3W"). A line is one when, with every metadata token taken
# out, at most BYLINE_RESIDUE characters (a category or a poster name) are left, and it holds one
# strong token, or two weak fields. "时间"/"日期" are weak (an activity report has "时间：2023年5月12日
# 14:30" lines), and so are the file card's "类型/格式/大小/体积/页数" ("类型：PDF / 日期：2022-11-07 /
# 体积：482.73KB"). Field names count only at a word's start ("垃圾分类：" is text), so timestamps and
# buttons are taken out first.
_FIELDS = (r"(?:发布|更新|发表|上传|修改|录入|提交|创建)(?:时间|日期|人|者)|文章来源|来源|作者|责任编辑|编辑|所属栏目|栏目|所属分类|分类"
           r"|发文机关|发布机构|成文日期|索引号|发文字号|主题分类|公开方式|公开范围|主题词"
           r"|字体(?:大小)?|字号|推荐度|人气|点击(?:数|量)?|浏览(?:量|数)?|阅读(?:量|数)?|评论数|字数|投稿(?:人|者)?|标签|关键词|发布于|发表于|更新于")
_WEAK_FIELDS = r"时间|日期|类型|格式|大小|体积|页数|文件大小"
# Keys no sentence uses, so they count even glued after a word ("…范文发布时间：2019/3/2", "信息来源：区民政局").
_GLUED_FIELDS = r"(?:发布|更新|发表|上传)(?:时间|日期)|信息来源|文章来源|责任编辑|(?:访问|浏览|阅读|点击)次数"
_ISO_DATE = r"\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}"
_WORD_START = r"(?<![\u4e00-\u9fff])"
# View counters of a page: "2025-10-03人已围观", "工作总结 阅读(2.8W)" (a count in brackets after the verb).
_VIEW_COUNTER = r"人已(?:围观|阅读|浏览|看过)|(?:阅读|浏览|围观|人气|点击)\s*[(（]\s*[\d.]+\s*[万wWkK]?\s*[)）](?=\s|[|｜/]|$)"
BYLINE_TOKEN = re.compile(
    rf"{_VIEW_COUNTER}|{_ISO_DATE}|\d{{4}}年\d{{1,2}}月\d{{1,2}}日|\d{{1,2}}:\d{{2}}(?::\d{{2}})?"
    r"|发布于|发表于|更新于|回复于|最后由|我要投稿|网友投稿|会员上传|打印(?:文章|本文|本页)?|关闭(?:窗口)?|举报|收藏|分享|点赞|纠错|回复|引用|下载本文"
    r"|字[体号]\s*[:：]?\s*[大中小\s]*|只看(?:该作者|楼主)|倒序浏览|阅读模式|楼主|沙发|板凳|地板|\d+\s*楼|\d+#"
    r"|(?:约\s*)?[\d.]+\s*(?:[KMG]B|[万千wWkK])?\s*(?:字|页|次|人)?(?:阅读|浏览|查看|回复|评论|下载)?")
BYLINE_FIELD = re.compile(rf"(?:{_GLUED_FIELDS}|{_WORD_START}(?:{_FIELDS}|{_WEAK_FIELDS}))\s*[:：]\s*"
                          rf"(?:(?!(?:{_FIELDS}|{_WEAK_FIELDS})\s*[:：])[^\s|｜/:：]){{0,20}}")  # a value ends where the next key starts
BYLINE_WEAK = re.compile(rf"{_WORD_START}(?:{_WEAK_FIELDS})\s*[:：]")
BYLINE_STRONG = re.compile(
    rf"{_VIEW_COUNTER}|(?:{_GLUED_FIELDS}|{_WORD_START}(?:{_FIELDS}))\s*[:：]|\d{{1,2}}:\d{{2}}:\d{{2}}|{_ISO_DATE}\s+\d{{1,2}}:\d{{2}}|^\s*[-•·]?\s*{_ISO_DATE}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*[\u4e00-\u9fff]{{0,6}}\s*$"
    r"|^\s*(?:时间|日期)\s*[:：]\s*\d{1,2}[-/]\d{1,2}(?:\s+\d{1,2}:\d{2})?\s*$"
    r"|发布于|发表于|回复于|只看(?:该作者|楼主)|倒序浏览|^(?:时间|日期)\s*[:：]\s*$")
# A file card or byline in fields the rules have no name for: three "key：value" fields, no sentence,
# and a value only metadata has (an ISO date or time, a file size, a long number, a masked name).
CARD_COLONS = 3
CARD_KEY = re.compile(r"(?<!\d)[:：]")  # a field's colon, not the one inside a time of day
CARD_VALUE = re.compile(rf"{_ISO_DATE}|\d{{1,2}}:\d{{2}}|\d+(?:\.\d+)?\s*[KMG]B|\d{{6,}}|\*{{2,}}|(阅读|浏览|围观|下载|点击|访问)(量|数|次数)?\s*[:：]?\s*\d{{2,}}", re.I)
BYLINE_FILLER = re.compile(r"[\s|｜/\\·•,，、:：;；()（）\[\]【】<>《》\-—_~.]+")
BYLINE_RESIDUE = 12

# Nav bars: short words separated by bars, or four and more by spaces ("首页 工作总结 述职报告 心得体会").
NAV_BAR = re.compile(rf"^(?:[A-Za-z{CJK}]{{1,8}}\s*[|｜/]\s*){{2,}}[A-Za-z{CJK}]{{1,8}}$|^(?:[A-Za-z{CJK}]{{1,8}}\s+){{3,}}[A-Za-z{CJK}]{{1,8}}$")
NAV_BAR_MAX = 60
HEADING_MAX = 60  # a line this short without sentence punctuation may be a heading
TITLE_COPY_WINDOW = 4  # sites repeat the title after the first paragraph too


@dataclass(frozen=True)
class BlockRule:
    """A heading that opens a block of furniture: the heading and up to `max_items` item lines go."""

    name: str
    head: re.Pattern
    item: re.Pattern  # what an item line looks like
    item_max_len: int
    max_items: int


# Lists of links to other documents ("相关文章", "猜你喜欢"): short title-like lines follow.
RELATED_HEAD = re.compile(
    r"^(【[^】]{0,40}】)?\s*(相关(文章|资源|文档|推荐|搜索|阅读|范文|专题|热词搜索)|猜你(喜欢|想看|感兴趣)|热门(标签|文章|推荐|搜索|文档)|推荐(阅读|文章|文档)"
    r"|延伸阅读|精彩推荐|(小编)?精心推荐|最新(文章|更新|推荐)|你可能(还)?(喜欢|感兴趣)|热词搜索|大家都在看|\S{0,4}人(还|同时)?(看了|还查看了)|更多(相关|精彩|类似)\S{0,6})\s*[:：]?")
BLOCK_RULES: tuple[BlockRule, ...] = (
    BlockRule("related_list", re.compile(RELATED_HEAD.pattern + r"[^。；！？]*$"), _NO_SENTENCE, 40, 1000),
    # A keyword label on its own line, then one line of keywords ("年度 工作 总结 精选").
    # A table of contents: "目录", then its numbered titles ("1.区妇联年度工作总结 3") until the text starts.
    BlockRule("toc", re.compile(r"^(目\s*录|文章目录|本文目录)\s*[:：]?\s*$"),
              re.compile(r"^\d{1,2}\s*[.、．]\s*[^。；！？]{2,40}$"), 60, 40),
    BlockRule("keywords", re.compile(r"^(关\s*键\s*[词字]|标\s*签|(?i:tags?))\s*[:：]?\s*$"),
              re.compile(r"^[^。！？，；]*[\s、,;；|][^。！？，；]*$"), 80, 1),
    # 【下载声明】/下载须知/免责声明 and its numbered notice items.
    BlockRule("site_notice", re.compile(r"^【?\s*(下载声明|下载须知|下载说明|下载提示|免责声明|版权声明|版权提示|特别说明|温馨提示|友情提示)\s*】?\s*[:：]?$"),
              re.compile(r"^\s*\d{1,2}\s*[、.．:：]|本站|下载|上传|文档|资源|侵权|版权"), 300, 12),
    # A comment box heading, then the comments' short lines (names, dates, one-liners).
    BlockRule("comment_box", re.compile(r"^(网友评论|发表评论|最新评论|热门评论|精彩评论|全部评论|评论列表|读者评论|用户评论|我来说两句|\d+\s*条(评论|留言))"),
              re.compile(r"."), 60, 200),
)


@dataclass(frozen=True)
class SentenceRule:
    """Drop a sentence when every pattern in `all_of` is found in it; `gate` finds its needles (as for LineRule)."""

    name: str
    needles: tuple[str, ...]
    all_of: tuple[re.Pattern, ...]
    gate: re.Pattern


def _sentence_rule(name: str, needles: tuple[str, ...], *patterns: str) -> SentenceRule:
    return SentenceRule(name, needles, tuple(re.compile(p) for p in patterns), _literals(needles))


_READER = r"大家|您|你|各位|读者|朋友"
_GENRE_NOUNS = r"工作总结|年终总结|年度总结|个人总结|总结报告|工作计划|计划书|心得体会|述职报告|工作汇报|思想汇报"
_DELIVER = r"整理|收集|搜集|精选|挑选|准备|带来|推荐|分享|提供|汇总|编辑|了解|看看|欣赏"
_DOC_NOUN = r"范文|模板|样本|例文|范本|文章|篇|总结|报告|计划|心得|体会|方案|材料|资料|内容|文档"
# Sentences that speak to the reader about the page, seen on most 范文 sites: the editor's
# "以下是小编整理的…，供大家参考。", invitations to read on. Only the sentence goes; the
# rest of its paragraph stays. A rhetorical question just before an editor sentence
# ("…你想好怎么写了吗？") belongs to it.
SENTENCE_RULES: tuple[SentenceRule, ...] = (
    _sentence_rule("editor", ("小编", "小編", "编者"), r"小编|小編|编者", _DELIVER, rf"{_READER}|{_DOC_NOUN}"),
    _sentence_rule("editor", ("以下", "下面", "接下来"), r"(以下|下面|接下来)(是|为|就是)", _DELIVER, _DOC_NOUN),
    _sentence_rule("editor", tuple(v + r for v in "为给帮" for r in _READER.split("|")),
                   rf"(本站|本网|网|文库|栏目|频道)(小编)?(为|给|帮)({_READER})", _DELIVER),
    # A site's editors at work: "根据你的需要，某某之家的编辑精心整理了…"
    _sentence_rule("editor", ("编辑",), r"(网|站|之家|文库|频道|栏目|平台)的?编辑(们)?(精心|特意|特地|专门|为(你|您|大家))?(整理|收集|搜集|挑选|准备|推荐|汇总)"),
    # A blogger's sharing line before the text: "今天就给大家分享下我的试用期总结，…"
    # (not "下面我给大家分享几点体会": the document's own words to its audience)
    _sentence_rule("editor", ("分享",), r"(给|和|跟|与|同)(大家|各位|你们|小伙伴们?)分享(一)?下?(我的|这篇|一篇|一份|本人的)"
                   r"[^。！？]{0,10}(总结|报告|计划|心得|述职|汇报)"),
    # "我们特意为您整理了5篇…范文"
    _sentence_rule("editor", tuple(v + r for v in "为给" for r in ("您", "你", "大家")),
                   rf"(为|给)({_READER})(精心|特意|特地|专门)?({_DELIVER})(了)?[^。！？]{{0,16}}(\d+|[两三四五六七八九十几多数])篇"),
    # The page speaking of itself as a collection: "本文将为您呈现多篇…范文，以供参考。"
    _sentence_rule("editor", ("本文", "下文", "本篇", "这里", "此处"),
                   rf"(本文|下文|本篇)(将|会|特|为({_READER})|给({_READER}))?|(这里|此处)(将|会|特|为({_READER})|给({_READER}))",
                   r"呈现|提供|分享|整理|汇集|收集|列举|推荐|精选|展示|带来|挑选|汇总", r"范文|模板|例文|范本|[\d两三四五六七八九十数多几]+篇"),
    _sentence_rule("editor_outro", ("供大家", "供您", "供你", "欢迎", "希望", "看看吧", "但愿", "相信", "收藏本"),
                   r"供(大家|您|你)(学习|借鉴)?[和与、]?(参考|借鉴)|欢迎(大家)?(阅读|借鉴|参考|收藏|分享)|希望(能够?|可以)?(对|给|为)?(您|你|大家)\S{0,12}(帮助|启发|有用|借鉴|参考)"
                   r"|希望(能)?(帮助|帮)到(您|你|大家)|希望大家(能够)?喜欢|(建议|记得|别忘了)(你|您|大家)?收藏本(页|文|站)|一起来看看吧|但愿对\S{0,10}有\S{0,4}帮助|相信(一定|能|会)*对(您|你|大家)有(所)?帮助"),
    # An editor's note praising the page's own text: "点评：本篇…条理清楚，值得借鉴。"
    _sentence_rule("editor", ("值得", "供参考"), r"^([^。！？：:]{0,6}[:：])?\s*(本篇|这篇|该篇|此篇|本文|该文)",
                   r"(值得(一读|借鉴|参考|学习|收藏|一看)|可?供参考)[。！!]?\s*$"),
    # An invitation to pass the page on: "喜欢这篇文章的朋友可以转给身边的同事。"
    _sentence_rule("editor_outro", ("转给", "转发", "分享给", "推荐给"), r"(喜欢|觉得|认为)[^。！？]{0,12}(这篇|本文|文章|有用|有帮助)",
                   r"转给|转发|分享给|推荐给"),
    # A chatbot's sign-off left under the text: "希望这篇内容能够满足您的需求！", "如有其他问题，请随时告知。"
    _sentence_rule("editor_outro", ("满足", "符合", "随时"), r"希望[^。！？]{0,12}(满足|符合)(您|你)的(需求|要求|期望)"
                   r"|(如果|如)(您|你)?(还)?有(其他|任何)[^。！？]{0,16}(请)?随时(告知|告诉我|联系|提出)"),
    _sentence_rule("editor_outro", ("仅供参考",), r"仅供参考", r"范文|模板|例文|文章|本文|以上(内容|就是)"),
    # Prompts to the reader to write one: "…让我们好好写一份总结吧。", "…汇集成一份自查报告吧。"
    _sentence_rule("write_prompt", ("吧",), r"(写|准备|制定|拟定|汇集成|整理成)\S{0,4}(一份|一篇)|一起(来)?(学习)?写",
                   r"(总结|报告|计划|心得|体会|方案|述职|鉴定|汇报|范文)\S{0,6}吧[。！!…]*[”’」』]*\s*$"),
    _sentence_rule("write_prompt", ("是时候", "想必"), r"(是时候|想必(我们|大家)?(需要|要|得|该))[^。！？]{0,6}(写|准备|制定|做)[^。！？]{0,12}(总结|报告|计划|心得|方案)了"
                   r"|^(?![^。！？]*我)[^。！？]*是时候[^。！？]{0,4}(总结|回顾|梳理)[^。！？]{0,16}了[。！!]?\s*$"),  # not the author's own
    # The stock opening of 范文 pages, about the genre rather than in it: "总结是把一定阶段内的情况…的书面材料",
    # "撰写此总结的必要性在于…", "…进行回顾与总结，是提升专业能力的必要途径。"
    _sentence_rule("about_writing", ("是把", "是对", "是指", "是一种", "文书", "书面材料", "应用文", "文体"),
                   r"(总结|报告|计划|心得体会|述职报告)(就)?是(把|对|指|一种|[^。！？]{0,30}(书面材料|文体|应用文|文书|公文)[。！]?\s*$)",
                   r"书面材料|文体|应用文|文书|公文"),
    _sentence_rule("about_writing", ("必要", "途径", "环节", "重要依据", "在于"),
                   r"撰写|写好|写一份|回顾与总结|进行总结|多做",
                   r"必要途径|必要性|重要(途径|依据|手段|环节)|关键环节|意义在于|目的在于"),
    # "在工作中，汇报是一项重要的任务。", "通过阅读一些优秀的汇报范文，我们可以学习到写作技巧。"
    _sentence_rule("about_writing", ("是一项重要",), r"^[^。！？]{0,8}(总结|汇报|计划|报告|述职|心得)是一项重要的?(任务|工作)"),
    # "总结的目的在于让我们认识自己。"
    _sentence_rule("about_writing", ("目的在于", "意义在于"), r"^[^。！？]{0,6}(总结|汇报|计划|报告|心得)的(目的|意义)在于(让|使|帮助)"),
    _sentence_rule("about_writing", ("范文", "范例", "例文"), r"(阅读|参考|借鉴|学习)[^。！？]{0,12}(范文|范例|例文)",
                   r"写作(技巧|方法|思路)|(撰写|写作)的?(技巧|方法|思路)"),
    # A genre defined by its kinds: "工作计划是对一定时期的工作预先作出安排…，有许多不同种类，有时间长短之分。"
    _sentence_rule("about_writing", ("种类", "之分", "之别", "预先"), r"^[^。！？]{0,6}(总结|计划|报告|心得体会)(就)?是",
                   r"不同种类|之分|之别|预先作出安排"),
    # The genre praised or put as a question about writing it: "工作计划在我们的生活中扮演着重要的角色。",
    # "全面的工作总结，能让我们不断优化自身技能。", "写计划的时候需要注意什么呢？"
    _sentence_rule("about_writing", ("角色", "提上日程", "必不可少", "不可或缺", "至关重要", "能让", "能够让", "可以让", "能帮助", "可以帮助"),
                   rf"{_GENRE_NOUNS}",
                   r"扮演着?[^。！？]{0,6}角色|提上日程|必不可少|不可或缺|至关重要|(能够?|可以)(让|帮助|使)(我们|大家|你|自己)"),
    _sentence_rule("about_writing", ("角色", "提上日程"),
                   r"^[^。！？]{0,4}(总结|计划|报告|心得)(在|是|已|可以|就)", r"扮演着?[^。！？]{0,6}角色|提上日程"),
    # "随着…，报告的使用频率越来越高，相信很多朋友都对写报告感到头疼。"
    _sentence_rule("about_writing", ("频率", "范围", "使用率"), r"(报告|总结|计划|心得|体会|方案)的?(使用|适用|应用)(频率|范围|率)",
                   r"越来越|日益|逐渐|呈上升|不断"),
    _sentence_rule("about_writing", ("感到",), r"对(写|撰写|写作)(报告|总结|计划|心得|体会|方案)感到"),
    _sentence_rule("about_writing", ("什么", "哪些", "怎么", "如何", "怎样"),
                   r"(写|撰写|制定|拟定|起草)[^。！？]{0,12}(总结|计划|报告|心得|方案|述职)",
                   r"(注意|要求|技巧|格式|怎么|如何|怎样|什么|哪些)[^。！？]{0,10}[？?]"),
    # "服务员的年终总结如何写好？"
    _sentence_rule("about_writing", ("怎么写", "如何写", "怎样写", "怎么才能写", "如何才能写"),
                   r"(总结|计划|报告|心得|体会|方案|述职)[^。！？]{0,8}(怎么|如何|怎样)(才能)?写", r"[？?]\s*$"),
    _sentence_rule("read_on", ("感谢您", "推荐您", "继续阅读", "关注本站", "更多"),
                   r"感谢您的光临|感谢您(使用|访问|阅读|浏览)|推荐您(继续)?阅读|继续阅读[“\"《]|敬请关注本站|请(继续)?关注本站"
                   r"|更多(精彩)?(内容|范文)(请|尽在|敬请)"),
)
# A line is split into sentences only when it holds one rule's needle.
_SENTENCE_GATE = _literals(n for rule in SENTENCE_RULES for n in rule.needles)

_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?…]+[”’」』]*|$)")
_QUESTION = re.compile(r"(吗|呢|怎么|如何|什么|哪些)\s*[？?]$")
_EDITOR_RULES = ("editor",)
_READER_QUESTION = re.compile(r"^[^。！？!?]*(你|您|大家)[^。！？!?]*[？?]$")

@dataclass(frozen=True)
class InlineRule:
    """Cut what `pattern` matches out of the text; it only runs when `gate` finds one of its needles."""

    name: str
    pattern: re.Pattern
    gate: re.Pattern


def _inline(name: str, pattern: str, *needles: str, flags: int = 0) -> InlineRule:
    return InlineRule(name, re.compile(pattern, flags), _literals(needles))



# Furniture glued inside a line of text: page counters of a PDF text layer, word counts after a
# title, preview notices after truncated text, keyword prefixes, site watermarks mid-sentence.
INLINE_RULES: tuple[InlineRule, ...] = (
    # A preview notice in brackets: "……(某某网http://x.cn省略522字,正式会员可完整阅读)……"
    _inline("paywall", r"[.…]*[（(][^（()）\n]{0,40}(省略|隐藏)\s*\d+\s*个?字[^（()）\n]{0,30}[）)][.…]*", "省略", "隐藏"),
    # Style sheet text a page leaked into its body: "@page { size: 8.27in 11.69in; } p { color: #000000 }".
    _inline("css", r"(?:@[a-z-]+|[a-z][\w.#-]*(?:\s*,\s*[a-z][\w.#-]*)*)\s*\{[^{}\n]{0,600}?[a-z-]+\s*:[^{}\n]{0,600}?\}\s*",
            "{"),
    _inline("page_counter", r"第\s*\d+\s*页\s*[/，,]?\s*共\s*\d+\s*页[。.]?", "页"),
    _inline("page_counter", r"第[一二三四五六七八九十百零]+页\s*[，,]\s*共\s*[\d一二三四五六七八九十百]+\s*页[。.]?", "页"),
    _inline("word_count", r"[（(]\s*(全文共|全文约)\s*[\d.]+\s*[万千]?字\s*[）)]|(全文共|全文约)\s*[\d.]+\s*[万千]?字", "全文"),
    _inline("more_button", r"点击查看更多\s*>*|展开阅读全文|收起\s*↑", "查看更多", "展开阅读全文", "收起"),
    # "…(省略854字，正式会员可完整阅读)", "当前仅显示前500字…", "文章内容仅供预览…"
    _inline("paywall", r"[（(【]?\s*(以下|下文|后文|剩余)?(内容)?(已)?省略\s*\d+\s*字[^。！？\n）)】]{0,30}[）)】]?[。！？]?", "省略"),
    _inline("paywall", r"[（(【]?\s*(当前|本页|此处|目前)?仅(显示|展示|预览)(了)?(前)?\s*\d+\s*(字|页|%)[^。！？\n）)】]{0,30}[）)】]?[。！？]?",
            "仅显示", "仅展示", "仅预览"),
    _inline("paywall", r"[（(【]?\s*(文章|文档|本文|全文)?(内容)?仅供(预览|试读)[^。！？\n）)】]{0,30}[）)】]?[。！？]?", "仅供预览", "仅供试读"),
    _inline("paywall", r"(付费|充值|开通会员|登录|注册)后(即)?可(查看|阅读|下载)(剩余|全部|完整)(内容|全文)?[。！]?", "后可", "后即可"),
    # Notices glued before the text: "下载后可任意编辑…", a template's cover blanks "编写人:______ 日期:______".
    _inline("site_notice", r"^[ \t]*(本)?(文档|资料)可(任意|自由)?编辑(修改)?[。！!，,]?|下载后可(任意|自由)?编辑(修改)?[。！!，,]?", "编辑",
            flags=re.MULTILINE),  # the download notice also lands mid-sentence, where a PDF's pages join
    _inline("form_blanks", r"(?:(?:编写人?|编者|编制人?|撰写人?|审核人?|审批人?|批准人?|日\s*期|时\s*间)[ \t]*[:：][ \t]*_{3,}[ \t]*){2,}", "__"),
    _inline("site_name", r"^[ \t]*[^。，,；：:\s]{2,20}[ \t]*[:：][ \t]*(?![\w.-]*\.(?:gov|edu)\b)(?:https?://)?www\.[a-z0-9-]+"
            r"(?:\.[a-z0-9-]+)*\.(?:com|net|cn|org|cc|top|vip)(?:\.cn)?", "www", flags=re.MULTILINE),
    # A 文库 section label glued before the text it labels: "文档介绍：今年三月我们…".
    _inline("section_label", r"^[ \t]*(文档介绍|文档简介|内容简介|资源描述|资源简介|文档摘要|内容提示)[ \t]*[:：][ \t]*(?=\S)",
            "文档介绍", "文档简介", "内容简介", "资源描述", "资源简介", "文档摘要", "内容提示", flags=re.MULTILINE),
    # Page numbers glued to the text where a PDF's pages join: "- 1 -2024年度…", "…新的贡献。- 5 -".
    _inline("page_counter", r"^[ \t]*[-—–][ \t]*\d{1,3}[ \t]*[-—–][ \t]*(?=\S)", "-", "—", "–", flags=re.MULTILINE),
    _inline("page_counter", r"[-—–](?<=[。！？；”][-—–])[ \t]*\d{1,3}[ \t]*[-—–][ \t]*$", "。-", "。—", "。–", "”-", "！-", "？-", flags=re.MULTILINE),
    # A pager where a page of the text ends: "…落实到日常工作中去。3/3页".
    _inline("page_counter", r"(?<=[。！？”])[ \t]*\d{1,3}[ \t]*/[ \t]*\d{1,3}[ \t]*[页頁][ \t]*$", "页", "頁", flags=re.MULTILINE),
    _inline("page_counter", r"(?<=[\u4e00-\u9fff])[ \t]*[-—–][ \t]+\d{1,3}[ \t]+[-—–][ \t]*$", "- ", "— ", "– ", flags=re.MULTILINE),
    # "关键词：年终总结 个人总结 今年以来，我…": the keyword run before the text.
    _inline("keywords", r"^(关\s*键\s*[词字]|标\s*签)\s*[:：]\s*(?:[^\s。，,！？；;:：、|]{1,12}(?:\s+|[、;；|]\s*)){1,10}(?=[^\n]{15})(?=[^\n]*[。，,；！？])",
            "关键", "关 键", "标签", "标 签", flags=re.MULTILINE),
    # Watermarks naming a site inside a sentence: "(来源：某某范文网)", "本文由某某网整理，", a bare domain.
    _inline("watermark", rf"[（(【\[]\s*(本文)?(来源|来自|转自|摘自|出自)\s*[:：于]?\s*(?:[^）)】\]\s\n]{{0,20}}(网|文库|范文|站|库)|{_DOMAIN}|{_HOST})[^）)】\]\n]{{0,20}}[）)】\]]",
            "来源", "来自", "转自", "摘自", "出自"),
    _inline("watermark", r"【[^】\n]{1,16}(网|站|文库|范文|库|大全|文档|资料|之家|平台)(原创首发|原创|首发|整理|独家发布|独家|发布|版权所有)[^】\n]{0,4}】", "【"),
    _inline("watermark", r"(本文|此文)由[^。，！？；\n]{2,16}?(整理|收集|编辑|发布|原创|提供)[，,]?"
            r"|(本文|文章|此文)(由|来源于|来自|转自|摘自)[^。，！？\n]{1,20}?(网|网站|文库|库|站|平台)(整理|收集|编辑|发布|原创|提供)?[，,。]?",
            "本文", "文章", "此文"),
    _inline("watermark", rf"(?<=[{CJK}，。、；])\s*{_DOMAIN}\s*(?=[{CJK}，。、；])", ".com", ".net", ".cc", ".top", ".cn", "www.", "m.", "wap."),
    # A site notice in brackets inside a sentence: "（转载请注明出处：某某平台）", "(版权归某某网所有)".
    _inline("watermark", r"[（(【\[][^（()）【】\[\]\n]{0,16}(转载|出处|版权|权属|侵权|原文链接|原文地址)[^（()）【】\[\]\n]{0,24}(?:[）)】\]]|(?=\n|$))",
            "转载", "出处", "版权", "权属", "侵权", "原文链接", "原文地址"),
    # A site name with its address in brackets: "(某某网http://www.x.cn)", "（来自 m.x.com"
    _inline("watermark", rf"[（(【\[][^（()）【】\[\]\n。，]{{0,12}}{_DOMAIN}[^（()）【】\[\]\n。，]{{0,12}}(?:[）)】\]]|$)",
            ".com", ".net", ".cc", ".top", ".cn", "www.", "m.", "wap.", "http"),
    # A document number glued before the text: "编号:727056962市民政局…"
    _inline("doc_number", r"(?:^|(?<=\n))(文档|资料|文章)?编号\s*[:：]\s*\d{6,}", "编号"),
    # HTML markup left in the text as characters, its "<" often garbled to "?": "?a href='…' target='_blank'>", "?/p>".
    _inline("html", r"[<?＜]\s*/?\s*(?:a|p|span|div|br|img|strong|font|li|ul|ol|td|tr|table|h[1-6]|em|b|i|u)"
            r"(?:\s+[a-z-]+\s*=\s*(?:'[^'\n]{0,200}'|\"[^\"\n]{0,200}\"|[^\s<>]{1,200}))*\s*/?[>＞]|&nbsp;"
            r"|<(image|img|figure|svg)\b[^<>\n]{0,400}>[^<>\n]{0,400}</\1>",  # an image element with its source and alt text
            "<", "＜", "?/", "?a ", "?p", "?s", "?d", "?b", "?i", "?f", "?l", "?u", "?o", "?t", "?h", "?e", "&nbsp;"),
    # A CMS's unfilled tag placeholder: "[标签:标题]", "[标签:介绍]".
    _inline("template_tag", r"\[标签[:：][^\]\n]{1,10}\]", "标签"),
    # An ownership phrase dropped into a sentence without brackets: "…坚持下去，某某文秘网版权所有这一点…".
    # It must follow punctuation: inside a run of characters nothing tells where the site name begins.
    _inline("watermark", rf"(?<=[，、；。])[{CJK}]{{2,8}}(网|文库|范文网|站)(版权所有|原创首发|独家发布|原创发布|整理发布)(?=[{CJK}，。、；])",
            "版权所有", "原创首发", "独家发布", "原创发布", "整理发布"),
)

# "【述职报告是什么意思】…": a topic tag in 【】 glued before the text, repeating the title.
TITLE_TAG = re.compile(r"^【([^】。，！？\n]{2,30})】\s*")
# A breadcrumb whose separators were lost: "首页范文社区工作计划" (home, category, the title's end).
GLUED_CRUMB = re.compile(r"^(网站)?(首页|主页)[^。，；！？、：:\s]{2,28}$")
GLUED_CRUMB_TAIL = 4  # characters of the title's end the crumb must end with
# A site name glued to a leading copy of the title: "某某期刊网 精选范文 X工作总结".
SITE_WORD = re.compile(r"网|文库|范文|首页|文档|站|怎么写|如何写|范本|模板|格式|大全")
# SEO decorations glued to a title or its copy: "(全文完整)", "【荐】", "(通用5篇)".
TITLE_DECOR = re.compile(r"[（(【\[]\s*(全文完整|完整版|精选|推荐|荐|热门|最新|优秀|原创|必备|实用|精华|经典|通用|汇总|合集|多篇"
                         r"|(通用|精选|优秀|热门|最新|推荐|实用|经典|专业|分享|收集|汇编)?\s*[\d一二三四五六七八九十百]+\s*篇)\s*[）)】\]]"
                         r"|[\d一二三四五六七八九十百]+\s*篇$|多篇$")


def is_button_line(line: str) -> bool:
    """True for a short line made only of button labels and separators."""
    if len(line) > 40:
        return False
    rest = BUTTON_FILLER.sub("", BUTTON_WORDS.sub("", line))
    return rest == "" and BUTTON_WORDS.search(line) is not None


# A field: "key：value" (a time's colon is in a value), or a key and its value run together ("总页数24").
CARD_FIELD = re.compile(r"^[^\s:：。，]{1,8}\s*[:：](?:[^:：。]|(?<=\d)[:：](?=\d)){0,24}$"
                        r"|^[^\s:：。，]{2,16}$|^[^\s:：。，]{1,8}\s[^\s:：。，]{1,16}$")  # "key:value", "keyvalue", "key value"
CARD_SEPARATOR = re.compile(r"[；;|｜]|\s[·•]\s")  # a dot between spaces; a dot inside a name is no separator


CARD_DATE_TIME = re.compile(rf"({_ISO_DATE})\s+\d{{1,2}}:\d{{2}}(:\d{{2}})?")


def _is_card(line: str) -> bool:
    """Fields set off by semicolons or bars: "栏目:X；发表于:2019-06-16；围观:385次" (a semicolon is no sentence here)."""
    if "。" in line:  # no field holds a full stop
        return False
    folded = CARD_DATE_TIME.sub(r"\1", line)  # "2019-06-16 10:15" is one value, not two words
    fields = [f.strip() for f in CARD_SEPARATOR.split(folded) if f.strip()]
    return (len(fields) >= CARD_COLONS and all(CARD_FIELD.match(f) for f in fields)
            and CARD_VALUE.search(line) is not None)


# A document's file card with its keys set straight before their values: "文件格式docx；类别公文写作",
# "出处网络 · 共计页数15 · 类别心得体会", "类别实用文档；发表于2019-01-02 10:11". Two fields need a value
# only metadata has (a file format, a date, a long number); three are enough.
_CARD_KEY = (r"(?:(?:文件|文档)?(?:格式|类型|类别|分类|大小)|(?:共计|总)?页数|栏目|出处|来源|作者|资源\s*ID|编号|(?:发表|发布|上传|更新)于"
             r"|人气|(?:浏览|阅读|下载|点击)(?:量|次数)?|投稿(?:人|者)|上传(?:人|者)|发布人|贡献者)")
_CARD_SEP = r"(?:[；;|｜/·•]|\s+)"
_CARD_FIELD = rf"{_CARD_KEY}\s*[:：]?\s*[^；;|｜/·•，,]{{1,20}}?"
FILE_CARD = re.compile(rf"^\s*{_CARD_FIELD}(?:\s*{_CARD_SEP}\s*{_CARD_FIELD})+\s*$")
_FILE_FORMAT = re.compile(r"(?<![A-Za-z])(?i:docx?|pdf|pptx?|xlsx?|wps|txt)(?![A-Za-z])")
CARD_FIELDS_ALONE = 3


def _is_file_card(line: str) -> bool:
    if "。" in line or not FILE_CARD.match(line):
        return False
    fields = len(re.findall(rf"(?:^|{_CARD_SEP})\s*{_CARD_KEY}", line))
    return bool(_FILE_FORMAT.search(line) or CARD_VALUE.search(line)) or fields >= CARD_FIELDS_ALONE


def is_byline(line: str) -> bool:
    """True for a metadata line: timestamps, source, author, counters, forum post headers, file cards."""
    if len(line) <= LINE_RULES_MAX and (_is_card(line) or _is_file_card(line)):
        return True
    if not _NO_SENTENCE.match(line):
        return False
    if len(line) <= LINE_RULES_MAX and len(CARD_KEY.findall(line)) >= CARD_COLONS and "，" not in line \
            and CARD_VALUE.search(line):
        return True
    if not (BYLINE_STRONG.search(line) or len(BYLINE_WEAK.findall(line)) >= 2):
        return False
    rest = BYLINE_FIELD.sub(" ", BYLINE_TOKEN.sub(" ", line))
    return len(BYLINE_FILLER.sub("", rest)) <= BYLINE_RESIDUE


LEADING_BULLET = re.compile(r"^(?:[•·●▪◆■]|[-–—](?=\s))\s*")


def chrome_kind(line: str) -> str:
    """The name of the rule that marks `line` as furniture through and through, or '' for text."""
    kind = _chrome_kind(line)
    if not kind and LEADING_BULLET.match(line):  # "• 格式:docx", "• 大小:23 KB": a file card set as a list
        kind = _chrome_kind(LEADING_BULLET.sub("", line))
    return kind


def _chrome_kind(line: str) -> str:
    size = len(line)
    if size <= LINE_RULES_MAX:
        gated = _LINE_GATE.search(line) is not None
        for rule, gate in zip(LINE_RULES, _RULE_GATES):
            if size <= rule.max_len and (gate is None or gated and gate.search(line)) and rule.pattern.search(line):
                return rule.name
    if is_button_line(line):
        return "buttons"
    if is_byline(line):
        return "byline"
    if len(line) <= NAV_BAR_MAX and NAV_BAR.match(line):
        return "nav_bar"
    if repair.is_ascii_junk(line):
        return "ascii_junk"
    return ""


SENTENCE_RULE_MAX = 120  # furniture sentences are short: a longer one holds text, and a phrase glued into it


def _sentence_rule_of(sentence: str) -> str:
    if len(sentence) > SENTENCE_RULE_MAX:
        return ""
    for rule in SENTENCE_RULES:
        if rule.gate.search(sentence) and all(p.search(sentence) for p in rule.all_of):
            return rule.name
    return ""


# What a 范文 site says before its editor sentence, in the same paragraph ("在…的今天，报告的人越来越多。下面是
# 小编整理的…"): talk about the genre in general, or the document's opening quoted as a teaser. A document's
# own paragraph speaks as its author or of its own period.
_GENRE_TALK = re.compile(r"总结|报告|计划|心得|体会|汇报|述职|范文|方案")
_OWN_WORDS = r"我(?!们)|本人|本(?:单位|部门|校|院|局|公司|年度|学期)|今年以来|现将"
_OWN_VOICE = re.compile(rf"{_OWN_WORDS}|\d{{4}}\s*年")
INTRO_MAX = 200  # characters: a site's intro is a few sentences
TEASER_CHARS = 20  # an intro opening with the document's first characters quotes it
TEASER_LINES = 12  # … from the lines that follow it
SUBJECT_LINE_MAX = 80  # a site's one-line remark on the subject before its editor sentence


def _site_intro(sentences: list[str], following: str) -> bool:
    """Whether the sentences before an editor sentence in one paragraph are the site's, not the document's."""
    intro = "".join(sentences).strip()
    if not intro or len(intro) > INTRO_MAX:
        return False
    if len(intro) >= TEASER_CHARS and intro[:TEASER_CHARS] in following:
        return True
    # talk about the genre, or a line about the subject ("保安人员对…进行巡查，保卫客户安全。"), not in the author's voice
    return (bool(_GENRE_TALK.search(intro)) or len(intro) <= SUBJECT_LINE_MAX) and not _OWN_VOICE.search(intro)


def drop_sentences(line: str, removed: Removals, following: str = "") -> str:
    """`line` without its editor / read-on sentences (and a rhetorical question just before one, or the
    site's intro before one: `following` is the text after the line, where a quoted opening recurs)."""
    if not _SENTENCE_GATE.search(line):
        return line
    sentences = [s for s in _SENTENCE.findall(line) if s]
    names = [_sentence_rule_of(s) for s in sentences]
    if not any(names):
        return line
    for i, name in enumerate(names):
        if name in _EDITOR_RULES and i > 0 and not names[i - 1] and _QUESTION.search(sentences[i - 1].strip()):
            names[i - 1] = name
    for i, sentence in enumerate(sentences):  # "这会儿领导催你交年终总结？" beside an editor's question goes with it
        if not names[i] and _READER_QUESTION.search(sentence.strip()):
            names[i] = next((names[j] for j in (i - 1, i + 1) if 0 <= j < len(names) and names[j]), "")
    editor = next((i for i, name in enumerate(names) if name in _EDITOR_RULES), 0)
    if editor and _site_intro([s for s, name in zip(sentences[:editor], names) if not name], following):
        names[:editor] = [name or "editor_intro" for name in names[:editor]]
    kept = []
    for sentence, name in zip(sentences, names):
        if not name:
            kept.append(sentence)
            continue
        glued = _glued_editor_start(sentence) if name in _EDITOR_RULES else 0
        kept.append(sentence[:glued])
        removed.cut(name, len(sentence) - glued)
    return "".join(kept).strip()


# An editor sentence glued to text cut off mid-sentence (a page joining its parts): "…坚持绿色防控、下面是
# 小编为大家整理的…，供大家参考。". The text before the opener stays when it ends without a clause break.
_EDITOR_OPENER = re.compile(r"(?:以下|下面|接下来)(?:是|为|就是)")
GLUED_TEXT_MIN = 10


def _glued_editor_start(sentence: str) -> int:
    m = _EDITOR_OPENER.search(sentence)
    if not m or m.start() < GLUED_TEXT_MIN or sentence[m.start() - 1] in "，,：:；; ":
        return 0
    return m.start()


def _block_rule(line: str) -> BlockRule | None:
    head = LEADING_BULLET.sub("", line)  # "- 相关推荐" set as a list item
    for rule in BLOCK_RULES:
        if rule.head.match(head):
            return rule
    return None


def _is_prose(title: str) -> bool:
    """A <title> that is a sentence of the text rather than a title (pages without a real title)."""
    t = title.strip()
    return (t[-1:] in "。！？；!?;" and (len(t) >= 25 or any(p in t for p in "，,；"))) or (len(t) >= 50 and "，" in t)


def _core(text: str) -> str:
    return title_key(TITLE_DECOR.sub("", text))


def is_title_copy(line: str, title: str) -> bool:
    """True when `line` is a copy of the page title, decorated or with a site word glued to it."""
    if _is_prose(title) or len(line) > 120 or not _NO_SENTENCE.match(line.rstrip("。？?")):
        return False
    key, lk, core = title_key(title), title_key(line), _core(title)
    if not key or not lk:
        return False
    if lk == key or (core and _core(line) == core):
        return True
    for stem in {key, core}:
        if len(stem) >= 4 and (lk.startswith(stem) or lk.endswith(stem)):
            affix = lk.replace(stem, "", 1)
            if len(affix) <= 14 and SITE_WORD.search(affix):
                return True
    return False


def _is_glued_crumb(line: str, title: str) -> bool:
    if not GLUED_CRUMB.match(line):
        return False
    core = _core(title)
    return len(core) >= GLUED_CRUMB_TAIL and title_key(line).endswith(core[-GLUED_CRUMB_TAIL:])


# A title in 【】 before the text's first sentence, on pages whose own title says nothing:
# "【关于X的观后感(X观后感及作文1200)】在观看完…".
LEADING_TITLE_TAG = re.compile(r"^【([^】。，！？\n]{4,60})】(?=\S{10})")
_OUTLINE_START = r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[章部分、])"
GENRE_WORD = re.compile(r"总结|报告|计划|汇报|心得|体会|观后感|读后感|述职|鉴定|方案|工作要点")


def _strip_title_tag(line: str, title: str, removed: Removals, first: bool = False) -> str:
    m = TITLE_TAG.match(line)
    if m and title:
        tag, key = _core(m.group(1)), _core(title)
        if tag and key and (tag in key or key in tag):
            removed.cut("title_tag", len(m.group(0)))
            return line[m.end():]
    m = LEADING_TITLE_TAG.match(line) if first else None
    if m and GENRE_WORD.search(m.group(1)):
        removed.cut("title_tag", len(m.group(0)))
        return line[m.end():]
    return line


# A document's file name, as document-sharing sites print it above the text ("某某工作总结.docx",
# "…计划.docxVIP"): the name is the document's title, so only the extension goes.
FILE_NAME = re.compile(r"^([^。！？]{2,80}?[^\s。！？.])\s*\.(?i:docx?|pdf|pptx?|xlsx?|wps|txt)(?:VIP)?\s*$")


# A list of other documents whose heading is gone (a site template took it, or it never had one): runs
# of document titles each with its page count or date ("某局2022年工作总结 12页", "…述职报告 2021-07-08").
LISTED_TITLE = re.compile(r"^[^。，,；;！？!?]{4,50}?(?:\s*\d{1,3}\s*页|\s*(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})$")
LISTED_RUN = 3


def _listed_titles(lines: list[str]) -> set[int]:
    found: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if LISTED_TITLE.match(line) and (GENRE_WORD.search(line) or "范文" in line):
            run.append(i)
            continue
        if len(run) >= LISTED_RUN:
            found.update(run)
        run = []
    return found


def drop_chrome(lines: list[str], title: str) -> tuple[list[str], Removals]:
    """Remove furniture lines, furniture blocks, editor sentences and leading copies of the title.

    Returns the kept lines and what was removed, per rule name (`Removals.lines` counts whole
    lines, `Removals.cuts` pieces cut from lines, `Removals.chars` the characters of both).
    """
    removed = Removals()
    out: list[str] = []
    block: BlockRule | None = None
    items = 0
    listed = _listed_titles(lines)
    for at, line in enumerate(lines):
        if at in listed:
            removed.line("related_list", line)
            continue
        if named := FILE_NAME.match(line):  # the page's furniture around the title, not noise in the text
            removed.cut("file_name", len(line) - named.end(1))
            line = named.group(1)
        opened = _block_rule(line)
        if opened:
            block, items = opened, 0
            removed.line(opened.name, line)
            continue
        if block and items < block.max_items and len(line) <= block.item_max_len and block.item.search(line):
            items += 1
            removed.line(block.name, line)
            continue
        block = None
        kind = chrome_kind(line) or ("breadcrumb" if _is_glued_crumb(line, title) else "")
        if kind:
            removed.line(kind, line)
            continue
        following = "".join(lines[at + 1:at + 1 + TEASER_LINES]) if _SENTENCE_GATE.search(line) else ""
        kept = _strip_title_tag(drop_sentences(line, removed, following), title, removed, first=not out)
        if not kept.strip(" ，,：:"):
            continue
        if kept != line and (kind := chrome_kind(kept.strip())):  # "某某网为您提供范文! 首页 工作总结 …": the menu after the slogan
            removed.line(kind, kept)
            continue
        if out and kept == out[-1] and len(kept) <= HEADING_MAX and _NO_SENTENCE.match(kept) and not is_title_copy(kept, title):
            removed.line("duplicate_heading", kept)
            continue
        out.append(kept)
    return _trim_lead(_drop_genre_intro(_drop_title_copies(out, title, removed), removed), removed), removed


# A site's paragraph on the genre in general above the document it shows, with no editor sentence:
# "总结是…，可以帮助我们…", "写总结时要注意…", "据调查显示，…在撰写工作总结时…". It goes only when
# the next line opens in the document's own voice, so an explainer keeps its definition.
_GENERIC_TALK = re.compile(r"^[^。！？，,]{0,12}?(?:总结|报告|计划|心得|体会|汇报)(?:是|就是)|(?:写|撰写)[^。，,]{0,10}"
                           r"(?:总结|报告|计划|心得|汇报)[^。，,]{0,6}时|可以帮助我们|帮助我们更好|据[^。，,]{0,10}(?:调查|统计)显示")
_OPENS_OWN_VOICE = re.compile(rf"^[^。！？]*?(?:{_OWN_WORDS}|20[\dXx]{{2}}\s*年)")  # in its first sentence; "20xx年" too
GENRE_INTRO_LINES = 3  # the paragraph opens the text


def _drop_genre_intro(lines: list[str], removed: Removals) -> list[str]:
    at = next((i for i, line in enumerate(lines[:GENRE_INTRO_LINES]) if len(line) > LEAD_MAX_CHARS), None)
    if at is None or at + 1 >= len(lines):
        return lines
    intro = lines[at]
    if len(intro) > INTRO_MAX or not _GENERIC_TALK.search(intro) or _OWN_VOICE.search(intro) \
            or not _OPENS_OWN_VOICE.match(lines[at + 1]):
        return lines
    removed.line("genre_intro", intro)
    return lines[:at] + lines[at + 1:]


# What a short line above the text's first paragraph may be and still belong to the document: a
# heading or section number, a salutation, a title naming a genre, a subtitle, a piece marker, or
# the issuing unit. Any other short line there (a poster's name, a bare timestamp, a site's slogan,
# front matter) is the page's, whatever its wording.
LEAD_MAX_CHARS = 30
LEAD_KEEP = re.compile(
    rf"^\s*(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]|第[一二三四五六七八九十\d]+|[—－-]{{1,2}}|【|篇)"
    rf"|[:：]\s*$|{GENRE_WORD.pattern}|篇|范文|讲话|发言|致辞|演讲|材料"
    r"|(?:局|委|院|部|厅|办|室|所|(?<![本网])站|队|中心|公司|集团|学校|小学|中学|大学|医院|支部|委员会|政府|街道|社区|村|镇|乡|县|市|省|单位)$")


def _chinese_prose(line: str) -> bool:
    return reads_as_prose(line) and cjk_count(line) >= LEAD_PROSE_CJK and not _aphorism(line)


_CLAUSE_BREAK = re.compile(r"[，,。；;！!？?、]")
APHORISM_CLAUSE = 4  # "山可移，海可填，岁月难留。": clauses this short are a site's filler saying, not a paragraph


def _aphorism(line: str) -> bool:
    clauses = [c.strip() for c in _CLAUSE_BREAK.split(line) if c.strip()]
    return len(clauses) >= 2 and all(len(c) <= APHORISM_CLAUSE for c in clauses) and not any(ch.isdigit() for ch in line)


_DOC_TITLE = re.compile(rf"^(?!\s*(?:{_OUTLINE_START}|\d{{1,2}}\s*[、.．)）]))[^。！？；，,!?;]{{6,{LEAD_MAX_CHARS}}}$")  # no section heading, no sentence
_TITLE_HEAD = re.compile(rf"^(?=(?:[^{CJK}]*[{CJK}]){{8}})[^，,。！？!?；;~～:：]{{10,30}}$")  # Chinese: not "Published"
LEAD_PROSE_CJK = 6  # a paragraph of the text has Chinese in it: "Dec 17, 2023" is no paragraph


def _trim_lead(lines: list[str], removed: Removals) -> list[str]:
    """Drop the short lines above the first paragraph that cannot belong to a document."""
    first = next((i for i, line in enumerate(lines) if len(line) > LEAD_MAX_CHARS or _chinese_prose(line)), len(lines))
    if first == len(lines):
        return lines  # no paragraph at all: nothing tells the page's lines from the document's
    # The document starts at its own title: short lines above a title naming a genre, just above the
    # text, are the page's (a shop's cart prompt, "新闻详情"), even where one of them reads like a sentence.
    paragraph = next((i for i, line in enumerate(lines) if len(line) > LEAD_MAX_CHARS), len(lines))
    titles = [i for i in range(first, paragraph) if _is_doc_title(lines[i])]
    first = titles[-1] if titles else first
    kept = []
    if first < len(lines) and _is_variant_note(lines[first]):
        first += 1  # the note is dropped with the lines above it
    for i, line in enumerate(lines[:first]):
        if _is_variant_note(line):
            removed.line("variant_note", line)
            continue
        # a title set on two lines ("2022年上半年某某重点工作 / 督查报告") keeps its first line
        category = _CATEGORY.match(line) and any(_is_doc_title(ln) for ln in lines[i + 1:first + 1])
        if (LEAD_KEEP.search(line) and not category) \
                or (_TITLE_HEAD.match(line) and _names_genre(lines[i + 1])):
            kept.append(line)
        else:
            removed.line("lead_line", line)
    return kept + lines[first:]


# Sites that offer several versions of a document tell which one this is in brackets above it:
# "（侧重成绩与数据的述职报告）", "(简洁型工作总结)". It says which version, not what the document says.
_VARIANT_NOTE = re.compile(r"^\s*[（(][^（()）]{4,40}[）)]\s*$")


def _is_variant_note(line: str) -> bool:
    return bool(_VARIANT_NOTE.match(line) and GENRE_WORD.search(line))


# A bare genre above the document's own title is the site's category for it ("研究报告", "工作总结").
_CATEGORY = re.compile(rf"^\s*[\u4e00-\u9fff]{{0,4}}(?:{GENRE_WORD.pattern})\s*$")


def _is_doc_title(line: str) -> bool:
    return bool(_DOC_TITLE.match(line) and GENRE_WORD.search(line)) and not _VARIANT_NOTE.match(line)


def _names_genre(line: str) -> bool:
    """A short line naming a genre: a title, or a title's last line ("督查报告")."""
    return len(line) <= LEAD_MAX_CHARS and bool(_NO_SENTENCE.match(line) and GENRE_WORD.search(line))


_CHUNK_NUMBER = re.compile(r"\d{1,2}、\s*")
_OUTLINE_AT_START = re.compile(rf"\s*{_OUTLINE_START}")


def _glued_title_end(line: str, title: str) -> int:
    """Where a copy of the title glued before a line's text ends (0: none): after a chunk number, doubled,
    or before the text's outline ("一、"); a text still follows (at least 10 characters)."""
    m = _CHUNK_NUMBER.match(line)
    numbered = m is not None
    at = m.end() if m else 0
    if not line.startswith(title, at):
        return 0
    end = at + len(title)
    rest = line[end:].lstrip()
    doubled = rest.startswith(title)
    if doubled:
        end = len(line) - len(rest) + len(title)
    elif not numbered and not _OUTLINE_AT_START.match(rest):
        return 0
    end = len(line) - len(line[end:].lstrip())
    return end if len(line) - end >= 10 else 0


# The first piece's heading of a compilation page glued before its text: "X工作总结1先简单介绍一下…",
# "X总结报告1____年已经过去一半" (not a count: "报告1份", "计划1项", "总结1月份").
GLUED_FIRST_PIECE = re.compile(
    r"^[^\s。，,；;：:！？!?]{4,30}?(?:总结|报告|计划|汇报|心得|体会|范文|方案)\s*[1１](?=[\u4e00-\u9fff_＿Xx×（(“])"
    r"(?![月日年号个万千亿元人次项条份篇名位件本册台套场期批所家户种类起届级倍米吨亩])")


def _drop_title_copies(lines: list[str], title: str, removed: Removals) -> list[str]:
    """Leading copies of the title (decorated or with a site word, or glued before the text), and exact
    copies near the top."""
    while lines and is_title_copy(lines[0], title):
        removed.line("title_repeat", lines.pop(0))
    if lines and len(title) >= 4:
        # "X工作计划一、指导思想：…", "1、X工作总结X工作总结XX年是…": the title glued before the first line's text.
        # Not "X工作总结是对一年工作的回顾": there the title is the sentence's subject.
        for i, line in enumerate(lines[:TITLE_COPY_WINDOW]):
            if (cut := _glued_title_end(line, title)):
                removed.cut("title_repeat", cut)
                lines[i] = line[cut:]
    for i, line in enumerate(lines[:TITLE_COPY_WINDOW]):
        if (m := GLUED_FIRST_PIECE.match(line)) and len(line) - m.end() >= 10:
            removed.cut("piece_marker", m.end())
            lines[i] = line[m.end():]
    key = title_key(title)
    if not key or _is_prose(title):
        return lines
    top = [i for i, line in enumerate(lines[:TITLE_COPY_WINDOW]) if title_key(line) == key or is_title_copy(line, title)]
    for i in reversed(top):
        removed.line("title_repeat", lines.pop(i))
    return lines


def remove_inline(text: str) -> tuple[str, Removals]:
    """Remove furniture glued inside lines of `text` (one line or many); counts per rule."""
    removed = Removals()
    for rule in INLINE_RULES:
        if not rule.gate.search(text):
            continue
        pieces = [m.group(0) for m in rule.pattern.finditer(text)]
        if pieces:
            text = rule.pattern.sub("", text)
            removed.cut(rule.name, sum(map(len, pieces)), len(pieces))
    return text.strip(), removed


def strip_inline(line: str) -> str:
    """`remove_inline` without the counts."""
    return remove_inline(line)[0]
