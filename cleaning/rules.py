"""Doc-site chrome: the one place where every boilerplate pattern lives.

Each rule names a *kind* of furniture seen across many document-sharing and 范文 sites
(see the survey in the docs), never a string of one page. Rules run on Simplified text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CJK = r"\u4e00-\u9fff"


@dataclass(frozen=True)
class LineRule:
    """Drop a whole line when `pattern` matches it and the line is at most `max_len` chars."""

    name: str
    pattern: re.Pattern
    max_len: int = 120


def _rule(name: str, pattern: str, max_len: int = 120) -> LineRule:
    return LineRule(name, re.compile(pattern), max_len)  # no re.I: it disables literal prefix scans


# Whole lines that are site furniture.
LINE_RULES: tuple[LineRule, ...] = (
    _rule("upload_info", r"上传人\s*[:：]|上传者\s*[:：]|文档编号\s*[:：]|上传时间\s*[:：]|资源(?i:id)\s*[:：]|资源大小\s*[:：]"
          r"|全文页数\s*[:：]|下载积分\s*[:：]|资源格式\s*[:：]|文档格式\s*[:：]|上传日期\s*[:：]", 240),
    _rule("doc_stats", r"^\d+\s*页\s*[·•|/]\s*[\d.]+[万wW]?\s*(阅读|浏览|下载)|[\d.]+\s*分\s*[·•|]\s*[\d.]+[万wW]?\s*人已?下载"
          r"|^(格式|页数|大小)\s*[:：]\s*\S+\s*$"),
    _rule("byline", r"^(时间|日期|发布时间|发布日期|更新时间|发表时间|来源|作者|编辑|责任编辑|栏目|发布于|发布人|字体|推荐度|人气|点击|浏览)\s*[:：]", 60),
    _rule("view_count", r"(来源|人气|阅读|浏览|点击)\s*[:：]?\s*\S{0,12}\s*[\d.]+\s*[万wW千kK]\s*(次)?\s*$|点击\s*[:：]?\s*\d+\s*次|浏览次数|阅读次数", 60),
    _rule("member_share", r"由(会员|用户)\S{0,8}分享|可在线阅读|请在\S{1,12}上搜索|[（(]\d+页(珍藏|典藏)版[）)]", 400),
    _rule("copyright", r"版权说明\s*[:：]|本文档由用户提供并上传|收益归属内容提供方|若内容存在侵权|如有侵权|侵权请联系|涉嫌侵权|版权所有"
          r"|(?i:copyright|all rights reserved)|©|(?i:icp)[备证]|经营许可证|公网安备|网站地图|客服热线|违法和不良信息|不良信息举报|转载请(注明|标明)|未经许可不得转载", 240),
    _rule("section_label", r"^(资源描述|文档简介|文档介绍|内容简介|资源简介|文本预览|内容提示|文档列表|下载声明|温馨提示|友情提示|特殊限制|配套讲稿|关\s*键\s*词)\s*[:：]?\s*$", 20),
    _rule("breadcrumb", r"当前位置|您现在的位置|你现在的位置|所在位置|^首页\s*[>›»/]|^[^。，；]{1,16}(\s*[>›»]\s*[^。，；>›»]{1,20}){2,}$", 100),
    _rule("prev_next", r"^(上一篇|下一篇|上一页|下一页|上一章|下一章)\s*[:：]?", 100),
    _rule("editor", r"小编|本站(为您|为大家)?整理|网友整理|精心整理|为大家(整理|收集|搜集|准备|带来|分享)|为您(整理|收集|搜集|准备)|为你(整理|收集|搜集)", 300),
    _rule("editor_outro", r"(供大家参考|仅供参考|欢迎(大家)?(阅读|借鉴|参考|收藏|阅读与收藏|分享)|希望(对|能)(您|你|大家)\S{0,8}(帮助|启发)|希望大家(能够)?喜欢|一起来看看吧|但愿对\S{0,10}有\S{0,4}帮助)"
          r".{0,60}$", 200),
    _rule("paywall", r"免费预览已结束|试读已结束|试读结束|超出免费预览范围|还剩\s*\d+\s*页未读|已阅读\s*\d+\s*页|继续免费阅读|立即下载全文|下载文档到电脑|剩余\s*\d+\s*页"
          r"|付费(阅读|下载|即可)|开通\s*(?i:vip)|(?i:vip)(专享|会员|免费)|\d+\s*金币|积分下载|下载券|预览过于频繁|未获得权限|登录后(可|即可)?(免费)?下载|每日限额", 100),
    _rule("promo_banner", r"各类专业好文档|精品文档就在这里|^[-=_*~]{5,}|关注(微信)?公众号|微信扫一扫|扫码(关注|下载|阅读)|手机版|加入收藏|设为首页", 80),
    _rule("page_counter", r"^第\s*\d+\s*页\s*[/，,]?\s*共\s*\d+\s*页|_第\s*\d+\s*页\s*$|^\d+\s*/\s*\d+\s*页?$|^共\s*\d+\s*页$", 80),
    _rule("word_count", r"^[（(]?(全文共|全文约|共|约)\s*[\d.]+\s*[万千]?字[）)]?$", 30),
)

# Lines made only of button labels ("下载 相关 举报", "点击查看更多>>", "书签 分享 收藏 举报 版权申诉 / 23").
BUTTON_WORDS = re.compile(
    r"下载本文档|下载资源|下载文档|付费下载|立即下载|免费下载|(?i:word|pdf)下载|下载|相关|举报|收藏|分享|打印|评论|点赞|投诉|版权申诉|书签|纠错|开通(?i:vip)|(?i:vip)专享|登录|注册"
    r"|继续免费阅读|继续阅读|点击查看更多|查看更多|展开阅读全文|展开全文|阅读全文|收起|返回|上传文档赚钱|上传文档|我要投稿|换一换|合集下载|首页|加载更多|点击加载更多")
BUTTON_FILLER = re.compile(r"[\s>›»<|/·•,，、:：\d↑↓()（）\[\]【】]+")

# A heading that opens a list of links to other documents; the heading and the
# short title-like lines after it are dropped.
RELATED_HEAD = re.compile(
    r"^(【[^】]{0,40}】)?\s*(相关(文章|资源|文档|推荐|搜索|阅读|范文|专题|热词搜索)|猜你(喜欢|想看|感兴趣)|热门(标签|文章|推荐|搜索|文档)|推荐(阅读|文章|文档)"
    r"|延伸阅读|精彩推荐|(小编)?精心推荐|最新(文章|更新|推荐)|你可能(还)?(喜欢|感兴趣)|热词搜索|大家都在看|\S{0,4}人(还|同时)?(看了|还查看了)|更多(相关|精彩|类似)\S{0,6})\s*[:：]?")

# Furniture that sits inside a line of text (page counters glued into a PDF text layer ...).
INLINE_RULES: tuple[tuple[str, re.Pattern], ...] = (
    ("page_counter", re.compile(r"第\s*\d+\s*页\s*[/，,]?\s*共\s*\d+\s*页[。.]?")),
    ("page_counter", re.compile(r"第[一二三四五六七八九十百零]+页\s*[，,]\s*共\s*[\d一二三四五六七八九十百]+\s*页[。.]?")),
    ("word_count", re.compile(r"[（(]\s*(全文共|全文约)\s*[\d.]+\s*[万千]?字\s*[）)]|(全文共|全文约)\s*[\d.]+\s*[万千]?字")),
    ("more_button", re.compile(r"点击查看更多\s*>*|展开阅读全文|收起\s*↑")),
)

SENTENCE_END = "。！？；…”’」』）)!?;"


def is_button_line(line: str) -> bool:
    """True for a short line made only of button labels and separators."""
    if len(line) > 40:
        return False
    rest = BUTTON_FILLER.sub("", BUTTON_WORDS.sub("", line))
    return rest == "" and BUTTON_WORDS.search(line) is not None


def chrome_kind(line: str) -> str:
    """The name of the rule that marks `line` as chrome, or '' for text."""
    for rule in LINE_RULES:
        if len(line) <= rule.max_len and rule.pattern.search(line):
            return rule.name
    if is_button_line(line):
        return "buttons"
    return ""


def strip_inline(line: str) -> str:
    """Remove furniture glued inside a line of text."""
    for _, pattern in INLINE_RULES:
        line = pattern.sub("", line)
    return line.strip()
