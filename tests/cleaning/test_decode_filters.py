from worksum.cleaning.decode import decode_html
from worksum.cleaning.metadata import doc_type, region_and_body, scrub_pii, year
from worksum.cleaning.pipeline import Extracted, clean_page
from worksum.cleaning.script import is_traditional, to_simplified

WORK = "今年以来，我局认真开展各项工作，推进重点任务落实，加强组织领导，完成全年目标，取得明显成效。" * 6


def test_decoding_mislabelled_and_legacy_encodings():
    text = "<html><head><meta charset='gb2312'></head><body>工作总结 ©</body></html>"
    assert decode_html(text.encode("gb18030"))[0] == text  # gb2312 label, gb18030 bytes
    assert decode_html(text.encode("utf-8"), "text/html; charset=gbk")[0] == text  # wrong header
    big5 = "<html><body>工作總結</body></html>"
    assert "工作總結" in decode_html(big5.encode("big5"), "text/html; charset=big5")[0]
    assert decode_html(b"", "")[0] == ""


def test_script_policy_fixes_taiwan_phrases_without_over_converting():
    assert to_simplified("智慧財產權") == "知识产权"
    assert to_simplified("社群") == "社区" and to_simplified("專案") == "项目"
    assert to_simplified("科普宣傳資料") == "科普宣传资料"  # tw2sp alone gives 数据
    assert to_simplified("新增監測點") == "新增监测点" and to_simplified("建立聯繫卡") == "建立联系卡"
    assert not is_traditional("全年工作总结") and is_traditional("全年工作總結")


def test_a_plain_character_mirror_is_converted_back_character_by_character():
    # A mainland text mirrored with s2t has no Taiwan vocabulary: its mainland words (线上, 新增, 资料)
    # must come back as they were, not be "corrected" into the Taiwan phrase table's choices.
    import opencc

    mainland = "我们把线上销售列入年度重点任务，新增门店九家，整理客户资料四百份，建立工作台账。"
    assert to_simplified(opencc.OpenCC("s2t").convert(mainland)) == mainland
    # The same words on a page that does use Taiwan vocabulary still get the phrase policy.
    taiwan = opencc.OpenCC("s2twp").convert("我们升级了软件和网络，推进项目管理。")
    assert to_simplified(taiwan) == "我们升级了软件和网络，推进项目管理。"


def test_negatives_rejected_with_reasons():
    def reason(title, text):
        return clean_page(Extracted(url="http://x.example/1", site="x.example", title=title, lines=text.split("\n")))[0].reason

    assert reason("Summary of work", "The school set up a leading group and the work went well. " * 20) == "not_chinese"
    assert reason("招聘行政专员", "岗位职责：负责行政事务。\n任职要求：大专学历。\n薪资待遇：月薪5000元，五险一金。") == "job_ad"
    assert reason("标题", "") == "empty"
    assert reason("2023年工作总结", WORK) == ""


def test_metadata_and_pii():
    assert doc_type("XX镇党委书记20xx年度述职报告") == "述职报告"
    assert doc_type("桂园社区2023年全国科普日活动总结") == "活动总结"
    assert doc_type("松源市市场监督管理局2023年工作总结和2024年工作计划") == "工作总结"
    assert year("某局2023年工作总结", "") == 2023 and year("20xx年工作总结", "") is None
    assert region_and_body("青岚县农业农村局2023年工作总结") == ("青岚县", "县", "局")
    text, counts = scrub_pii("联系电话13812345678，邮箱a.b@example.com，身份证110101199003071234。")
    assert counts == {"pii_email": 1, "pii_id_number": 1, "pii_phone": 1}
    assert "13812345678" not in text and "[PHONE]" in text


def test_compilation_page_is_split():
    part = "今年以来，我局认真开展各项工作，推进重点任务落实，取得明显成效。" * 8
    ex = Extracted(url="http://x.example/c", site="x.example", title="工作总结（通用2篇）",
                   lines=["以下是小编整理的工作总结（通用2篇），欢迎阅读。", "第一篇：甲县工作总结", part, "第二篇：乙县工作总结", part + "完成。"])
    docs = clean_page(ex)
    assert [(d.part, d.title) for d in docs] == [(1, "甲县工作总结"), (2, "乙县工作总结")]
    assert all(not d.reason for d in docs)
