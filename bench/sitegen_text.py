"""Generated Chinese work documents (and non-documents) for bench/sitegen.py.

A document is a title plus a list of paragraphs; headings are paragraphs of their own, marked
so that site templates can render them differently. Every sentence comes from phrase pools
written for this generator, filled with generated names and figures, so two documents share
little text even when they report on the same line of work.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace

from sitegen_sectors import COMMON_ACTS, SECTORS

CN_NUM = "一二三四五六七八九十"
PLACE_A = "青松桂柳云石岚溪清河金丰安永宁长新兴华泰凤龙鹤梅兰竹沙湖滨临蒲枫榆杉槐桐茂富"
PLACE_B = "源岭川阳湾州江山城泉水坪塘桥口浦林峰台田冈岗屯坝洲谷"
PLACE_SUFFIX = ["县", "市", "区", "县", "市", "区", "新区"]
NAME2 = ["东风", "向阳", "幸福", "和平", "建设", "新华", "红星", "光明", "长青", "团结", "春晖", "锦绣", "丰收", "育才"]
BRAND_A = "华瑞恒泰鼎盛宏远康达金诚博远正阳晨光海纳天成永安中科润丰"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌宇浩凯琳雪梅晓燕鹏飞俊辉"

UP = {
    "agri": ["县委、县政府", "市农业农村局"], "market": ["市委、市政府", "省市场监管局"],
    "school": ["教育局", "学校党总支"], "hospital": ["院党委", "县卫生健康局"],
    "community": ["街道党工委", "街道办事处"], "bank": ["分行党委", "上级行"],
    "sales": ["公司领导", "总经理"], "factory": ["公司领导班子", "总经理办公会"],
    "finance": ["公司领导", "集团财务部"], "party": ["机关党委", "上级党组织"],
    "env": ["市生态环境局", "县委、县政府"], "tax": ["市税务局", "局党委"],
    "hr": ["公司领导", "总经理"], "it": ["公司领导", "中心领导"],
    "township": ["县委、县政府", "县委"],
}
GUIDES = ["坚持稳中求进工作总基调", "坚持以人民为中心的发展思想", "坚持问题导向和目标导向",
          "认真贯彻落实上级各项决策部署", "坚持高质量发展这条主线", "坚持围绕中心、服务大局",
          "始终把安全放在首位", "坚持抓重点、补短板、强弱项", "坚持把群众满意作为工作标准",
          "坚持改革创新与规范管理并重"]
STYLE_VERBS = ["早谋划、早部署、早落实", "主动作为、精准发力", "细化措施、压实责任", "强化统筹、上下联动",
               "对标先进、找准差距", "抓住关键、重点突破", "以点带面、整体推进", "坚持日常督导与集中攻坚相结合"]
RESULT_TAILS = ["各项工作取得了明显成效", "较好地完成了年度目标任务", "整体工作保持了稳中有进的良好态势",
                "多项指标位居全市前列", "为全年目标的实现打下了坚实基础", "工作质效得到进一步提升"]
H_VERBS = ["扎实推进", "持续深化", "全力抓好", "着力加强", "不断完善", "统筹推进", "突出抓好", "稳步推进",
           "用心做好", "深入开展", "切实加强", "规范开展"]
H_EFFECTS = ["工作成效明显", "取得新进展", "水平稳步提升", "基础更加牢固", "保障能力持续增强", "呈现良好态势",
             "实现新突破", "质量不断提高", "机制日趋完善", "群众获得感不断增强", "各项任务落实到位"]
LEADS = ["围绕{area}目标，{self}{style}。", "{self}始终把{area}作为重要抓手，{style}。",
         "坚持把{area}摆在突出位置，成立工作专班，明确分管领导和具体责任人。",
         "年初，{self}将{area}列入年度重点任务清单，逐项分解到责任科室和具体岗位。",
         "针对{area}中存在的短板，{self}坚持问题导向，{style}。", "在{area}方面，{self}{style}。",
         "为抓好{area}，{self}多次召开专题会议研究部署，形成了一级抓一级、层层抓落实的工作格局。"]
CONNECT = ["同时，", "此外，", "全年", "截至年底，", "另外，", "", "", ""]
PROBLEM_INTROS = ["在肯定成绩的同时，我们也清醒地看到，工作中还存在一些问题和不足：",
                  "回顾过去一段时间的工作，虽然取得了一定成效，但仍存在一些短板：",
                  "对照上级要求和群众期盼，我们的工作还有不少差距，主要表现在：",
                  "工作中也存在一些不容忽视的问题，需要认真加以解决："]
PLAN_INTROS = ["{next}，{self}将{guide}，重点抓好以下几个方面工作。", "下一步，我们将紧扣年度目标，着力做好以下工作：",
               "针对上述问题，{next}我们将从以下几个方面加以改进：", "{next}，{self}将继续{guide}，努力推动各项工作再上新台阶。"]
PLAN_VERBS = ["进一步加强", "持续抓好", "全面提升", "着力推进", "深化", "扎实做好", "加快推进", "巩固提升"]
FUTURE = ["力争全年", "计划", "年内", "全年", "力争"]
CLOSINGS = ["新的一年，{self}将以更加饱满的热情、更加务实的作风，推动各项工作再上新台阶。",
            "我们将认真总结经验，正视存在的不足，努力在新的起点上取得更大成绩。",
            "总之，我们将以此次总结为契机，发扬成绩、克服不足，奋力完成各项目标任务。",
            "今后，{self}将继续凝心聚力、真抓实干，为{place}经济社会发展作出新的贡献。",
            "展望下一阶段，{self}有信心、有决心把各项工作做得更好。"]
NEXT = ["{y1}年", "下一阶段", "新的一年", "明年", "下半年", "今后一个时期"]

AREA_ACTS = ["围绕{area}开展专题调研{2-12}次，形成调研报告{1-6}篇",
             "制定《{area}工作实施方案》，细化具体措施{8-30}条",
             "对{area}开展“回头看”，梳理问题清单{10-60}项并逐项销号",
             "在{area}中推行清单化管理，建立工作台账{5-30}本",
             "邀请上级业务部门对{area}进行现场指导{2-8}次",
             "总结提炼{area}典型经验{2-9}条，在全系统交流推广",
             "争取上级{area}专项资金{50-900}万元",
             "完成{area}年度考核指标{5-20}项，考核结果位列同类单位第{1-5}名",
             "针对{area}中的堵点难点，梳理形成改进措施{6-25}条",
             "把{area}纳入月度例会固定议题，全年听取专题汇报{4-12}次",
             "组建{area}攻坚小组{2-8}个，实行挂图作战",
             "围绕{area}征集意见建议{20-200}条，采纳{10-80}条"]
RESULT_SENT = ["通过这些举措，{area}的短板得到有效弥补。", "经过努力，{area}的规范化水平明显提升。",
               "在各方共同努力下，{area}呈现出稳中向好的态势。", "这些做法得到了上级部门的肯定。",
               "{area}的各项指标均达到或超过了年初预期。", "一批长期困扰{area}的老问题得到了解决。",
               "{who}对{area}的满意度有了明显提高。", "相关经验被上级部门作为典型推广。", ""]
WHO = {"school": ["学生", "家长"], "hospital": ["患者", "群众"], "bank": ["客户"], "sales": ["客户"],
       "factory": ["员工", "客户"], "finance": ["各部门"], "hr": ["员工"], "it": ["用户"], "party": ["群众", "党员"]}

# first person
FP_OPEN = ["本人自{since}担任{org}{role}以来，在{up}的领导和同事们的支持下，认真履行岗位职责，较好地完成了各项工作任务。现将{period}的工作情况报告如下，请予评议。",
           "{period}，我在{org}担任{role}一职，主要负责{area}和{area2}等工作。在领导的关心和同事们的帮助下，我立足岗位、踏实工作，取得了一定成绩。现将个人工作情况总结如下：",
           "时光荏苒，转眼间{period}的工作已经结束。作为{org}的一名{role}，我始终以高标准要求自己，认真完成领导交办的各项任务。下面，我将这段时间的工作向大家作一汇报。",
           "按照{up}的安排，现将本人{period}履行{role}岗位职责的情况述职如下。"]
FP_SALUTE = ["尊敬的各位领导、同事们：", "各位领导、同志们：", "尊敬的领导：", ""]
FP_LEARN_H = ["加强学习，不断提高自身素质", "注重学习，提升履职能力", "坚持学习，筑牢思想根基", "勤学善思，增强业务本领"]
FP_LEARN = ["我坚持把学习作为提升能力的第一途径，利用业余时间系统学习了{area}方面的政策法规和业务知识。",
            "全年参加各类培训{3-12}次，撰写学习笔记{1-5}万字，业务水平有了明显提高。",
            "工作中遇到不懂的问题，我主动向领导和老同志请教，做到边干边学、边学边用。",
            "我还通过网络课程自学了办公软件和数据分析，工作效率比以前提高了不少。",
            "我认真参加单位组织的集中学习和专题研讨，结合岗位实际撰写心得体会{2-6}篇。",
            "我注重向身边的先进典型学习，取长补短，不断改进自己的工作方法。"]
FP_DO_H = ["履职尽责，扎实做好本职工作", "立足岗位，认真完成各项任务", "真抓实干，推动工作取得实效", "主动作为，全力抓好重点工作"]
FP_PREFIX = ["我牵头", "我带领团队", "我协助部门负责人", "我主动", "在我的推动下，我们", "我和同事们一起", "我具体负责"]
FP_CLEAN_H = ["严于律己，保持廉洁自律", "转变作风，树立良好形象", "廉洁从业，守住纪律底线"]
FP_CLEAN = ["我严格遵守中央八项规定精神和单位各项规章制度，自觉抵制各种不良风气。",
            "在日常工作中，我坚持秉公办事，不利用工作之便谋取私利。",
            "我注重管好自己的“八小时以外”，生活上保持简朴，工作上不搞特殊。",
            "对服务对象做到热情耐心，不推诿扯皮，全年没有收到一起投诉。",
            "我时刻以党员标准要求自己，自觉接受组织和群众监督。"]
FP_WEAK_H = ["存在的不足", "存在的问题和不足", "工作中的不足之处"]
FP_WEAK = ["理论学习还不够系统深入，有时存在重业务、轻学习的倾向", "工作方法有待改进，处理复杂问题的能力还需提高",
           "创新意识不够强，有时习惯于按老办法办事", "与同事的沟通交流不够主动，统筹协调能力还有欠缺",
           "对工作细节把握不够到位，偶尔出现差错", "深入基层调研不够，对一线情况掌握得不够全面"]
FP_PLAN_H = ["今后的努力方向", "下一步工作打算", "今后工作思路"]
FP_PLAN = ["一是继续加强学习，努力提高政策理论水平和业务能力；", "二是改进工作方法，做到忙而不乱、紧而有序；",
           "三是增强创新意识，积极探索{area}的新思路、新办法；", "四是严守纪律规矩，始终保持良好的精神状态和工作作风。",
           "同时，我将虚心听取大家的意见建议，不断弥补自身不足。"]
FP_CLOSE = ["以上是我的述职报告，不妥之处，请各位领导和同志们批评指正。", "以上报告，请予审议。谢谢大家！",
            "总之，我将在今后的工作中扬长避短，争取取得更好的成绩。", "以上是我的工作总结，如有不足，恳请领导和同事们批评指正。"]

# reflections (心得体会, 思想汇报)
EVENTS = ["单位组织的新入职员工岗前培训", "为期{3-15}天的{area}专题培训班", "赴{place}的考察学习活动",
          "以“{area}”为主题的读书分享活动", "为期{1-4}周的基层蹲点调研", "上级举办的业务骨干能力提升培训",
          "系统内组织的岗位练兵和技能比武", "{area}工作经验交流会"]
INSIGHT_H = ["学习是成长进步的阶梯", "责任心是做好工作的前提", "团队协作才能形成合力", "细节决定工作成败",
             "要敢于担当、勇于创新", "心中要时刻装着服务对象", "要保持谦虚谨慎的态度", "理论必须与实践相结合",
             "良好的沟通是解决问题的钥匙", "规范意识是干好工作的底线", "要在实干中增长本领", "坚持终身学习的理念"]
REFL_START = ["", "我深深感到，", "我逐渐认识到，", "这让我明白，", "回想起来，", "静下心来想一想，", "说到底，",
              "事实证明，", "从中我体会到，", "我越来越觉得，", "通过对照反思，我发现", "实践告诉我，"]
REFL_CORE = ["{area}看似平常，其实处处都有学问", "只有沉下心来钻研业务，才能在{area}中少走弯路",
             "做好{area}既要有热情，更要有方法", "一个人的力量是有限的，集体的智慧才是无穷的",
             "工作中的每一个细节都关系到{who}的切身利益", "遇到困难不能绕着走，而要迎难而上",
             "书本上的知识必须经过实践检验才能真正变成自己的本领", "把简单的事情做好就是不简单",
             "服务意识的强弱直接决定工作的成效", "规章制度是保障工作有序开展的底线", "良好的心态是克服困难的重要法宝",
             "主动沟通可以化解工作中的很多误会", "创新不是凭空想象，而是源于对日常工作的不断琢磨",
             "身边的先进人物就是最好的老师", "时间管理能力是提高效率的关键", "多听取{who}的意见，工作才能更接地气",
             "一份耕耘一份收获，付出总会有回报", "守住初心，才能在平凡的岗位上坚持下去",
             "理论学习不能浮在表面，必须联系实际深入思考", "干部的作风就是单位的形象",
             "安全意识必须时刻绷紧，不能有丝毫松懈", "团队成员之间的信任来自日常一点一滴的积累",
             "{area}中的很多问题，根子往往在于责任没有真正压实", "自己的知识结构还比较单一，需要不断拓展",
             "换位思考能让我们更好地理解{who}的需求", "任何成绩的取得都离不开领导的支持和同事的帮助",
             "只有保持危机意识，才能在变化中把握主动", "工作标准定得高一点，结果就会好一点"]
REFL_TAIL = ["。", "，这一点我体会尤深。", "，这也是我今后努力的方向。", "，对此我深有感触。", "，值得我认真反思。", "。", "。"]
REFL_FACT = ["授课老师结合{3-9}个真实案例进行讲解，深入浅出，让我印象十分深刻。",
             "培训期间共安排了{4-12}场专题讲座和{1-5}次现场教学，内容涵盖{area}等多个方面。",
             "我所在的小组围绕{area}展开讨论，大家一共提出了{5-20}条改进建议。",
             "在{place}参观时，讲解员介绍的{3-8}项创新举措让我大开眼界。",
             "结业考核中，我取得了{80-98}分的成绩，这对我是一种鼓励。",
             "这{3-15}天里，我共记下了{20-60}页学习笔记。",
             "交流会上，{3-10}位同事分享了他们在{area}方面的做法，各有特色。",
             "回到岗位后，我把学到的{2-5}个方法用在了{area}上，效果比以前好了很多。"]
THOUGHT_OPEN = ["敬爱的党组织：", "尊敬的党组织：", "亲爱的党组织："]
THOUGHT_H = ["加强理论学习，坚定理想信念", "立足本职岗位，发挥带头作用", "严格要求自己，注重生活细节",
             "正视自身不足，明确努力方向", "积极参加组织生活，增强党性修养"]
THOUGHT = ["我认真学习了党章和党的基本理论，进一步加深了对党的性质和宗旨的认识。",
           "我按时参加支部组织的“三会一课”和主题党日活动，认真做好学习笔记。",
           "在工作中，我以优秀党员为榜样，主动承担急难险重任务，努力把{area}做得更好。",
           "生活中，我团结同事、关心他人，力所能及地帮助身边有困难的人。",
           "我还存在理论联系实际不够紧密、有时急于求成等不足，今后要认真加以改进。",
           "我将继续以党员的标准严格要求自己，自觉接受党组织和同志们的监督帮助。",
           "通过学习，我更加坚定了跟党走的决心，也明白了入党不仅是组织上的入党，更是思想上的入党。",
           "我坚持每天抽出时间阅读理论文章，{period}累计撰写读书笔记{1-4}万字。"]

# self-inspection (自查报告)
CHECK_TOPICS = {
    "安全生产": (["安全生产责任制落实", "隐患排查治理", "应急预案和演练", "特种作业人员持证上岗", "安全教育培训"],
                 ["个别岗位安全操作规程张贴不全", "部分消防器材检查记录填写不及时", "应急演练的频次和覆盖面还不够"]),
    "财务管理": (["财务制度执行", "预算编制和执行", "资金收支管理", "票据和印章管理", "固定资产管理"],
                 ["个别报销单据附件不够完整", "部分固定资产登记信息更新不及时", "预算执行进度前慢后快"]),
    "党风廉政建设": (["主体责任落实", "中央八项规定精神执行", "公务接待和公车管理", "廉政风险防控", "警示教育开展"],
                   ["廉政风险点排查还不够细致", "警示教育的针对性有待增强", "个别制度执行存在宽松软现象"]),
    "消防安全": (["消防安全管理制度", "消防设施器材配置", "疏散通道和安全出口", "用火用电管理", "消防宣传培训"],
                 ["个别楼层疏散指示标志损坏", "部分员工对灭火器使用方法掌握不熟练", "电动车充电管理不够规范"]),
    "网络安全": (["网络安全责任制", "信息系统等级保护", "数据备份和恢复", "终端和账号管理", "安全防护设备运行"],
                 ["部分终端未及时安装系统补丁", "个别账号存在弱口令", "数据备份恢复演练开展较少"]),
    "档案管理": (["档案管理制度建设", "文书档案归档", "档案库房管理", "电子档案建设", "档案利用服务"],
                 ["部分科室归档不够及时", "档案库房温湿度记录不完整", "电子档案与纸质档案尚未完全对应"]),
}
FIXES = ["对自查发现的问题逐项建立整改台账，明确责任人和整改时限，实行销号管理。",
         "进一步健全相关制度，堵塞管理漏洞，防止类似问题反复出现。",
         "加强教育培训，组织相关人员系统学习有关规定，提高规范意识。",
         "建立常态化检查机制，每季度开展一次“回头看”，巩固整改成果。",
         "对整改情况及时进行总结，形成长效机制。"]

# plans (工作计划)
PLAN_MEASURES = [("加强组织领导", "成立由主要负责同志任组长的工作领导小组，定期研究解决工作中的重大问题。"),
                 ("压实工作责任", "将各项任务分解到具体部门和责任人，明确时间节点，确保事事有人管、件件有着落。"),
                 ("强化督查考核", "实行月调度、季通报、年考核，把任务完成情况纳入年度绩效考核。"),
                 ("加强队伍建设", "有计划地组织业务培训和岗位练兵，着力打造一支作风过硬、业务精通的干部队伍。"),
                 ("做好经费保障", "积极争取上级资金支持，统筹用好各类资金，确保重点工作经费及时到位。"),
                 ("营造良好氛围", "充分利用各类宣传平台，及时宣传工作进展和典型经验，凝聚各方共识。")]

# activities (活动总结)
THEMES = ["书香满校园", "安全伴我行", "垃圾分类从我做起", "文明城市共创建", "健康生活每一天", "节约用水护家园",
          "学雷锋志愿服务", "关爱老人温暖重阳", "全民健身迎新春", "防范电信诈骗", "科普进社区", "传承红色基因"]
ACT_KINDS = ["主题宣传", "志愿服务", "知识竞赛", "文艺汇演", "趣味运动会", "专题讲座", "义诊", "征文比赛"]


@dataclass
class Doc:
    doc_id: str
    title: str
    doc_type: str
    paras: list[str]
    heads: set[int] = field(default_factory=set)  # indices of heading paragraphs
    sector: str = ""

    @property
    def text(self) -> str:
        return "\n".join(self.paras)


_RANGE = re.compile(r"\{(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)\}")
_SLOT = re.compile(r"\{(\w+)\}")


def _number(rng: random.Random, lo: str, hi: str) -> str:
    decimals = len(lo.partition(".")[2])
    value = rng.uniform(float(lo), float(hi))
    return f"{value:.{decimals}f}" if decimals else str(int(round(value)))


def fill(rng: random.Random, template: str, ctx: dict) -> str:
    """Numbers for {a-b}, then named slots from ctx (a list value is drawn from)."""
    text = _RANGE.sub(lambda m: _number(rng, m.group(1), m.group(2)), template)

    def slot(m: re.Match) -> str:
        value = ctx.get(m.group(1))
        if value is None:
            return m.group(0)
        return rng.choice(value) if isinstance(value, list) else str(value)

    for _ in range(3):  # slots may hold slots
        new = _SLOT.sub(slot, text)
        if new == text:
            break
        text = new
    return text


def place_name(rng: random.Random) -> str:
    return rng.choice(PLACE_A) + rng.choice(PLACE_B) + rng.choice(PLACE_SUFFIX)


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _brand(rng: random.Random) -> str:
    return "".join(rng.sample(BRAND_A, 2))


def _context(rng: random.Random, sector: str, template: bool) -> dict:
    s = SECTORS[sector]
    year = rng.randint(2018, 2024)
    place = "XX" + rng.choice(["县", "市", "区"]) if template else place_name(rng)
    org = fill(rng, rng.choice(s["orgs"]), {"place": place, "name2": rng.choice(NAME2),
                                            "brand": "XX" if template else _brand(rng)})
    ystr = "20xx" if template else str(year)
    return {"deck": [], "who": WHO.get(sector, ["群众"]), "sector": sector, "place": place, "org": org, "self": s["self"], "role": rng.choice(s["roles"]),
            "up": UP[sector], "year": ystr, "y1": "20xx" if template else str(year + 1),
            "areas": rng.sample(s["areas"], len(s["areas"])), "guide": GUIDES, "style": STYLE_VERBS,
            "template": template, "since": f"{ystr}年{rng.randint(1, 12)}月"}


def _acts(rng: random.Random, ctx: dict, k: int, area: str = "") -> list[str]:
    """k actions, none repeated within a document until the deck runs out."""
    out = []
    for _ in range(k):
        if not ctx["deck"]:
            ctx["deck"] = SECTORS[ctx["sector"]]["acts"] + COMMON_ACTS + AREA_ACTS
            rng.shuffle(ctx["deck"])
        template = ctx["deck"].pop()
        out.append(fill(rng, template, {**ctx, "area": area or rng.choice(ctx["areas"])}))
    return out


def _metric(rng: random.Random, ctx: dict) -> str:
    name, spec = rng.choice(SECTORS[ctx["sector"]]["metrics"]).split("|")
    value = fill(rng, spec, ctx)
    if value.endswith("%"):
        tail = rng.choice([f"，较上年提高{_number(rng, '0.2', '6.0')}个百分点", "，高于上级下达的目标", ""])
    else:
        tail = rng.choice([f"，同比增长{_number(rng, '0.5', '15.0')}%", f"，完成年度目标任务的{_number(rng, '100.0', '125.0')}%",
                           f"，比上年增加{_number(rng, '2.0', '18.0')}%", ""])
    lead = rng.choice(["全年", "截至年底，", "", "全年累计"])
    return f"{lead}{name}达到{value}{tail}。"


def _work_para(rng: random.Random, ctx: dict, area: str, size: int) -> str:
    """A section paragraph: a lead, `size` actions, maybe a result and an indicator."""
    lead = fill(rng, rng.choice(LEADS), {**ctx, "area": area})
    acts = _acts(rng, ctx, size, area)
    if ctx["enumerate"]:
        body = "".join(f"{CN_NUM[i]}是{a}。" for i, a in enumerate(acts))
    else:
        body = "".join(f"{rng.choice(CONNECT)}{a}。" for a in acts)
    result = fill(rng, rng.choice(RESULT_SENT), {**ctx, "area": area})
    metric = _metric(rng, ctx) if rng.random() < 0.5 else ""
    return lead + body + result + metric


def _heading(rng: random.Random, area: str) -> str:
    return rng.choice([f"{rng.choice(H_VERBS)}{area}，{rng.choice(H_EFFECTS)}", f"{area}{rng.choice(H_EFFECTS)}",
                       f"{rng.choice(H_VERBS)}{area}"])


class _Builder:
    """Accumulates paragraphs and heading marks."""

    def __init__(self) -> None:
        self.paras: list[str] = []
        self.heads: set[int] = set()

    def head(self, text: str) -> None:
        self.heads.add(len(self.paras))
        self.paras.append(text)

    def para(self, text: str) -> None:
        if text:
            self.paras.append(text)


def _work_sections(rng: random.Random, ctx: dict, b: _Builder, n: int, inline: bool) -> None:
    for i, area in enumerate(ctx["areas"][:n]):
        h = _heading(rng, area)
        size = rng.randint(2, ctx["depth"])
        if inline:
            b.para(f"（{CN_NUM[i]}）{h}。{_work_para(rng, ctx, area, size)}")
        else:
            b.head(f"（{CN_NUM[i]}）{h}")
            b.para(_work_para(rng, ctx, area, size))
            if ctx["depth"] > 4 and rng.random() < 0.4:
                b.para("".join(f"{a}。" for a in _acts(rng, ctx, 2, area)) + fill(rng, rng.choice(RESULT_SENT), {**ctx, "area": area}))


def _problems(rng: random.Random, ctx: dict) -> str:
    probs = rng.sample(SECTORS[ctx["sector"]]["problems"], 3)
    return rng.choice(PROBLEM_INTROS) + "；".join(f"{'一二三'[i]}是{p}" for i, p in enumerate(probs)) + "。"


def _plans(rng: random.Random, ctx: dict, b: _Builder, numbered_from: int, n: int) -> None:
    b.para(fill(rng, rng.choice(PLAN_INTROS), {**ctx, "next": fill(rng, rng.choice(NEXT), ctx)}))
    for i, area in enumerate(ctx["areas"][numbered_from:numbered_from + n]):
        act = _acts(rng, ctx, 1)[0]
        detail = rng.choice([f"{rng.choice(FUTURE)}{act}。", f"力争{_metric(rng, ctx).lstrip('全年截至年底，累计')}"])
        b.para(f"（{CN_NUM[i]}）{rng.choice(PLAN_VERBS)}{area}。{detail}")


def _summary(rng: random.Random, ctx: dict, n_work: int, period: str) -> _Builder:
    b = _Builder()
    opening = (f"{period}，{ctx['org']}在{rng.choice(ctx['up'])}的{rng.choice(['正确', '坚强'])}领导下，"
               f"{rng.choice(GUIDES)}，紧紧围绕{ctx['areas'][0]}和{ctx['areas'][1]}等重点任务，"
               f"{rng.choice(STYLE_VERBS)}，{rng.choice(RESULT_TAILS)}。")
    b.para(opening + rng.choice(["现将有关情况总结如下：", "现将主要工作总结如下。", f"现将{period}工作情况报告如下。", ""]))
    sec = iter(CN_NUM)
    b.head(f"{next(sec)}、" + rng.choice(["主要工作及成效", "工作开展情况", "主要工作完成情况", "重点工作推进情况"]))
    _work_sections(rng, ctx, b, n_work, inline=rng.random() < 0.35)
    if rng.random() < 0.4:
        b.head(f"{next(sec)}、" + rng.choice(["主要做法和体会", "几点工作体会"]))
        b.para(rng.choice(["回顾这段时间的工作，我们主要有以下几点体会：", "通过实践，我们深刻认识到："])
               + f"一是必须{rng.choice(GUIDES)}；二是必须{rng.choice(STYLE_VERBS)}；三是必须把{ctx['areas'][2]}作为基础性工作抓紧抓实。")
    b.head(f"{next(sec)}、" + rng.choice(["存在的问题", "存在的问题和不足", "工作中的不足"]))
    b.para(_problems(rng, ctx))
    b.head(f"{next(sec)}、" + rng.choice(["下一步工作打算", f"{ctx['y1']}年工作思路", "下步工作计划"]))
    _plans(rng, ctx, b, n_work, rng.randint(2, 4))
    b.para(fill(rng, rng.choice(CLOSINGS), ctx))
    return b


def _first_person(rng: random.Random, ctx: dict, n_work: int, period: str, review: bool) -> _Builder:
    b = _Builder()
    salute = rng.choice(FP_SALUTE) if review else ""
    b.para(salute)
    b.para(fill(rng, rng.choice(FP_OPEN), {**ctx, "period": period, "area": ctx["areas"][0], "area2": ctx["areas"][1]}))
    sec = iter(CN_NUM)
    b.head(f"{next(sec)}、{rng.choice(FP_LEARN_H)}")
    b.para("".join(fill(rng, s, {**ctx, "area": ctx["areas"][0]}) for s in rng.sample(FP_LEARN, rng.randint(2, 4))))
    b.head(f"{next(sec)}、{rng.choice(FP_DO_H)}")
    for i, area in enumerate(ctx["areas"][:n_work]):
        acts = _acts(rng, ctx, rng.randint(2, ctx["depth"]), area)
        sentences = "".join(f"{rng.choice(FP_PREFIX)}{a}。" for a in acts) + fill(rng, rng.choice(RESULT_SENT), {**ctx, "area": area})
        if rng.random() < 0.5:
            b.para(f"{i + 1}.{_heading(rng, area)}。{sentences}")
        else:
            b.head(f"（{CN_NUM[i]}）{_heading(rng, area)}")
            b.para(sentences)
    if review:
        b.head(f"{next(sec)}、{rng.choice(FP_CLEAN_H)}")
        b.para("".join(rng.sample(FP_CLEAN, rng.randint(2, 4))))
    b.head(f"{next(sec)}、{rng.choice(FP_WEAK_H)}")
    weak = rng.sample(FP_WEAK, 3)
    b.para("回顾这段时间的工作，我也清醒地认识到自身还存在一些不足：" + "；".join(f"{'一二三'[i]}是{w}" for i, w in enumerate(weak)) + "。")
    b.head(f"{next(sec)}、{rng.choice(FP_PLAN_H)}")
    b.para(fill(rng, "".join(FP_PLAN), {**ctx, "area": ctx["areas"][1]}))
    b.para(rng.choice(FP_CLOSE))
    return b


def _musing(rng: random.Random, ctx: dict, k: int) -> str:
    """k reflective sentences, one of them usually a concrete fact with figures."""
    out = []
    for _ in range(k):
        if rng.random() < 0.3:
            out.append(fill(rng, rng.choice(REFL_FACT), {**ctx, "area": rng.choice(ctx["areas"][:4]), "place": place_name(rng)}))
        else:
            core = fill(rng, rng.choice(REFL_CORE), {**ctx, "area": rng.choice(ctx["areas"][:4])})
            out.append(rng.choice(REFL_START) + core + rng.choice(REFL_TAIL))
    return "".join(out)


def _reflection(rng: random.Random, ctx: dict, n: int) -> _Builder:
    b = _Builder()
    event = fill(rng, rng.choice(EVENTS), {**ctx, "area": ctx["areas"][0], "place": place_name(rng)})
    b.para(f"{rng.choice(['近期', '前段时间', ctx['year'] + '年' + str(rng.randint(3, 11)) + '月', '今年上半年'])}，"
           f"我有幸参加了{event}。{rng.choice(['这次学习时间虽短，但内容丰富、形式多样', '活动安排紧凑，收获很大', '整个过程让我受益匪浅'])}。"
           f"{rng.choice(['现将几点体会总结如下。', '下面谈谈我的几点体会。', '结合自身工作实际，谈几点粗浅的认识。'])}")
    as_heads = rng.random() < 0.5
    for i, h in enumerate(rng.sample(INSIGHT_H, n)):
        text = _musing(rng, ctx, rng.randint(3, ctx["depth"] + 1))
        if as_heads:
            b.head(f"{CN_NUM[i]}、{h}")
            b.para(text)
        else:
            b.para(f"{CN_NUM[i]}是{h}。{text}")
    b.para(rng.choice(["总之，这次学习让我收获满满。我将以此为新的起点，踏实工作、不断进取。",
                       "纸上得来终觉浅，绝知此事要躬行。今后我会把这些体会落实到日常工作中去。",
                       "学无止境。我将保持学习的热情，在岗位上不断提升自己。"]))
    return b


def _thought(rng: random.Random, ctx: dict, n: int) -> _Builder:
    b = _Builder()
    b.para(rng.choice(THOUGHT_OPEN))
    b.para(f"我于{ctx['since']}被党组织确定为{rng.choice(['入党积极分子', '发展对象', '预备党员'])}。"
           f"{rng.choice(['这段时间以来', '近一个季度以来', '自上次汇报以来'])}，在党组织的培养教育下，我在思想、工作和生活上都有了新的进步。"
           f"现将我{rng.choice(['近期', '这一阶段', '本季度'])}的思想情况向党组织汇报如下。")
    deck = rng.sample(THOUGHT, 4)
    for i, h in enumerate(rng.sample(THOUGHT_H, n)):
        b.head(f"{CN_NUM[i]}、{h}")
        own = fill(rng, deck.pop(), {**ctx, "area": ctx["areas"][i % 3], "period": "本季度"}) if deck else ""
        b.para(own + _musing(rng, ctx, rng.randint(2, ctx["depth"])))
    b.para("请党组织在实践中考验我。")
    b.para(f"汇报人：{'XXX' if ctx['template'] else person_name(rng)}")
    b.para(f"{ctx['year']}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日")
    return b


def _selfcheck(rng: random.Random, ctx: dict, topic: str) -> _Builder:
    items, problems = CHECK_TOPICS[topic]
    b = _Builder()
    unit = rng.choice(ctx["self"])
    b.para(f"根据{rng.choice(ctx['up'])}《关于开展{topic}自查工作的通知》要求，{unit}高度重视，迅速成立自查工作小组，"
           f"对照检查内容逐项进行了认真自查。现将自查情况报告如下：")
    b.head("一、" + rng.choice(["自查工作开展情况", "基本情况", "自查情况"]))
    for i, item in enumerate(rng.sample(items, min(len(items), ctx["n"]))):
        act = "；".join(fill(rng, a, {**ctx, "area": item}) for a in rng.sample(COMMON_ACTS + AREA_ACTS, ctx["depth"] - 2))
        b.para(f"（{CN_NUM[i]}）{item}情况。{unit}{rng.choice(['结合实际', '严格按照有关规定', '认真对照要求'])}{act}。"
               f"经自查，{item}{rng.choice(['总体规范有序', '基本符合要求', '落实较好', '未发现重大问题'])}。")
    b.head("二、" + rng.choice(["自查发现的问题", "存在的主要问题"]))
    found = rng.sample(problems, 2) + rng.sample(SECTORS[ctx["sector"]]["problems"], rng.randint(1, 2))
    rng.shuffle(found)
    b.para(rng.choice(["经过自查，我们也发现了一些问题：", "自查中发现的问题主要有：", ""])
           + "；".join(f"{CN_NUM[i]}是{p}" for i, p in enumerate(found)) + "。")
    b.head("三、" + rng.choice(["整改措施", "下一步整改措施", "整改意见和措施"]))
    for i, fix in enumerate(rng.sample(FIXES, rng.randint(2, 4))):
        act = _acts(rng, ctx, 1)[0] if rng.random() < 0.6 else ""
        b.para(f"{i + 1}.{fix}" + (f"计划{act}。" if act else ""))
    b.para(rng.choice(["特此报告。", f"{unit}将以此次自查为契机，持续抓好整改落实，推动{topic}工作规范化、制度化。"]))
    return b


def _plan(rng: random.Random, ctx: dict, n: int) -> _Builder:
    b = _Builder()
    b.para(f"为{rng.choice(['全面完成', '扎实推进', '高质量完成'])}{ctx['y1']}年各项目标任务，根据上级有关工作部署，"
           f"结合{rng.choice(ctx['self'])}实际，制定本计划。")
    b.head("一、" + rng.choice(["指导思想", "总体思路"]))
    b.para(f"{rng.choice(GUIDES)}，以{ctx['areas'][0]}为重点，{rng.choice(STYLE_VERBS)}，推动各项工作提质增效。")
    b.head("二、" + rng.choice(["工作目标", "主要目标"]))
    b.para("".join(f"力争{_metric(rng, ctx).lstrip('全年截至年底，累计')}" for _ in range(rng.randint(2, 3))))
    b.head("三、" + rng.choice(["重点任务", "主要工作", "工作措施"]))
    for i, area in enumerate(ctx["areas"][1:1 + n]):
        b.head(f"（{CN_NUM[i]}）{rng.choice(PLAN_VERBS)}{area}")
        b.para("".join(f"{rng.choice(FUTURE)}{a}。" for a in _acts(rng, ctx, rng.randint(2, ctx["depth"]), area)))
    b.head("四、保障措施")
    for i, (h, t) in enumerate(rng.sample(PLAN_MEASURES, rng.randint(2, 4))):
        b.para(f"（{CN_NUM[i]}）{h}。{t}")
    return b


def _report(rng: random.Random, ctx: dict, n: int, period: str) -> _Builder:
    b = _Builder()
    if rng.random() < 0.5:
        b.para(rng.choice(["尊敬的各位领导：", "各位领导："]))
    b.para(f"{period}，{ctx['org']}{rng.choice(GUIDES)}，{rng.choice(STYLE_VERBS)}，{rng.choice(RESULT_TAILS)}。"
           f"现将{period}工作情况汇报如下：")
    sec = iter(CN_NUM)
    b.head(f"{next(sec)}、" + rng.choice(["基本情况", "总体情况"]))
    b.para(f"{ctx['org']}现有干部职工{rng.randint(18, 420)}人，下设{rng.randint(3, 12)}个科室（部门）。" + _metric(rng, ctx))
    b.head(f"{next(sec)}、" + rng.choice(["主要工作及成效", "主要做法", "重点工作进展"]))
    _work_sections(rng, ctx, b, n, inline=rng.random() < 0.5)
    b.head(f"{next(sec)}、" + rng.choice(["存在的困难和问题", "存在的问题"]))
    b.para(_problems(rng, ctx))
    b.head(f"{next(sec)}、" + rng.choice(["下一步工作打算", "下步打算"]))
    _plans(rng, ctx, b, n, rng.randint(2, 3))
    if rng.random() < 0.5:
        b.head(f"{next(sec)}、意见建议")
        b.para(f"恳请上级在{ctx['areas'][0]}和{ctx['areas'][1]}等方面给予更多政策和资金支持，帮助我们解决实际困难。")
    return b


def _activity(rng: random.Random, ctx: dict) -> tuple[_Builder, str]:
    theme, kind = rng.choice(THEMES), rng.choice(ACT_KINDS)
    b = _Builder()
    b.para(f"为{rng.choice(['丰富群众精神文化生活', '增强广大干部群众的参与意识', '营造良好的社会氛围', '进一步提升服务水平'])}，"
           f"{ctx['year']}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日，{ctx['org']}开展了以“{theme}”为主题的{kind}活动。"
           "现将活动情况总结如下。")
    b.head("一、" + rng.choice(["精心组织，周密部署", "高度重视，认真筹备"]))
    b.para(f"活动开始前，{rng.choice(ctx['self'])}专门召开筹备会，制定活动方案，明确任务分工。"
           f"提前{rng.randint(3, 15)}天通过公告栏、微信群等渠道发布活动通知，共有{rng.randint(60, 900)}人报名参加。")
    b.head("二、" + rng.choice(["形式多样，内容丰富", "活动开展情况"]))
    b.para(f"活动设置了{rng.randint(3, 8)}个环节，{rng.choice(['现场气氛热烈', '参与者热情高涨', '互动效果良好'])}。"
           + "".join(f"{a}。" for a in _acts(rng, ctx, 2)))
    for _ in range(ctx["n"] - 2):
        b.para(_musing(rng, {**ctx, "areas": [f"“{theme}”活动"] * 4}, 1) + "".join(f"{a}。" for a in _acts(rng, ctx, 2)))
    b.para(f"参加活动的{rng.choice(ctx['who'])}{person_name(rng)}说：“{rng.choice(['这样的活动很接地气，希望以后多搞几次', '今天学到了不少实用的知识', '活动组织得很用心，大家都很开心'])}。”")
    b.head("三、" + rng.choice(["活动成效", "取得的效果"]))
    b.para(f"活动共发放宣传资料{rng.randint(300, 5000)}份，解答群众咨询{rng.randint(40, 600)}人次，"
           f"{rng.choice(['得到了参与群众的一致好评', '收到了良好的社会效果', '进一步扩大了活动影响力'])}。")
    b.head("四、" + rng.choice(["不足与改进", "存在的不足"]))
    b.para(f"活动也存在宣传覆盖面不够广、{rng.choice(['部分环节时间安排偏紧', '青年人参与偏少', '后勤保障不够细致'])}等不足，"
           "今后我们将认真总结经验，把活动办得更好。")
    return b, f"“{theme}”{kind}活动总结"


DOC_TYPES = ["工作总结", "工作总结", "年终总结", "述职报告", "工作计划", "工作汇报", "心得体会", "自查报告", "思想汇报",
             "活动总结", "个人工作总结"]
PERIODS = ["{year}年", "{year}年上半年", "{year}年度", "一年来", "{year}年第{q}季度", "今年以来"]


def make_doc(rng: random.Random, doc_id: str, kind: str | None = None, sector: str | None = None,
             max_chars: int | None = None) -> Doc:
    """One work document of 600-3000 characters (shorter when max_chars says so)."""
    kind = kind or rng.choice(DOC_TYPES)
    sector = sector or rng.choice(sorted(SECTORS))
    ctx = _context(rng, sector, template=rng.random() < 0.25)
    target = max_chars or rng.randint(650, 3000)
    n = max(3, min(8, target // 340))
    ctx["depth"] = 3 if target < 1200 else (4 if target < 2200 else 5)
    ctx["enumerate"] = rng.random() < 0.35
    for _ in range(4):  # grow until the draft reaches the target length
        ctx["n"] = n
        b, title, doc_type = _draft(rng, kind, ctx, n)
        if len("\n".join(b.paras)) >= min(target, 3000) * 0.9:
            break
        n, ctx["depth"] = min(n + 2, 8), ctx["depth"] + 1
    doc = Doc(doc_id, title, doc_type, b.paras, b.heads, sector)
    return _fit(rng, doc, target)


def _draft(rng: random.Random, kind: str, ctx: dict, n: int) -> tuple[_Builder, str, str]:
    period = fill(rng, rng.choice(PERIODS), {**ctx, "q": CN_NUM[rng.randint(0, 3)]})
    org, year = ctx["org"], ctx["year"]
    if kind in ("工作总结", "年终总结"):
        b = _summary(rng, ctx, n, period)
        title = rng.choice([f"{org}{year}年工作总结", f"{org}{period}工作总结", f"{year}年{org}工作总结及{ctx['y1']}年工作打算",
                            f"{org}{year}年度工作总结"]) if kind == "工作总结" else f"{org}{year}年年终工作总结"
        doc_type = "工作总结"
    elif kind == "个人工作总结":
        b = _first_person(rng, ctx, n, period, review=False)
        title = rng.choice([f"{year}年{ctx['role']}个人工作总结", f"{ctx['role']}{period}个人总结", f"{org}{ctx['role']}工作总结"])
        doc_type = "工作总结"
    elif kind == "述职报告":
        b = _first_person(rng, ctx, n, period, review=True)
        title = rng.choice([f"{year}年{ctx['role']}述职报告", f"{org}{ctx['role']}个人述职报告", f"{ctx['role']}{year}年度述职述廉报告"])
        doc_type = "述职报告"
    elif kind == "工作计划":
        b = _plan(rng, ctx, n)
        title = rng.choice([f"{org}{ctx['y1']}年工作计划", f"{ctx['y1']}年{ctx['areas'][0]}工作计划", f"{org}{ctx['y1']}年度工作要点"])
        doc_type = "工作计划"
    elif kind == "工作汇报":
        b = _report(rng, ctx, n, period)
        title = rng.choice([f"{org}{period}工作汇报", f"关于{org}{period}工作情况的汇报", f"{org}{ctx['areas'][0]}工作情况汇报"])
        doc_type = "工作汇报"
    elif kind == "心得体会":
        b = _reflection(rng, ctx, min(n, 6))
        title = rng.choice([f"{ctx['role']}培训学习心得体会", f"{ctx['areas'][0]}学习心得", f"参加{ctx['areas'][1]}培训的几点体会"])
        doc_type = "心得体会"
    elif kind == "自查报告":
        topic = rng.choice(sorted(CHECK_TOPICS))
        b = _selfcheck(rng, ctx, topic)
        title = rng.choice([f"{org}{topic}自查报告", f"关于{topic}工作的自查报告", f"{year}年{topic}自查情况报告"])
        doc_type = "自查报告"
    elif kind == "思想汇报":
        b = _thought(rng, ctx, min(n, 5))
        title = rng.choice([f"{year}年第{CN_NUM[rng.randint(0, 3)]}季度思想汇报", f"{ctx['role']}入党思想汇报", "预备党员思想汇报"])
        doc_type = "思想汇报"
    else:
        b, what = _activity(rng, ctx)
        title = f"{org}{what}"
        doc_type = "活动总结"
    return b, title, doc_type


def _fit(rng: random.Random, doc: Doc, target: int) -> Doc:
    """Drop body paragraphs (never the first two or the last) until the text is near the target length."""
    paras, heads = list(doc.paras), set(doc.heads)
    while len("\n".join(paras)) > max(target, 600) + 200 and len(paras) > 6:
        candidates = [i for i in range(2, len(paras) - 1) if i not in heads and (i - 1) not in heads or
                      (i in heads and i + 1 < len(paras) - 1 and i + 1 not in heads)]
        if not candidates:
            break
        i = rng.choice(candidates)
        drop = {i, i + 1} if i in heads else {i}
        paras = [p for j, p in enumerate(paras) if j not in drop]
        heads = {j - sum(1 for d in drop if d < j) for j in heads if j not in drop}
    text = "\n".join(paras)
    if len(text) > 3000:  # long drafts lose whole paragraphs from the middle
        while len("\n".join(paras)) > 3000 and len(paras) > 4:
            i = len(paras) // 2
            heads = {j - (j > i) for j in heads if j != i}
            paras.pop(i)
    return replace(doc, paras=paras, heads=heads)


# --- republished copies -------------------------------------------------------------------

def edit_doc(rng: random.Random, doc: Doc) -> Doc:
    """An edited republication: placeholders or figures changed and one sentence rewritten."""
    paras = list(doc.paras)
    body = [i for i in range(len(paras)) if i not in doc.heads and len(paras[i]) > 40]
    changes = 0
    for i in rng.sample(body, min(len(body), 3)):
        nums = [m for m in re.finditer(r"\d+(?:\.\d+)?", paras[i]) if not re.fullmatch(r"(19|20)\d\d", m.group(0))]
        if nums:
            m = rng.choice(nums)
            new = str(int(m.group(0)) + rng.randint(1, 9)) if "." not in m.group(0) else f"{float(m.group(0)) + 0.3:.1f}"
            paras[i] = paras[i][:m.start()] + new + paras[i][m.end():]
            changes += 1
    swaps = [("20xx", str(rng.randint(2019, 2024))), ("XX", "某"), ("我们", "我们全体同志"), ("进一步", "更进一步")]
    for old, new in rng.sample(swaps, 2):
        hits = [i for i in body if old in paras[i]]
        for i in hits[:2]:
            paras[i] = paras[i].replace(old, new, 1)
    if body:
        i = rng.choice(body)
        sentences = [s for s in re.split(r"(?<=。)", paras[i]) if s]
        if len(sentences) > 1:
            k = rng.randrange(len(sentences))
            sentences[k] = rng.choice(["这项工作得到了上级部门的充分肯定。", "相关做法在全系统进行了交流推广。",
                                       "这一成绩的取得离不开全体同志的共同努力。", "群众对此反映良好。"])
            paras[i] = "".join(sentences)
    return replace(doc, paras=paras)


def truncate_doc(rng: random.Random, doc: Doc) -> Doc:
    """A preview: the first paragraphs only, 35-75 % of the text and never under 300 characters."""
    total = len(doc.text)
    goal = total * rng.uniform(0.35, 0.75)
    n, size = 0, 0
    while n < len(doc.paras) - 1 and (size < goal or size < 300 or n < 3):
        size += len(doc.paras[n]) + 1
        n += 1
    return replace(doc, paras=doc.paras[:n], heads={i for i in doc.heads if i < n})


# --- compilations -------------------------------------------------------------------------

def compilation_docs(rng: random.Random, ids: list[str]) -> tuple[str, list[Doc]]:
    """Pieces of one kind for a compilation page, and the page's topic ("社区工作总结")."""
    kind = rng.choice(["工作总结", "个人工作总结", "述职报告", "心得体会", "工作计划", "自查报告", "思想汇报"])
    sector = rng.choice(sorted(SECTORS))
    docs = [make_doc(rng, i, kind, sector if rng.random() < 0.7 else None, max_chars=rng.randint(650, 1500)) for i in ids]
    s = SECTORS[sector]
    topic = rng.choice({"工作总结": [f"{rng.choice(s['areas'])}工作总结", "年度工作总结", "单位工作总结"],
                        "个人工作总结": [f"{rng.choice(s['roles'])}个人工作总结", "个人年终总结"],
                        "述职报告": [f"{rng.choice(s['roles'])}述职报告", "个人述职报告"],
                        "心得体会": ["培训学习心得体会", "学习心得体会"],
                        "工作计划": [f"{rng.choice(s['areas'])}工作计划", "年度工作计划"],
                        "自查报告": ["自查报告", "工作自查报告"],
                        "思想汇报": ["入党积极分子思想汇报", "预备党员思想汇报"]}[kind])
    return topic, docs


