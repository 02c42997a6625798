"""Keep/reject decisions: each filter answers '' (keep) or a short reason."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import cjk_count, cjk_ratio
from .record import Document

# Vocabulary of Chinese work documents: reports on what was organised, advanced, completed.
_WORK_TERMS = ("工作", "开展", "推进", "落实", "加强", "完成", "组织", "进一步", "提高", "取得", "情况", "问题",
               "措施", "成效", "坚持", "建设", "推动", "召开", "领导", "部署", "目标", "任务", "总结", "计划",
               "汇报", "述职", "全年", "今年", "本年度", "一年来", "深入", "积极", "认真", "重点", "提升")
_JOB_AD = re.compile(r"任职要求|任职资格|薪资待遇|薪资|五险一金|投递简历|简历投递|工作地点|月薪|底薪|年薪|双休|立即申请|职位")
_SHOP = re.compile(r"加入购物车|立即购买|包邮|库存|优惠券|促销价|已售|店铺|运费")
_NEWS = re.compile(r"记者\s*\S{0,6}\s*(报道|摄)|据\S{0,10}(报道|消息)|新华社|本报讯|责任编辑")


@dataclass(frozen=True)
class FilterConfig:
    min_cjk_chars: int = 200
    min_cjk_ratio: float = 0.3
    min_work_terms: int = 6


def reject_reason(doc: Document, cfg: FilterConfig = FilterConfig()) -> str:
    """Why `doc` is not a Chinese work-summary-like document ('' when it is)."""
    text = doc.text
    cjk = cjk_count(text)
    if not text.strip():
        return "empty"
    if cjk_ratio(text, cjk) < cfg.min_cjk_ratio:
        return "not_chinese"
    job_terms = len(set(_JOB_AD.findall(text)))
    if job_terms >= 4 or (job_terms >= 2 and len(text) < 2000):
        return "job_ad"
    if len(set(_SHOP.findall(text))) >= 2:
        return "product_page"
    if cjk < cfg.min_cjk_chars:
        return "too_short"
    if len(_NEWS.findall(text)) >= 1 and not re.search(r"总结|汇报|述职|计划", doc.title):
        return "news"
    if sum(term in text for term in _WORK_TERMS) < cfg.min_work_terms:
        return "not_work_document"
    return ""
