"""Mislabelled Chinese encodings and control characters (issue 11: items 15, 18)."""
from __future__ import annotations

import re

import pytest

from worksum.cleaning.decode import decode_html
from worksum.cleaning.normalize import normalize_line, normalize_lines
from worksum.cleaning.pipeline import clean_page, extract_page
from worksum.cleaning.record import Page
from worksum.corpus.card import dataset_card

TRADITIONAL = ("本年度我們單位認真貫徹落實各項決策部署，積極推進重點項目建設，加強團隊管理與業務培訓，圓滿完成了全年目標任務。"
               "一、主要工作成績：深入開展調查研究，健全規章制度，強化安全生產責任，提升服務群眾水準。"
               "二、存在的問題：部分同志學習不夠主動，檔案整理還不夠規範，與兄弟單位的溝通協調有待加強。"
               "三、明年工作計劃：繼續抓好項目落實，完善考核辦法，做好經費管理，推動各項工作再上新台階。")
SIMPLIFIED = ("本年度我们单位认真贯彻落实各项决策部署，积极推进重点项目建设，加强团队管理与业务培训，圆满完成了全年目标任务。"
              "一、主要工作成绩：深入开展调查研究，健全规章制度，强化安全生产责任，提升服务群众水平。"
              "二、存在的问题：部分同志学习不够主动，档案整理还不够规范，与兄弟单位的沟通协调有待加强。"
              "三、明年工作计划：继续抓好项目落实，完善考核办法，做好经费管理，推动各项工作再上新台阶。")


def _html(title: str, text: str, meta: str = "") -> str:
    paras = "".join(f"<p>{s}。</p>" for s in text.split("。") if s)
    return f"<html><head>{meta}<title>{title}</title></head><body><h1>{title}</h1>{paras}</body></html>"


LABELS = ["", "text/html", "text/html; charset=gbk", "text/html; charset=gb2312", "text/html; charset=utf-8",
          "text/html; charset=big5", "text/html; charset=iso-8859-1"]


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("sentences", [1, 2, 4])
def test_big5_and_gbk_bytes_are_read_right_whatever_the_label(label, sentences):
    for text, encoding in ((TRADITIONAL, "big5"), (SIMPLIFIED, "gbk")):
        part = "。".join(text.split("。")[:sentences]) + "。"
        page = _html("年度工作總結" if encoding == "big5" else "年度工作总结", part)
        decoded, codec = decode_html(page.encode(encoding), label)
        assert decoded == page, (encoding, label, codec)


def test_a_wrong_meta_charset_does_not_win_over_the_bytes():
    page = _html("年度工作總結", TRADITIONAL, meta="<meta charset='gb2312'>")
    assert decode_html(page.encode("big5"))[0] == page
    page = _html("年度工作总结", SIMPLIFIED, meta="<meta http-equiv='Content-Type' content='text/html; charset=big5'>")
    assert decode_html(page.encode("gbk"))[0] == page


def test_an_unlabelled_big5_page_becomes_a_simplified_document():
    page = Page(url="http://tw.example/a.html", status=200, content_type="text/html",
                body=_html("年度工作總結", TRADITIONAL * 2).encode("big5"))
    [doc] = clean_page(extract_page(page))
    assert doc.reason == "" and doc.script_converted
    assert "工作总结" in doc.title and "贯彻落实各项决策部署" in doc.text


# ---- item 15 ------------------------------------------------------------------------------------------

def test_control_characters_never_reach_titles_or_text():
    dirty = "年度\x1b[31m工作\x07总结\x00\u202e报告\r\x0b下半年\x9b计划\x1b"
    clean = normalize_line(dirty)
    assert clean == "年度工作总结报告 下半年计划"
    assert normalize_lines(["第一段\x1b[2J内容", "第二段\x08"]) == ["第一段内容", "第二段"]
    body = _html("年度\x1b]0;owned\x07工作\x1b[31m总结\x7f", SIMPLIFIED * 2).encode("utf-8")
    ex = extract_page(Page(url="http://x.example/a.html", status=200, content_type="text/html", body=body))
    [doc] = clean_page(ex)
    for value in (doc.title, doc.text):
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", value), repr(value)
    assert doc.title.startswith("年度") and doc.title.endswith("工作总结")


def test_site_names_are_escaped_in_the_dataset_card():
    sites = {"evil.example | 999,999 |\n| injected.example": 3, "<img src=x onerror=alert(1)>": 2, "ok.example": 1}
    info = {"version": "1.0.0", "counts": {"train": {"documents": 6}, "validation": {"documents": 0}},
            "validation_share": 0.02, "source": {"inputs": 1}, "by_site": sites, "by_doc_type": {"工作总结": 6},
            "by_year": {"2024": 6}, "columns": ["id", "text"], "schema_version": "1.0"}
    card = dataset_card(info, {})
    table = card[card.index("| site | documents |"):].split("\n\n")[0].strip().split("\n")
    assert len(table) == 2 + len(sites)  # a header, a rule and one row per site: nothing injected
    assert all(row.count("|") - row.count("\\|") == 3 for row in table[2:])
    assert "<img" not in card and "&lt;img" in card