# --- pages that are not work documents ------------------------------------------------------

NEG_KINDS = ["news", "job", "product", "guide", "regulation"]


def make_negative(rng: random.Random, kind: str) -> tuple[str, list[str]]:
    """Title and paragraphs of a page that is not a work document."""
    place, name = place_name(rng), person_name(rng)
    sector = SECTORS[rng.choice(sorted(SECTORS))]
    area = rng.choice(sector["areas"])
    if kind == "news":
        title = rng.choice([f"{place}召开{rng.randint(2019, 2024)}年度工作总结表彰大会", f"{place}举行{area}现场推进会",
                            f"{place}{area}取得阶段性成效"])
        paras = [f"本网讯（记者 {name}）{rng.randint(1, 12)}月{rng.randint(1, 28)}日上午，{title}。"
                 f"{place}领导{person_name(rng)}出席会议并讲话。",
                 f"会议通报了全{place[-1]}{area}的总体情况，{rng.randint(3, 12)}个单位作了交流发言，"
                 f"会上还对{rng.randint(10, 80)}个先进集体和{rng.randint(20, 150)}名先进个人进行了表彰。",
                 f"{person_name(rng)}在讲话中指出，过去一年全{place[-1]}上下攻坚克难，{area}取得了来之不易的成绩。"
                 "他强调，各级各部门要认清形势、坚定信心，以更加务实的作风推动各项工作落地见效。",
                 f"据了解，今年以来{place}已累计投入资金{rng.randint(2, 90)}亿元，实施相关项目{rng.randint(10, 120)}个。",
                 f"记者在会场看到，不少参会代表边听边记。一位来自基层的代表告诉记者：“回去以后，我们要把会议精神尽快传达到每一个人。”",
                 f"（编辑：{person_name(rng)}  审核：{person_name(rng)}）"]
    elif kind == "job":
        role = rng.choice(["行政专员", "文案策划", "办公室文员", "人事助理", "项目助理", "秘书"])
        title = f"招聘{role}（{rng.choice(['双休', '五险一金', '包午餐', '有年终奖'])}）"
        paras = ["岗位职责：", f"1、负责撰写部门工作总结、工作计划、会议纪要等各类文字材料；",
                 f"2、协助部门负责人做好{area}相关的日常事务；", "3、负责文件的收发、登记、归档和保管；",
                 "4、完成领导交办的其他临时性工作。", "任职要求：",
                 f"1、{rng.choice(['大专', '本科'])}及以上学历，中文、行政管理等相关专业优先；",
                 f"2、{rng.randint(1, 5)}年以上相关工作经验，具有较强的文字功底和沟通能力；",
                 "3、熟练使用办公软件，工作细致认真，有责任心。",
                 f"薪资待遇：{rng.randint(4, 8)}000-{rng.randint(9, 15)}000元/月，缴纳五险一金，带薪年假，节日福利。",
                 f"工作地点：{place}{rng.choice(NAME2)}路{rng.randint(1, 300)}号。联系人：{name[0]}女士"]
    elif kind == "product":
        item = rng.choice(["年终总结PPT模板", "工作汇报商务模板套装", "A4活页笔记本", "办公文件收纳盒", "会议记录本"])
        title = f"{item}（{rng.choice(['精品', '热卖', '新款', '升级版'])}）"
        paras = [f"商品名称：{item}", f"价格：￥{rng.randint(9, 199)}.{rng.randint(0, 9)}0  月销{rng.randint(100, 9000)}件",
                 f"规格参数：{rng.choice(['共60页', '16开', '含图表素材200个', '材质：PP'])}；{rng.choice(['支持WPS和Office', '颜色可选', '适用于日常办公'])}",
                 "商品详情：", f"本款{item}设计简洁大方，{rng.choice(['适合各行业使用', '版式规范清晰', '经久耐用'])}，购买后可立即使用。",
                 "买家评价：", f"“{rng.choice(['质量不错，发货很快', '和描述一致，好评', '性价比很高，推荐购买'])}。”",
                 "售后服务：七天无理由退换，如有质量问题请联系在线客服。"]
    elif kind == "guide":
        dt = rng.choice(["工作总结", "述职报告", "年终总结", "工作计划", "心得体会"])
        title = rng.choice([f"{dt}怎么写", f"{dt}的格式和写作要点", f"如何写好一份{dt}", f"什么是{dt}？写作方法详解"])
        paras = [f"{dt}是很多职场人每年都要面对的任务。不少人一提起写{dt}就头疼，不知道从何下笔。本文为你梳理写作的基本方法。",
                 f"一、什么是{dt}", f"{dt}是对一定时期内的工作进行回顾、分析和评价的书面材料，目的是总结经验、找出不足，指导今后的工作。",
                 "二、基本格式", f"一份完整的{dt}通常包括标题、正文和落款三部分。标题可以写成“单位名称+时间+文种”的形式；"
                 "正文一般包括基本情况、主要成绩、存在问题和今后打算。",
                 "三、写作要点", "1.实事求是。你需要如实反映工作情况，成绩不夸大，问题不回避。",
                 "2.突出重点。不要写成流水账，要抓住最能体现你价值的几件事来写。",
                 "3.用数据说话。尽量用具体的数字来说明你的工作成效，这比空洞的形容词更有说服力。",
                 "四、注意事项", f"写{dt}时，切忌照搬网上的范文。建议你先列出提纲，再逐项展开，最后通读修改。",
                 f"掌握了以上方法，相信你也能写出一份让领导满意的{dt}。"]
    else:
        subject = rng.choice(["工作总结报送", "公文处理", "档案管理", "财务报销", "会议管理"])
        title = f"{place}{subject}管理办法"
        paras = ["第一章 总则", f"第一条 为规范{subject}工作，提高工作效率，根据有关规定，结合本单位实际，制定本办法。",
                 f"第二条 本办法适用于本单位各部门及所属单位的{subject}工作。",
                 f"第三条 {subject}工作应当遵循及时、准确、规范的原则。", "第二章 职责分工",
                 f"第四条 办公室是{subject}工作的主管部门，负责统筹协调、督促检查等工作。",
                 "第五条 各部门负责人对本部门相关工作负直接责任，应当指定专人具体承办。", "第三章 工作要求",
                 f"第六条 各部门应当于每年{rng.randint(1, 12)}月{rng.randint(1, 28)}日前报送有关材料，逾期未报的予以通报。",
                 "第七条 报送材料应当内容真实、数据准确、格式规范。", "第四章 附则",
                 "第八条 本办法由办公室负责解释。", f"第九条 本办法自{rng.randint(2019, 2024)}年{rng.randint(1, 12)}月1日起施行。"]
    return title, paras


def related_title(rng: random.Random) -> str:
    """A title as lists of other documents show them."""
    sector = SECTORS[rng.choice(sorted(SECTORS))]
    year = rng.choice(["2021年", "2022年", "2023年", "2024年", "20xx年", "最新", "", ""])
    area, role = rng.choice(sector["areas"]), rng.choice(sector["roles"])
    return rng.choice([f"{year}{area}工作总结", f"{year}{role}述职报告", f"{year}{area}工作计划", f"{role}个人工作总结",
                       f"{year}{area}自查报告", f"{area}心得体会范文", f"{year}上半年{area}工作汇报",
                       f"{role}年终总结（精选）", f"{area}工作总结范文", f"{role}{rng.choice(['述职', '年终', '试用期'])}报告"])


def tag_word(rng: random.Random) -> str:
    """A short keyword as tag clouds show them."""
    sector = SECTORS[rng.choice(sorted(SECTORS))]
    return rng.choice([rng.choice(sector["areas"]), rng.choice(sector["roles"]) + rng.choice(["总结", "述职", "心得"]),
                       rng.choice(["年终总结", "述职报告", "工作计划", "心得体会", "自查报告", "思想汇报", "工作汇报"])])
