"""Would a trained genre model beat the hand-set cue weights? An experiment, not part of the build.

Trains two small models on texts this script generates from its own phrase banks (never on real
pages), and scores them beside `cleaning.genre.classify` on a real set (a folder with
pages.jsonl in the `worksum eval` real-set format):

  ngram  HashingVectorizer over character 1-3-grams + LogisticRegression
  cues   LogisticRegression over the cue counts of cleaning/genre.py (the same features, learned weights)

Each page text is wrapped and cleaned as the build does (`worksum.evaluate.page_html`, the
cleaning pipeline); a page counts as kept when one of its documents scores ≥ 0.5.

    python bench/genre_model.py ../shared/realset [--n 3000] [--seed 1]   (needs scikit-learn)
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from worksum.cleaning import genre  # noqa: E402

# ---- phrase banks (written for this experiment) -------------------------------------------

ORGS = ["县农业农村局", "市人社局", "街道办事处", "区卫健委", "实验小学", "第二中学", "人民医院", "供电公司", "社区居委会",
        "镇政府", "县税务局", "市图书馆", "物业服务中心", "团委", "党支部", "财务部", "销售部", "生产车间", "客服中心", "档案馆"]
UNIT_SELF = ["我局", "我校", "我院", "我镇", "我社区", "我公司", "我部门", "我中心", "我们支部", "我所"]
ROLES = ["办公室主任", "班主任", "会计", "销售经理", "护士长", "网格员", "车间主任", "档案管理员", "客服专员", "团支部书记"]
ACTIVITIES = ["安全生产检查", "党史学习教育", "文明城市创建", "防汛抗旱", "科普宣传", "垃圾分类", "技能培训", "扶贫帮困",
              "消防演练", "档案数字化", "客户回访", "质量提升", "减税降费宣传", "疫苗接种", "志愿服务"]
GENRES = ["工作总结", "年终总结", "述职报告", "工作计划", "心得体会", "思想汇报", "自查报告", "调研报告", "工作汇报", "活动总结"]
PERIODS = ["今年以来", "一年来", "上半年", "本学期", "任职以来", "过去的一年里", "本季度", "20{y}年"]
TOPICS = ["绩效考核", "时间管理", "团队沟通", "客户关系", "项目管理", "会议组织", "档案管理", "公文处理", "成本控制", "员工培训"]


def _n(rng, lo=2, hi=2000) -> str:
    return str(rng.randint(lo, hi))


def _fill(rng: random.Random, s: str) -> str:
    return s.format(org=rng.choice(ORGS), unit=rng.choice(UNIT_SELF), role=rng.choice(ROLES), act=rng.choice(ACTIVITIES),
                    act2=rng.choice(ACTIVITIES), genre=rng.choice(GENRES), period=rng.choice(PERIODS).format(y=rng.randint(15, 25)),
                    y=rng.randint(2015, 2025), n=_n(rng), m=_n(rng, 2, 99), p=_n(rng, 60, 100), topic=rng.choice(TOPICS))


DOC_TITLES = ["{org}{y}年工作总结", "{y}年度个人工作总结", "{role}述职报告", "{org}{y}年工作计划", "关于{act}工作的情况汇报",
              "{act}活动总结", "参加{act}培训的心得体会", "{y}年第三季度思想汇报", "{org}{act}自查报告", "关于{act}情况的调研报告",
              "这一年的收获", "我的{y}", "{org}上半年工作回顾", "在平凡岗位上成长"]
DOC_OPENINGS = [
    "{period}，{unit}在上级的正确领导下，紧紧围绕年初确定的目标任务，扎实推进各项工作。现将有关情况汇报如下：",
    "{period}，我在{role}岗位上认真履行职责，较好地完成了各项任务。现将工作情况总结如下：",
    "尊敬的各位领导、同事们：大家好！我于{y}年起担任{role}，下面我将一年来的履职情况向大家汇报。",
    "敬爱的党组织：{period}，我认真学习理论知识，不断提高自己的思想认识，现将我的思想情况汇报如下。",
    "为进一步做好{act}工作，根据上级要求，{unit}对照检查内容开展了全面自查，现将自查情况报告如下：",
    "为了解{act}的开展情况，我们深入{m}个村组开展了专题调研，走访群众{n}户，现将调研情况报告如下。",
    "为做好{y}年的各项工作，结合{unit}实际，制定如下工作计划。",
    "这次参加{act}培训，让我收获很大，也使我对自己的工作有了更深的认识。",
    "回首这一年，我从一名新人逐渐成长为能够独当一面的{role}，其中有汗水，也有收获。",
    "{y}年，{unit}以{act}为抓手，认真贯彻落实上级部署，各项工作取得了明显成效。",
]
DOC_SECTIONS = ["一、主要工作及成效", "二、存在的问题和不足", "三、下一步工作打算", "一、加强学习，提高思想认识", "二、立足岗位，认真履行职责",
                "一、指导思想", "二、工作目标", "三、主要措施", "四、保障措施", "（一）基本情况", "（二）主要做法", "一、自查情况", "二、整改措施"]
DOC_LINES = [
    "一是抓好{act}。共组织培训{m}期，参训人员{n}人次，覆盖率达到{p}%。",
    "二是推进{act2}。全年投入资金{n}万元，完成项目{m}个，受益群众{n}户。",
    "我认真完成了领导交办的各项任务，全年处理文件{n}份，撰写材料{m}篇，没有出现差错。",
    "在工作中，我深刻体会到团结协作的重要性，遇到困难主动向老同事请教。",
    "我们组织开展了{act}活动{m}次，发放宣传资料{n}份，群众满意度明显提升。",
    "通过这次学习，我认识到自己在业务知识方面还有很多不足，今后要加强学习。",
    "存在的不足：一是工作方法还不够灵活；二是对新业务的学习还不够深入。",
    "下一步，{unit}将继续加大{act}工作力度，确保全年目标任务圆满完成。",
    "明年，我将进一步提高业务水平，争取在{act2}方面取得新的突破。",
    "力争到年底完成{act}任务{m}项，{act2}覆盖率达到{p}%以上。",
    "本人始终严格要求自己，遵守各项规章制度，廉洁自律，没有违规违纪行为。",
    "经过自查，发现部分台账记录不完整、资料归档不及时等问题，已于{m}日内整改到位。",
    "调研发现，当前{act}工作还存在资金投入不足、基层人员力量薄弱等问题。",
    "全年共接待来访群众{n}人次，办结率{p}%，未发生一起投诉。",
    "以上是我的述职报告，不妥之处，请各位领导和同事批评指正。",
    "我将以更加饱满的热情投入到新一年的工作中，为单位发展贡献自己的力量。",
]
ABOUT_TITLES = ["{genre}怎么写", "如何写好一份{genre}", "{genre}的格式及写作要点", "什么是{genre}？", "{genre}模板（可编辑）",
                "{genre}写作技巧与注意事项", "{genre}和{genre}有什么区别", "{genre}范文大全", "{genre}的基本结构", "一文读懂{genre}"]
ABOUT_LINES = [
    "{genre}是指单位或个人对一定时期内的工作进行回顾、分析和评价的书面材料。",
    "那么，{genre}到底应该怎么写呢？下面为大家详细介绍。",
    "{genre}一般由标题、正文和落款三部分组成，正文应包括基本情况、主要成绩、存在问题和今后打算。",
    "撰写{genre}时，你需要注意以下几点：一要实事求是，二要重点突出，三要语言简练。",
    "很多人写{genre}时喜欢罗列流水账，结果重点不突出，这是需要避免的。",
    "标题的写法有两种：一种是单位名称加时间加文种，另一种是正副标题结合。",
    "本模板适用于各类单位的{genre}，下载后可直接修改使用，您只需填写相应内容即可。",
    "{genre}的特点有以下几个方面：1.自我性；2.回顾性；3.客观性。",
    "写作时要用数据说话，例如“全年完成销售额{n}万元”，比空洞的形容词更有说服力。",
    "与{genre}不同，{genre}更侧重于对未来工作的安排，两者在写法上有明显区别。",
    "本文将从概念、结构、写法三个方面，帮助大家快速掌握{genre}的写作方法。",
    "结尾部分通常写明署名和日期，如果是以单位名义上报的，还应加盖公章。",
    "一篇好的{genre}，不仅能展示个人的工作成果，还能帮助领导了解你的能力。",
    "你是否也曾为写{genre}而发愁？其实只要掌握了方法，写起来并不难。",
    "以下是一份{genre}的参考框架，大家可以根据自己的实际情况进行调整。",
    "专家指出，{genre}的核心在于总结经验教训，而不是简单地堆砌成绩。",
]
OTHER_KINDS = {
    "regulation": (["{org}{topic}管理办法", "{topic}管理制度", "员工{topic}实施细则"], [
        "第一章 总则", "第一条 为规范{topic}工作，根据有关规定，结合本单位实际，制定本办法。", "第二条 本办法适用于{org}全体员工。",
        "第三条 各部门负责人对本部门的{topic}工作负直接责任。", "第二章 管理要求", "第四条 员工应当遵守本制度的各项规定，不得弄虚作假。",
        "第五条 违反本办法的，视情节轻重给予通报批评或经济处罚。", "第六条 本办法由人力资源部负责解释，自发布之日起施行。"]),
    "job": (["招聘{role}", "{role}岗位职责", "{role}的工作内容有哪些"], [
        "岗位职责：负责{topic}相关工作，协助部门负责人完成日常事务。", "任职要求：本科及以上学历，{m}年以上相关工作经验。",
        "薪资待遇：月薪{n}元起，五险一金，周末双休。", "工作地点：市区东环路{m}号。", "有意者请将简历投递至人事部邮箱。",
        "{role}的主要职责包括文件管理、会议组织和来访接待等。"]),
    "news": (["{org}召开{act}推进会", "我市举行{act}启动仪式", "{act}工作取得新进展"], [
        "本报讯（记者 陈晨）{m}月{m}日，{org}召开{act}工作推进会。", "记者从会上了解到，今年以来全市已投入资金{n}万元。",
        "会议要求，各单位要切实提高认识，确保各项工作落到实处。", "据了解，下一步相关部门还将开展专项检查。",
        "市领导出席会议并讲话。", "（通讯员 李明）"]),
    "notice": (["关于开展{act}的通知", "关于做好{act}工作的通知"], [
        "各科室、各单位：", "为切实做好{act}工作，经研究，决定在全系统开展专项行动，现将有关事项通知如下：",
        "一、时间安排 {m}月{m}日至{m}月{m}日。", "二、工作要求 各单位要高度重视，明确专人负责。", "特此通知。"]),
    "shop": (["{topic}记事本 A5加厚", "办公文件夹 多层收纳"], [
        "促销价：¥{m}.90 包邮", "已售{n}件，库存充足。", "加入购物车 立即购买", "店铺优惠券满{m}元减5元。",
        "规格：A5，{m}页，颜色可选。", "运费：全国包邮（偏远地区除外）。"]),
    "knowledge": (["{topic}的五个方法", "浅谈{topic}", "{topic}是什么意思"], [
        "{topic}是现代企业管理中的一项重要内容，它关系到组织运行的效率。", "所谓{topic}，就是通过一定的方法对资源进行合理配置。",
        "在实际操作中，很多企业往往忽视了{topic}的重要性。", "研究表明，良好的{topic}能够提升员工满意度{p}%左右。",
        "那么，如何做好{topic}呢？首先要明确目标，其次要建立制度，最后要持续改进。", "总之，{topic}是一项长期的系统工程。"]),
    "story": (["周末的一次旅行", "外婆家的小院", "第一次做饭"], [
        "那天早上，天空下着小雨，我撑着伞走出了家门。", "外婆家的院子里种着一棵老槐树，每到夏天就开满了白花。",
        "我们一路说说笑笑，不知不觉就到了山脚下。", "晚饭后，一家人坐在院子里聊天，看着满天的星星。",
        "这件事虽然已经过去很多年了，但我至今还记得很清楚。", "小狗摇着尾巴跑过来，好像在欢迎我们回家。"]),
}


def _compose(rng: random.Random, title_bank: list[str], opening: list[str], lines: list[str], k: tuple[int, int]) -> tuple[str, str]:
    title = _fill(rng, rng.choice(title_bank))
    body = [_fill(rng, rng.choice(opening))] if opening else []
    pool = lines[:]
    rng.shuffle(pool)
    body += [_fill(rng, s) for s in pool[:rng.randint(*k)]]
    return title, "\n".join(body)


def generate(n: int, seed: int = 1) -> list[tuple[str, str, str]]:
    """(title, text, label) triples: a third documents, a third about documents, a third other text."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        kind = i % 3
        if kind == 0:
            lines = DOC_LINES + DOC_SECTIONS
            out.append((*_compose(rng, DOC_TITLES, DOC_OPENINGS, lines, (5, 12)), genre.DOCUMENT))
        elif kind == 1:
            out.append((*_compose(rng, ABOUT_TITLES, [], ABOUT_LINES, (5, 10)), genre.ABOUT))
        else:
            titles, lines = OTHER_KINDS[rng.choice(sorted(OTHER_KINDS))]
            out.append((*_compose(rng, titles, [], lines, (3, len(lines))), genre.OTHER))
    return out


