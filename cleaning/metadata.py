"""Per-document metadata: doc type, year, region and issuing body, quality signals, PII."""
from __future__ import annotations

import re
from collections import Counter

from .normalize import cjk_ratio

# First match wins: the more specific kinds come first.
DOC_TYPES: tuple[tuple[str, re.Pattern], ...] = (
    ("述职报告", re.compile(r"述职|述廉|述学")),
    ("心得体会", re.compile(r"心得|体会|感悟|感想")),
    ("活动总结", re.compile(r"活动(情况)?总结")),
    ("工作总结", re.compile(r"总结|小结|回顾")),
    ("工作汇报", re.compile(r"汇报|情况报告|工作报告")),
    ("工作计划", re.compile(r"计划|打算|规划|思路|安排|要点")),
)
YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|年度)")
REGION = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:自治区|特别行政区|省|自治州|市|县|区|旗|乡|镇|街道|村|社区))")
REGION_LEVELS = (("自治区", "省"), ("省", "省"), ("自治州", "市"), ("市", "市"), ("县", "县"), ("旗", "县"),
                 ("区", "区"), ("乡", "乡镇"), ("镇", "乡镇"), ("街道", "乡镇"), ("村", "村"), ("社区", "社区"))
BODY_KINDS = (("党委", "党委"), ("党支部", "党委"), ("人大", "人大"), ("政协", "政协"), ("政府", "政府"),
              ("委员会", "委"), ("委", "委"), ("局", "局"), ("厅", "厅"), ("办公室", "办"), ("中心", "中心"),
              ("协会", "协会"), ("科协", "协会"), ("学会", "协会"), ("学校", "学校"), ("小学", "学校"),
              ("中学", "学校"), ("大学", "学校"), ("学院", "学校"), ("幼儿园", "学校"), ("医院", "医院"),
              ("卫生院", "医院"), ("银行", "银行"), ("支行", "银行"), ("公司", "企业"), ("集团", "企业"),
              ("社区", "社区"), ("村委", "村委"))
# Every branch starts with a plain character class so re can scan for its first character.
PLACEHOLDER = re.compile(r"20[Xx][Xx]|20__|[Xx×][Xx×]+|\*\*+|___+|某某")
PII_PATTERNS: tuple[tuple[str, re.Pattern, str], ...] = (
    ("email", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"), "[EMAIL]"),
    ("id_number", re.compile(r"(?<!\d)[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?!\d)"), "[ID]"),
    ("phone", re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)|(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)"), "[PHONE]"),
)


def doc_type(title: str, text: str = "") -> str:
    for name, pattern in DOC_TYPES:
        if pattern.search(title):
            return name
    head = text[:200]
    for name, pattern in DOC_TYPES:
        if pattern.search(head):
            return name
    return "other"


def year(title: str, text: str) -> int | None:
    for source in (title, text[:300]):
        m = YEAR.search(source)
        if m:
            return int(m.group(1))
    return None


def region_and_body(title: str) -> tuple[str | None, str | None, str | None]:
    """(region name, region level, issuing-body kind) as stated in the title."""
    region = level = None
    m = REGION.search(title)
    if m and not PLACEHOLDER.search(m.group(1)) and not m.group(1)[0] in "XxＸ*":
        region = m.group(1)
        level = next(lv for suffix, lv in REGION_LEVELS if region.endswith(suffix))
    body = next((kind for word, kind in BODY_KINDS if word in title), None)
    return region, level, body


_MAYBE_PII = re.compile(r"@|\d{7}")  # every PII pattern needs one of these; most documents have neither


def scrub_pii(text: str) -> tuple[str, dict[str, int]]:
    counts = {f"pii_{name}": 0 for name, _, _ in PII_PATTERNS}
    if not _MAYBE_PII.search(text):
        return text, counts
    for name, pattern, token in PII_PATTERNS:
        text, counts[f"pii_{name}"] = pattern.subn(token, text)
    return text, counts


def quality_signals(lines: list[str]) -> dict[str, float]:
    text = "\n".join(lines)
    chars = max(len(text), 1)
    counts = Counter(ln for ln in lines if len(ln) >= 4)
    repeated = sum(n for n in counts.values() if n > 1)
    return {
        "cjk_ratio": round(cjk_ratio(text), 4),
        "placeholder_density": round(len(PLACEHOLDER.findall(text)) * 1000 / chars, 3),
        "repeated_line_ratio": round(repeated / max(len(lines), 1), 4),
        "mean_paragraph_chars": round(sum(map(len, lines)) / max(len(lines), 1), 1),
    }
