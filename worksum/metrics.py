"""Scoring of cleaned text against gold, as releases are judged."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

# Site furniture as a reader recognises it. Deliberately separate from cleaning/rules.py:
# the judge must not share the cleaner's blind spots.
CHROME_MARKERS = (
    "下载", "举报", "收藏", "展开阅读全文", "点击查看更多", "小编", "ICP", "版权", "Copyright", "©", "相关文章",
    "相关资源", "相关文档", "相关推荐", "猜你喜欢", "热门标签", "上一篇", "下一篇", "当前位置", "由会员分享",
    "文档编号", "上传人", "上传时间", "人气", "免费预览", "未读", "VIP", "金币", "供大家参考", "希望对您有",
    "本站", "来源:", "来源：", "资源描述", "文档简介", "阅读全文",
)
_PAGE_COUNTER = re.compile(r"第\d+页[/,，]?共\d+页")


def squash(text: str) -> str:
    """NFKC, all whitespace removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _bigrams(s: str) -> Counter:
    return Counter(s[i:i + 2] for i in range(len(s) - 1))


def prf(output: str, gold: str, title: str = "") -> tuple[float, float, float]:
    """Character-bigram precision, recall, F1; a leading copy of the title is ignored."""
    out, ref = squash(output), squash(gold)
    t = squash(title)
    if t and out.startswith(t) and not ref.startswith(t):
        out = out[len(t):]
    bo, br = _bigrams(out), _bigrams(ref)
    overlap = sum((bo & br).values())
    p = overlap / max(sum(bo.values()), 1) if bo else (1.0 if not br else 0.0)
    r = overlap / max(sum(br.values()), 1) if br else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def chrome_left(output: str, gold: str) -> list[str]:
    """Furniture strings present in the output but not in the gold text."""
    out, ref = squash(output), squash(gold)
    found = [m for m in CHROME_MARKERS if squash(m) in out and squash(m) not in ref]
    if _PAGE_COUNTER.search(out) and not _PAGE_COUNTER.search(ref):
        found.append("第N页共M页")
    return found


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def traditional_left(output: str) -> float:
    """Share of output characters that OpenCC t2s would change."""
    s = squash(output)
    if not s:
        return 0.0
    return sum(a != b for a, b in zip(s, _t2s().convert(s))) / len(s)


def pairwise_pr(predicted: dict[str, str], truth: dict[str, str]) -> tuple[float, float, int, int]:
    """Pairwise precision/recall of clusterings given as item → cluster id (same item set)."""
    items = sorted(set(predicted) & set(truth))
    tp = fp = fn = 0
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            same_p = predicted[a] == predicted[b]
            same_t = truth[a] == truth[b]
            tp += same_p and same_t
            fp += same_p and not same_t
            fn += same_t and not same_p
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, tp + fp, tp + fn


# Noise a reader sees on real pages that no gold text exists for. Like CHROME_MARKERS, these
# are the judge's own patterns, written apart from the cleaner's.
NOISE_DETECTORS: tuple[tuple[str, re.Pattern], ...] = (
    # anti-copy jammer text: runs of one- and two-character ASCII tokens ("6 z7 W. N) I/ C0 h")
    ("ascii_junk", re.compile(r"(?:[!-~]{1,2} ){5,}[!-~]{1,2}")),
    # pinyin a mirror put after a character, or after the garbage a character became: 總結(jié), ?,F(xiàn)
    ("pinyin", re.compile(r"[（(]\s*[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\s*[）)]")),
    # bylines, post times and counters: "发布时间: 2023-01-02", "浏览: 923", "人气:1.86W", "楼主 发表于"
    ("byline", re.compile(r"(?:发布|发表|上传|更新|投稿)(?:时间|日期|于)\s*[:：]?\s*\d{2,4}[-./年]\d{1,2}"
                          r"|(?:浏览|阅读|点击|人气|热度|阅读量)\s*[:：]\s*[\d.]+\s*[万wWkK]?"
                          r"|\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}|只看该作者|楼主|作者\s*[:：]\s*\S|发布于|约\s*[\d.]+\s*页"
                          r"|^\s*\d{4}[-./]\d{1,2}[-./]\d{1,2}\s*$", re.M)),
    # invitations to read on or to come back
    ("invitation", re.compile(r"继续阅读|感谢您的(?:光临|阅读|支持)|欢迎(?:您)?(?:再次)?(?:光临|访问)")),
    # paywall and preview notices
    ("paywall", re.compile(r"省略\s*\d+\s*字|正式会员|仅显示\s*\d+\s*字|仅供预览|剩余\s*\d+\s*页|还剩\s*\d+\s*页")),
)


def noise_left(output: str) -> list[str]:
    """Chrome markers and noise kinds found in a text that has no gold to compare with."""
    found = chrome_left(output, "")
    text = unicodedata.normalize("NFKC", output or "")
    found += [name for name, pattern in NOISE_DETECTORS if pattern.search(text)]
    return found


def listed_chrome_left(output: str, chrome: list[str]) -> list[str]:
    """The page's own listed chrome strings still present in the output (both squashed)."""
    out = squash(output)
    return [c for c in chrome if squash(c) and squash(c) in out]
