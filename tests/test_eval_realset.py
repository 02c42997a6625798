"""`worksum eval` on a real set: labelled page texts wrapped as pages and run through the real build."""
import json
import logging

from tests.cleaning.test_genre import FIRST_PERSON, HOW_TO, ORGANISATION, REGULATION
from worksum.cli import main
from worksum.evaluate import evaluate_realset, is_realset, page_html
from worksum.metrics import listed_chrome_left, noise_left

ENGLISH = ("Annual review of the records office. This year we digitised the paper archive and answered "
           "requests from every department within two working days. ") * 4


def _write_set(folder, pages, extra_lines=()):
    folder.mkdir()
    with open(folder / "pages.jsonl", "w", encoding="utf-8") as fh:
        for page in pages:
            fh.write(json.dumps(page, ensure_ascii=False) + "\n")
        for line in extra_lines:
            fh.write(line + "\n")
    return folder


def test_a_real_set_folder_is_evaluated_through_the_build(tmp_path, caplog, capsys):
    pages = [
        {"url": "http://a.example/1", "label": "DOC", "text": "青岚县农业农村局2023年上半年工作汇报\n" + ORGANISATION,
         "chrome": ["培训农民1300余人次"]},  # listed by the labeller: the judge must find it still there
        {"url": "http://b.example/文章/2", "label": "DOC", "text": "这一年的点滴\n" + FIRST_PERSON + "\n" + FIRST_PERSON[:80]},
        {"url": "http://c.example/3", "label": "DOC", "text": "个人工作小结\n今年我完成了各项任务。"},
        {"url": "http://d.example/4", "label": "META", "text": "年终总结怎么写？这几点要注意\n" + HOW_TO},
        {"url": "http://e.example/5", "label": "OTHER", "text": "某公司员工考勤管理办法\n" + REGULATION},
        {"url": "http://f.example/6", "label": "STUB", "text": "工作总结范文大全\n工作总结 述职报告 工作计划"},
        {"url": "http://g.example/7", "label": "FOREIGN", "text": "Annual review\n" + ENGLISH},
    ]
    folder = _write_set(tmp_path / "realset", pages, ['{"url": "http://h.example/8", "label": "MAYBE", "text": "x"}'])
    assert is_realset(folder)
    with caplog.at_level(logging.WARNING):
        res = evaluate_realset(folder, workers=1)
    assert "line 8: not a labelled page" in caplog.text
    assert res["pages"] == 7
    assert {k: (v["pages"], v["kept"]) for k, v in res["labels"].items()} == {
        "DOC": (3, 2), "META": (1, 0), "OTHER": (1, 0), "STUB": (1, 0), "FOREIGN": (1, 0)}
    assert res["genre_precision"] == 1.0 and res["genre_recall"] == 2 / 3
    assert res["stubs_kept"] == res["foreign_kept"] == 0
    assert res["doc_rejections"] == {"too_short": 1}
    assert res["rows_kept"] == 2 and res["rows_with_chrome"] == 1
    assert res["chrome_rows"][0]["url"] == "http://a.example/1" and res["chrome_rows"][0]["found"] == ["培训农民1300余人次"]

    assert main(["eval", str(folder), "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "genre precision (kept pages that are DOC): 100.0%" in out and "recall (DOC pages kept): 66.7%" in out
    assert "DOC pages rejected, by reason: too_short: 1" in out
    assert main(["eval", str(folder), "--workers", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["labels"]["DOC"]["kept"] == 2


def test_page_wrapping_and_the_noise_judge():
    html = page_html("标题<一>\n第一段 & 第二句。\n\n第二段。").decode("utf-8")
    assert "<title>标题&lt;一&gt;</title>" in html
    assert "<body><h1>标题&lt;一&gt;</h1><p>第一段 &amp; 第二句。</p><p>第二段。</p></body>" in html
    assert "<title>" not in page_html("这是一行很长的正文，" * 10).decode("utf-8")  # running text is no title
    assert noise_left("今年我们完成了任务。") == []
    assert "ascii_junk" in noise_left("完成了任务。6 z7 W. N) I/ C0 h w7")
    assert "pinyin" in noise_left("工作總結(jié)已完成")
    assert "byline" in noise_left("发布时间：2023-05-06 10:21\n正文") and "byline" in noise_left("浏览：923")
    assert "下载" in noise_left("点击下载全文")
    assert listed_chrome_left("完成了 任务。 浏览 923", ["浏览923", "投稿"]) == ["浏览923"]
