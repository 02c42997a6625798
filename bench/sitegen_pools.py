"""Wordings and markup choices for generated site styles, each pool split into two halves.

`--pool dev` draws every wording, class name and markup variant from the even-indexed half of
each list, `--pool heldout` from the odd-indexed half, so a cleaner tuned on dev styles meets
unseen wordings in held-out styles. The kinds of chrome are the same in both halves. Lists are
written so that neighbours are alternatives of one another.
"""
from __future__ import annotations


# Lists of kinds and plain facts, drawn by both pools alike (the test checks every other list is split).
SHARED = {"CATS", "BODY_MODES", "CHARSETS", "TRAD_CONFIGS", "PROVINCES", "SHARE_TARGETS", "CLASS_SCHEMES"}


def half(items: list, pool: str) -> list:
    """The dev (even) or heldout (odd) half of a pool."""
    if pool not in ("dev", "heldout"):
        raise ValueError(f"pool must be 'dev' or 'heldout', not {pool!r}")
    return items[0::2] if pool == "dev" else items[1::2]


BRAND_A = ["优", "学", "文", "智", "博", "书", "墨", "简", "知", "海", "道", "慧", "启", "思", "云", "卓", "新", "锦", "明", "远"]
SITE_SUFFIX = ["文库", "文档网", "范文网", "范文大全", "资料网", "写作网", "文秘网", "知识库", "公文网", "范文站",
               "文档分享平台", "办公资源网"]
DOMAIN_SYL = ["wen", "ku", "fan", "doc", "xue", "zhi", "you", "bo", "mo", "hai", "dao", "hui", "qi", "si", "yun",
              "zhuo", "shu", "jian", "lib", "txt", "gw", "fw", "wk", "zl"]
SUBDOMAIN = ["www", "m", "wenku", "doc", "fanwen", "wap", "so", "read"]
URL_PATTERNS = ["/{cat}/{id}.html", "/article/{y}/{md}/{id}.shtml", "/doc/{id}.html", "/d/{id}.htm", "/p-{id}.html",
                "/show-{id}.html", "/view/{hex}.html", "/{cat}/{y}{md}/{id}.html", "/{cat}/{id}.htm", "/a/{id}/",
                "/wenzhang/{id}.html", "/read/{hex}"]
CATS = ["zongjie", "jihua", "shuzhi", "xinde", "huibao", "fanwen", "gongwen", "baogao", "zjhb", "gzzj"]

HOME = ["首页", "网站首页", "主页", "返回首页"]
NAV_ITEMS = ["工作总结", "年终总结", "工作计划", "述职报告", "心得体会", "思想汇报", "自查报告", "工作汇报", "演讲稿",
             "策划方案", "合同范本", "求职简历", "教学教案", "公文写作", "党团范文", "实用文档", "考试资料", "行业资料",
             "办公文档", "PPT模板", "活动方案", "调研报告", "规章制度", "申请书"]
CRUMB_LABEL = ["当前位置：", "您现在的位置：", "位置：", "所在位置：", "您的位置：", "当前位置 >", "所在栏目：", "导航："]
CRUMB_SEP = [" &gt; ", " » ", " &gt;&gt; ", " / ", " -&gt; ", " → "]
CRUMB_END = ["正文", "浏览文章", "阅读", "详情", "内容", "文章详情"]

META_LABELS = {
    "uploader": ["上传人", "发布人", "分享者", "投稿人", "贡献者", "上传者", "发布者", "作者"],
    "date": ["上传时间", "发布时间", "更新时间", "时间", "日期", "发表于", "发布于", "上传日期"],
    "views": ["浏览", "阅读", "点击", "人气", "浏览次数", "阅读量", "热度", "围观"],
    "source": ["来源", "出处", "文章来源", "来自"],
    "format": ["格式", "文件格式", "类型", "文档格式"],
    "pages": ["页数", "总页数", "篇幅", "共计页数"],
    "size": ["大小", "文件大小", "体积", "容量"],
    "docno": ["文档编号", "资源ID", "编号", "文档ID"],
    "category": ["分类", "栏目", "所属分类", "类别"],
}
META_SEP = ["　", " | ", " / ", " · ", "  ", "；"]
META_COLON = ["：", ":", "：", " "]
ANON = ["佚名", "网友投稿", "匿名", "用户上传", "小编", "编辑部"]