# ---- models ---------------------------------------------------------------------------------

def cue_features(title: str, text: str) -> list[float]:
    zones = genre._zones(title, text)
    feats = [min(len(c.pattern.findall(zones[c.where])), c.cap) for c in genre.CUES]
    feats.append(0.0 if genre._TITLE_HAS_GENRE.search(zones["title"]) else 1.0)
    return feats


def train(n: int, seed: int):
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.linear_model import LogisticRegression

    data = generate(n, seed)
    y = [label == genre.DOCUMENT for _, _, label in data]
    vec = HashingVectorizer(analyzer="char", ngram_range=(1, 3), n_features=2 ** 18, alternate_sign=False, norm="l2")
    ngram = LogisticRegression(max_iter=2000, C=4.0, class_weight="balanced").fit(vec.transform([t + "\n" + x for t, x, _ in data]), y)
    cues = LogisticRegression(max_iter=2000, C=1.0, class_weight="balanced").fit([cue_features(t, x) for t, x, _ in data], y)
    return {
        "hand-set cues": lambda t, x: genre.classify(t, x).score,
        "ngram LR": lambda t, x: float(ngram.predict_proba(vec.transform([t + "\n" + x]))[0, 1]),
        "cue-feature LR": lambda t, x: float(cues.predict_proba([cue_features(t, x)])[0, 1]),
    }


def real_documents(folder: Path):
    """(label, [(title, text)]) per page, for the documents that pass the length and language filters."""
    from worksum.cleaning.pipeline import clean_page, extract_page
    from worksum.cleaning.record import Page
    from worksum.evaluate import page_html, read_realset

    for page in read_realset(folder / "pages.jsonl"):
        ex = extract_page(Page(url=page["url"], status=200, content_type="text/html; charset=utf-8",
                               body=page_html(page["text"]), page_kind="document"))
        docs = [d for d in clean_page(ex) if d.reason not in ("too_short", "not_chinese", "empty", "no_text")]
        yield page["label"], [(d.title, d.text) for d in docs]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("realset", help="folder with pages.jsonl")
    ap.add_argument("--n", type=int, default=3000, help="generated training texts")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    models = train(args.n, args.seed)
    pages = list(real_documents(Path(args.realset)))
    n_doc = sum(label == "DOC" for label, _ in pages)
    from sklearn.metrics import roc_auc_score

    print(f"{'model':<16}{'kept':>6}{'DOC kept':>10}{'precision':>11}{'recall':>8}{'AUC':>7}")
    for name, score in models.items():
        best = [(label, max((score(t, x) for t, x in docs), default=0.0)) for label, docs in pages]
        kept = [label for label, s in best if s >= 0.5]
        doc_kept = kept.count("DOC")
        auc = roc_auc_score([label == "DOC" for label, _ in best], [s for _, s in best])
        print(f"{name:<16}{len(kept):>6}{doc_kept:>10}{doc_kept / max(len(kept), 1):>11.3f}"
              f"{doc_kept / max(n_doc, 1):>8.3f}{auc:>7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