BTN_DOWNLOAD = ["下载", "立即下载", "下载文档", "下载本文", "免费下载", "下载此文档", "下载Word版", "下载到电脑"]
BTN_REPORT = ["举报", "投诉", "纠错", "版权申诉", "报错", "举报该文档"]
BTN_SHARE = ["分享", "分享到微信", "转发", "分享给好友"]
BTN_FAV = ["收藏", "加入收藏", "收藏本文", "☆收藏"]
BTN_PRINT = ["打印", "打印本文", "打印此页", "打印全文"]
SHARE_LABEL = ["分享到：", "分享至：", "一键分享：", "分享："]
SHARE_TARGETS = ["微信", "微博", "QQ空间", "QQ好友", "朋友圈", "豆瓣"]

PAGE_COUNTER = ["第{i}页 / 共{n}页", "{i}/{n}页", "第{i}页，共{n}页", "- {i} -", "共{n}页", "页码：{i}/{n}",
                "全文共{n}页", "Page {i} of {n}"]
THUMB_ALT = ["{title}_第{i}页", "{title} 第{i}页", "{title}-预览图{i}", "{title}（第{i}页）"]
PAYWALL = ["剩余{n}页未读，继续阅读", "当前仅显示{k}字，登录后查看全文", "正式会员可完整阅读", "免费预览已结束，剩余{n}页可下载查看",
           "还剩{n}页未读，点击继续阅读", "开通VIP查看全文", "试读已结束，如需继续阅读请购买", "文章内容仅供预览，完整版请下载",
           "省略{k}字，正式会员可完整阅读", "本文档共{n}页，当前为预览页", "已阅读{i}页，还剩{n}页未读", "付费后可查看剩余内容"]
EXPAND = ["展开阅读全文", "点击查看更多", "查看全部", "阅读全文", "展开全文 ∨", "继续阅读 ↓"]
WORDCOUNT = ["全文共{n}字", "约{k}字", "本文约{n}字，阅读需要{m}分钟", "字数：{n}", "（全文{n}字）", "约{m}分钟读完"]
LOGIN = ["登录", "注册", "会员中心", "我的收藏", "开通VIP", "充值", "我的文档", "上传文档"]
SEARCH_PH = ["搜索文档", "请输入关键词", "搜索范文", "输入关键字搜索"]
SEARCH_BTN = ["搜索", "搜 索", "查找", "Go"]

EDITOR_INTRO = ["下面是小编为大家整理的{title}，供大家参考。",
                "本文是编辑为您整理的{title}，仅供参考，欢迎借鉴。",
                "以下是小编精心收集的{title}，欢迎阅读参考。",
                "为了帮助大家写好这类材料，编辑部特意挑选了这篇{title}，一起来看看吧。",
                "{title}怎么写？下面本站为大家带来一篇相关范文，希望对您有所帮助。",
                "这篇{title}由网友投稿，编者略作整理，供您学习参考。",
                "小编给大家分享一篇{title}，希望能给您带来启发。",
                "整理者按：这篇{title}结构清晰、内容翔实，值得一读。"]
EDITOR_OUTRO = ["以上就是小编为您整理的{title}，希望对您有所帮助。",
                "以上内容由编辑整理发布，仅供参考，请勿直接照搬。",
                "看完这篇{title}，相信您已经有了思路，更多范文请关注本站。",
                "感谢您的阅读，编者整理的这篇文章如有不妥之处欢迎指正。",
                "以上就是本站为大家带来的全部内容，欢迎收藏转发。",
                "本文编辑整理于网络，版权归原作者所有。",
                "以上是小编精选的{title}，供大家参考学习。",
                "（完）喜欢这篇文章的朋友可以转给身边的同事看看。"]
RELATED_HEAD = ["相关文章", "相关推荐", "猜你喜欢", "热门文档", "延伸阅读", "同类范文", "你可能也喜欢", "看了本文的人还看了",
                "更多相关文档", "推荐阅读", "相关资料", "精选专题", "本类热门", "相似文档", "最新更新", "热门推荐"]
RELATED_SUFFIX = [".docx", "（精选）", ".doc", "范文"]
TAG_HEAD = ["热门标签", "标签云", "热门搜索", "相关搜索", "关键词", "专题标签"]
PREVNEXT = [("上一篇：", "下一篇："), ("前一篇：", "后一篇："), ("上一篇", "下一篇"), ("« 上篇", "下篇 »"),
            ("上一页：", "下一页："), ("上一条：", "下一条：")]
COMMENT_HEAD = ["发表评论", "网友评论", "评论区", "我来说两句", "用户点评", "留言板"]
COMMENT_TEXT = ["写得很好，学习了", "很实用，感谢分享", "参考一下，谢谢", "内容很全面", "正好需要，收藏了", "格式很规范",
                "思路清晰，值得借鉴", "顶一个", "有用，已经改成自己的了", "楼主辛苦了"]
COMMENT_BTN = ["提交评论", "发表", "发布", "提交"]
COMMENT_USER = ["网友", "游客", "匿名用户", "访客"]
AD_LABEL = ["广告", "推广", "赞助", "AD"]
AD_TEXT = ["办公模板年卡限时5折", "专业代写各类材料，快速交稿", "考试资料大礼包免费领取", "Word技巧视频课程，0元试听",
           "海量范文会员低至9.9元", "PPT定制服务，满意为止", "公文写作训练营火热报名中", "扫码关注公众号，每日更新范文"]
DECL_HEAD = ["【下载声明】", "【温馨提示】", "【免责声明】", "【版权声明】", "【重要提醒】", "【特别说明】"]
DECL_BODY = ["1. 本站文档均由用户上传，仅供学习交流；2. 下载前请先预览，确认无误后再下载；3. 如有侵权请联系客服处理。",
             "文档下载后为Word格式，可自由编辑。预览效果与实际文档可能略有差异，请以下载后的文件为准。",
             "本站所有资源仅供参考，不代表本站观点。因使用本站资源造成的任何后果，本站不承担责任。",
             "本页内容由用户自行上传，其收益归上传者所有。本站只提供存储空间，如发现侵权内容，请及时告知。",
             "付费文档一经下载不予退款，请在下载前仔细阅读预览内容。",
             "部分文档可能存在格式错乱，下载后请自行调整排版。"]
KEYWORD_LABEL = ["关键词：", "标签：", "相关热词搜索：", "热词：", "Tags：", "主题词："]
COPYRIGHT = ["Copyright © {y1}-{y2} {site} All Rights Reserved", "©{y2} {site} 版权所有",
             "{site} 版权所有 未经许可不得转载", "本站内容来自网络，如有侵权请联系删除 {site}",
             "Copyright {y2} {domain}. 保留所有权利", "{site}（{domain}）© {y1}-{y2}"]
ICP = ["{prov}ICP备{n}号", "{prov}ICP备{n}号-{k}", "备案号：{prov}ICP备{n}号", "ICP证：{prov}B2-{n}",
       "经营许可证编号：{prov}ICP备{n}号", "网站备案：{prov}ICP备{n}号-{k}"]
PROVINCES = ["京", "沪", "粤", "浙", "苏", "鄂", "湘", "川", "鲁", "豫", "闽", "皖"]
FOOTER_LINKS = ["关于我们", "联系我们", "网站地图", "免责声明", "意见反馈", "广告合作", "帮助中心", "用户协议", "隐私政策",
                "投稿须知", "加入我们", "友情链接"]
WATERMARK = ["（本文来源：{site}）", "（来自{domain}）", "{site}版权所有", "本文由{site}整理", "（转载请注明出处：{site}）",
             "【{site}原创首发】"]
TITLE_SEP = ["_", "-", " - ", " | ", "——", "｜"]
TITLE_DECO = ["{title}.docx", "{title}（最新版）", "{title}Word格式.docx", "{title}【精选】", "{title}.pdf", "{title}(精选)"]
FIRST_PAGE_MARK = ["第1页共{n}页", "- 1 -"]

# compilations
COMP_TITLE = ["{topic}{n}篇", "{topic}（精选{n}篇）", "{topic}汇编{n}篇", "{topic}（通用{n}篇）", "{topic}范文{n}篇",
              "关于{topic}的范文（{n}篇）", "{topic}【{n}篇】", "{topic}合集（共{n}篇）", "{topic}精编{n}篇",
              "{n}篇{topic}范文", "最新{topic}（{n}篇）", "{topic}集锦{n}篇"]
COMP_INTRO = ["以下是小编整理的{title}，欢迎阅读与收藏。", "本文为大家收集了{title}，供参考。",
              "小编为你精选了{n}篇{topic}，希望对你有帮助。", "这里汇总了{n}篇{topic}，编者挑选时兼顾了不同单位的写法。",
              "下面是{title}，一起来看看吧。", "本页收录{topic}{n}篇，仅供学习参考。"]
# {t} topic, {n} number, {cn} Chinese number, {p} piece title
COMP_MARKER = ["{t}篇{n}", "【篇{n}】", "{t}（篇{n}）", "篇{cn}：{p}", "{t}范文第{n}篇", "【{cn}】", "{t}{n}",
               "第{n}篇：{p}", "{p}（篇{n}）", "范文{n}：{p}", "第{cn}篇 {p}", "{p}【{n}】"]
COMP_MARKER_TAG = ["h2", "h3", "strong", "p", "b", "h4"]

# markup
CLASS_WORDS = {
    "wrap": ["wrap", "container", "main-wrap", "page", "w1200", "layout", "box", "bd"],
    "header": ["header", "top", "hd", "site-head", "topbar", "head"],
    "nav": ["nav", "menu", "navbar", "main-nav", "channel", "nav-list"],
    "crumb": ["crumb", "position", "breadcrumb", "pos", "location", "path"],
    "main": ["main", "left-main", "content-main", "article", "primary", "col-main"],
    "title": ["title", "art-title", "doc-title", "headline", "tit", "h-title"],
    "meta": ["info", "meta", "art-info", "doc-info", "attr", "property"],
    "content": ["content", "article-content", "art-body", "detail", "txt", "main-text", "doc-text", "post-body",
                "con", "zw", "arttext", "neirong"],
    "btns": ["btns", "tools", "actions", "op-bar", "toolbar", "handle"],
    "notice": ["notice", "tip", "end-tip", "limit", "preview-end", "hint"],
    "related": ["related", "rel", "xiangguan", "rec-list", "similar", "more-docs"],
    "tags": ["tags", "tag-cloud", "keywords", "hot-tags", "label", "biaoqian"],
    "side": ["side", "sidebar", "right", "aside-box", "col-side", "slide-r"],
    "footer": ["footer", "foot", "ft", "copyright", "bottom", "site-foot"],
    "comment": ["comment", "comments", "pinglun", "reply-box", "feedback", "cmt"],
    "ad": ["ad", "ads", "gg", "banner", "promo", "spread"],
    "pager": ["pager", "prev-next", "page-nav", "sxp", "turn", "pn"],
}
MEANINGLESS_CHARS = ["abcdefghijklm", "nopqrstuvwxyz"]  # dev, heldout
SKELETONS = ["divs", "html5", "table", "flat", "grid", "nested"]
CLASS_SCHEMES = ["semantic", "meaningless", "none", "mixed", "ids", "semantic"]
BODY_MODES = ["paragraphs", "linebreaks", "paragraphs", "dump", "paragraphs"]  # kinds: not split
# paragraph markup: (paragraph tag, indent, heading markup)
PARA_MARKUP = [("p", "　　", "p>strong"), ("div", "", "h3"), ("p", "", "p"), ("p style", "", "h4"),
               ("p", "&nbsp;&nbsp;&nbsp;&nbsp;", "h2"), ("section", "", "p>b"), ("p span", "", "strong"),
               ("div", "　　", "div.h")]
LINEBREAK_MARKUP = [("<br>", "　　"), ("<br/><br/>", "&nbsp;&nbsp;&nbsp;&nbsp;"), ("<br />", ""), ("<br><br>", "　　")]
DUMP_MARKUP = ["chunks", "pages", "chunks", "pages"]  # "1、…" segments, or page blocks with page marks
CHUNK_PREFIX = ["{i}、", "[{i}]", "{i}、", "（{i}）"]
JUNK_MARKUP = ['<font class="{cls}">{junk}</font>', '<span style="display:none">{junk}</span>',
               '<i class="{cls}">{junk}</i>', '<em style="font-size:0">{junk}</em>']
TRAD_CONFIGS = ["s2t", "s2tw", "s2twp", "s2t"]
CHARSETS = [("utf-8", "utf-8", "utf-8"), ("utf-8", "utf-8", "utf-8"), ("gbk", "gb2312", "gbk"), ("GBK", "gbk", "gbk"),
            ("GB18030", "gb18030", "gb18030"), ("gb18030", "GB2312", "gb18030"), ("utf-8", "UTF-8", "utf-8"),
            ("UTF-8", "utf-8", "utf-8")]  # (header label, meta label, codec)

PINYIN = {"绩": "jì", "效": "xiào", "发": "fā", "现": "xiàn", "质": "zhì", "量": "liàng", "内": "nèi", "容": "róng",
          "总": "zǒng", "结": "jié", "体": "tǐ", "评": "píng", "价": "jià", "数": "shù", "据": "jù", "关": "guān",
          "系": "xì", "进": "jìn", "计": "jì", "划": "huà", "报": "bào", "告": "gào", "责": "zé", "任": "rèn",
          "务": "wù", "学": "xué", "习": "xí", "训": "xùn", "领": "lǐng", "导": "dǎo", "设": "shè", "经": "jīng",
          "济": "jì", "单": "dān", "组": "zǔ", "织": "zhī", "况": "kuàng", "问": "wèn", "题": "tí", "专": "zhuān",
          "项": "xiàng", "会": "huì", "议": "yì", "员": "yuán", "实": "shí", "践": "jiàn", "检": "jiǎn", "查": "chá",
          "环": "huán", "境": "jìng", "标": "biāo", "准": "zhǔn", "规": "guī", "范": "fàn", "管": "guǎn", "理": "lǐ",
          "服": "fú", "全": "quán", "建": "jiàn", "营": "yíng", "监": "jiān", "制": "zhì", "度": "dù", "施": "shī"}
