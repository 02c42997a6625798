"""Site templates for bench/sitegen.py: a style is drawn once from the seed and then renders
every page of that site the same way (same skeleton, class names, chrome kinds and places);
only the per-page content (titles, counts, related lists) changes from page to page.
"""
from __future__ import annotations

import html
import random
import string
from dataclasses import dataclass, field

import sitegen_pools as P
from sitegen_text import CN_NUM, related_title, tag_word

# Chrome kinds and the places each may take. "before"/"after" are inside the main container
# around the text; "body_start"/"body_end"/"inline" are inside the text's own container.
CHROME_PLACES = {
    "nav": ["top"], "crumb": ["top", "before"], "meta": ["before", "after", "body_start"],
    "buttons": ["before", "after", "side"], "counter": ["before", "inline", "thumbs"],
    "paywall": ["after", "body_end"], "expand": ["after", "body_end"], "intro": ["body_start"],
    "outro": ["body_end"], "title_repeat": ["body_start"], "related": ["after", "side", "bottom"],
    "tags": ["side", "after", "bottom"], "prevnext": ["after", "body_end"], "comments": ["after", "bottom"],
    "ads": ["side", "inline", "top", "before"], "declaration": ["before", "after"], "keywords": ["body_end", "after"],
    "junk": ["inline"], "watermark": ["inline"], "wordcount": ["before", "body_start"], "share": ["before", "after"],
    "login": ["top"], "hot": ["side", "bottom"],
}
CHROME_ODDS = {"nav": 0.85, "crumb": 0.7, "meta": 0.8, "buttons": 0.6, "counter": 0.4, "paywall": 0.35,
               "expand": 0.3, "intro": 0.45, "outro": 0.45, "title_repeat": 0.3, "related": 0.85, "tags": 0.45,
               "prevnext": 0.5, "comments": 0.3, "ads": 0.4, "declaration": 0.3, "keywords": 0.35, "junk": 0.15,
               "watermark": 0.2, "wordcount": 0.25, "share": 0.35, "login": 0.5, "hot": 0.4}


@dataclass
class Namer:
    """Class/id attributes per template role, fixed for the whole site."""
    rng: random.Random
    pool: str
    scheme: str
    names: dict[str, str] = field(default_factory=dict)

    def _meaningless(self) -> str:
        letters = P.MEANINGLESS_CHARS[0 if self.pool == "dev" else 1]
        shape = self.rng.choice(["{a}{d}", "{a}-{b}", "{a}{b}{d}", "{a}_{b}", "{a}{b}"])
        return shape.format(a=self.rng.choice(letters), b=self.rng.choice(letters), d=self.rng.randint(1, 9))

    def attr(self, role: str) -> str:
        if role not in self.names:
            scheme = self.scheme if self.scheme != "mixed" else self.rng.choice(["semantic", "meaningless", "none"])
            if scheme == "none":
                self.names[role] = ""
            elif scheme == "meaningless":
                self.names[role] = f' class="{self._meaningless()}"'
            else:
                word = self.rng.choice(P.half(P.CLASS_WORDS[role], self.pool))
                if self.rng.random() < 0.3:
                    word = f"{word}{self.rng.randint(1, 3)}"
                self.names[role] = f' id="{word}"' if scheme == "ids" and self.rng.random() < 0.6 else f' class="{word}"'
        return self.names[role]


@dataclass
class Style:
    name: str
    pool: str
    rng_seed: str
    site: str
    domain: str
    url_pattern: str
    cat: str
    charset: tuple[str, str, str]
    trad: str | None
    pinyin_rate: float
    skeleton: str
    namer: Namer
    side: str  # "left", "right", "none"
    body_mode: str
    para_markup: tuple[str, str, str]
    linebreak: tuple[str, str]
    dump: str
    chrome: dict[str, str]  # kind -> place
    words: dict[str, object]  # wordings fixed for the site
    title_sep: str
    title_deco: str
    h1_tag: str


def _pick(rng: random.Random, pool: str, items: list):
    return rng.choice(P.half(items, pool))


def _spread(seed: int, pool: str, index: int, key: str, items: list):
    """Successive styles of one set take successive items from a seeded offset, so a small set
    still covers the choices that matter most (skeleton, charset, text markup)."""
    offset = random.Random(f"sitegen-spread-{seed}-{pool}-{key}").randrange(len(items))
    return items[(offset + index) % len(items)]


def draw_style(seed: int, pool: str, index: int, used_names: set[str]) -> Style:
    rng = random.Random(f"sitegen-style-{seed}-{pool}-{index}")
    half = lambda items: P.half(items, pool)  # noqa: E731
    spread = lambda key, items: _spread(seed, pool, index, key, items)  # noqa: E731
    while True:
        word = "".join(rng.sample(half(P.DOMAIN_SYL), rng.choice((2, 2, 3))))
        if word not in used_names:
            used_names.add(word)
            break
    site = "".join(rng.sample(half(P.BRAND_A), 2)) + rng.choice(half(P.SITE_SUFFIX))
    domain = f"{rng.choice(half(P.SUBDOMAIN))}.{word}.example"
    chrome = {k: rng.choice(CHROME_PLACES[k]) for k, p in CHROME_ODDS.items() if rng.random() < p}
    chrome.setdefault("footer", "bottom")
    chrome["footer"] = "bottom"
    side = rng.choice(["left", "right", "right", "none"])
    if side == "none":  # nothing may sit in a sidebar the site does not have
        chrome = {k: ("after" if v == "side" else v) for k, v in chrome.items()}
    words = {
        "home": rng.choice(half(P.HOME)), "nav": rng.sample(half(P.NAV_ITEMS), rng.randint(5, 9)),
        "crumb_label": rng.choice(half(P.CRUMB_LABEL)), "crumb_sep": rng.choice(half(P.CRUMB_SEP)),
        "crumb_end": rng.choice(half(P.CRUMB_END)), "crumb_cat": rng.choice(half(P.NAV_ITEMS)),
        "meta_fields": rng.sample(sorted(P.META_LABELS), rng.randint(2, 5)),
        "meta_labels": {k: rng.choice(half(v)) for k, v in P.META_LABELS.items()},
        "meta_sep": rng.choice(half(P.META_SEP)), "meta_colon": rng.choice(half(P.META_COLON)),
        "anon": rng.choice(half(P.ANON)),
        "buttons": [rng.choice(half(b)) for b in (P.BTN_DOWNLOAD, P.BTN_REPORT, P.BTN_SHARE, P.BTN_FAV, P.BTN_PRINT)
                    if rng.random() < 0.7] or [rng.choice(half(P.BTN_DOWNLOAD))],
        "share_label": rng.choice(half(P.SHARE_LABEL)), "counter": rng.choice(half(P.PAGE_COUNTER)),
        "thumb_alt": rng.choice(half(P.THUMB_ALT)), "paywall": rng.choice(half(P.PAYWALL)),
        "expand": rng.choice(half(P.EXPAND)), "wordcount": rng.choice(half(P.WORDCOUNT)),
        "login": rng.sample(half(P.LOGIN), 2), "search_ph": rng.choice(half(P.SEARCH_PH)),
        "search_btn": rng.choice(half(P.SEARCH_BTN)), "intro": rng.choice(half(P.EDITOR_INTRO)),
        "outro": rng.choice(half(P.EDITOR_OUTRO)), "related_head": rng.sample(half(P.RELATED_HEAD), 2),
        "related_suffix": rng.choice(half(P.RELATED_SUFFIX)) if rng.random() < 0.4 else "", "related_form": rng.choice(["a", "li", "table", "a"]),
        "tag_head": rng.choice(half(P.TAG_HEAD)), "prevnext": rng.choice(half(P.PREVNEXT)),
        "comment_head": rng.choice(half(P.COMMENT_HEAD)), "comment_btn": rng.choice(half(P.COMMENT_BTN)),
        "comment_user": rng.choice(half(P.COMMENT_USER)), "ad_label": rng.choice(half(P.AD_LABEL)),
        "decl_head": rng.choice(half(P.DECL_HEAD)), "decl_body": rng.choice(half(P.DECL_BODY)),
        "keyword_label": rng.choice(half(P.KEYWORD_LABEL)), "copyright": rng.choice(half(P.COPYRIGHT)),
        "icp": rng.choice(half(P.ICP)).format(prov=rng.choice(P.PROVINCES), n=rng.randint(10000000, 99999999),
                                              k=rng.randint(1, 9)),
        "footer_links": rng.sample(half(P.FOOTER_LINKS), rng.randint(3, 6)),
        "watermark": rng.choice(half(P.WATERMARK)), "first_page": rng.choice(half(P.FIRST_PAGE_MARK)),
        "comp_title": rng.choice(half(P.COMP_TITLE)), "comp_intro": rng.choice(half(P.COMP_INTRO)),
        "comp_marker": rng.choice(half(P.COMP_MARKER)), "comp_marker_tag": rng.choice(half(P.COMP_MARKER_TAG)),
        "junk_markup": rng.choice(half(P.JUNK_MARKUP)), "chunk_prefix": rng.choice(half(P.CHUNK_PREFIX)),
        "years": (rng.randint(2005, 2016), rng.randint(2022, 2025)),
        "cats": {k: rng.choice(P.CATS) for k in ("a",)},
    }
    trad = rng.choice(half(P.TRAD_CONFIGS)) if rng.random() < 0.22 else None
    return Style(
        name=word, pool=pool, rng_seed=f"{seed}-{pool}-{index}", site=site, domain=domain,
        url_pattern=rng.choice(half(P.URL_PATTERNS)), cat=rng.choice(P.CATS),
        charset=spread("charset", half(P.CHARSETS)), trad=trad, pinyin_rate=rng.choice([0.0, 0.03, 0.06]) if trad else 0.0,
        skeleton=spread("skeleton", half(P.SKELETONS)), namer=Namer(rng, pool, spread("names", half(P.CLASS_SCHEMES))),
        side=side, body_mode=spread("body", P.BODY_MODES), para_markup=spread("para", half(P.PARA_MARKUP)), linebreak=rng.choice(half(P.LINEBREAK_MARKUP)),
        dump=rng.choice(half(P.DUMP_MARKUP)), chrome=chrome, words=words,
        title_sep=rng.choice(half(P.TITLE_SEP)), title_deco=rng.choice(half(P.TITLE_DECO)) if rng.random() < 0.4 else "{title}",
        h1_tag=rng.choice(["h1", "h1", "h1", "h2", "div"]),
    )


def page_url(style: Style, page_id: int, rng: random.Random) -> str:
    path = style.url_pattern.format(cat=style.cat, id=page_id, y=rng.randint(2016, 2024),
                                    md=f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
                                    hex="".join(rng.choice("0123456789abcdef") for _ in range(24)))
    return f"https://{style.domain}{path}"


# --- rendering ---------------------------------------------------------------------------

def esc(text: str) -> str:
    return html.escape(text, quote=False)


@dataclass
class Page:
    """What a page shows: one text (doc or negative) or several pieces (compilation)."""
    kind: str
    title: str
    paras: list[str] = field(default_factory=list)
    heads: set[int] = field(default_factory=set)
    pieces: list[tuple[str, list[str], set[int]]] = field(default_factory=list)  # (piece title, paras, heads)
    topic: str = ""
    truncated: bool = False


class Renderer:
    def __init__(self, style: Style, rng: random.Random, heavy: bool):
        self.s, self.rng, self.heavy = style, rng, heavy
        self.w = style.words
        self.a = style.namer.attr

    # small pieces of chrome ------------------------------------------------------------
    def _link(self, text: str, href: str | None = None) -> str:
        href = href or f"/{self.s.cat}/{self.rng.randint(1000, 999999)}.html"
        return f'<a href="{href}">{esc(text)}</a>'

    def nav(self) -> str:
        items = [self._link(self.w["home"], "/")] + [self._link(t, f"/{c}/") for t, c in
                                                      zip(self.w["nav"], P.CATS * 3)]
        sep = self.rng.choice(["", " | ", " "]) if not self.s.name.startswith("x") else ""
        if self.s.skeleton in ("html5", "grid"):
            return f"<nav{self.a('nav')}><ul>{''.join(f'<li>{i}</li>' for i in items)}</ul></nav>"
        return f"<div{self.a('nav')}>{sep.join(items)}</div>"

    def crumb(self) -> str:
        w = self.w
        parts = [self._link(self.s.site, "/"), self._link(w["crumb_cat"], f"/{self.s.cat}/"), esc(w["crumb_end"])]
        return f"<div{self.a('crumb')}>{esc(w['crumb_label'])}{w['crumb_sep'].join(parts)}</div>"

    def meta(self, page: Page) -> str:
        w, rng = self.w, self.rng
        values = {"uploader": rng.choice([w["anon"], f"{rng.choice(string.ascii_lowercase)}****{rng.randint(1, 9)}",
                                          "用户" + str(rng.randint(1000, 99999))]),
                  "date": f"{rng.randint(2016, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                          + rng.choice(["", f" {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"]),
                  "views": rng.choice([f"{rng.randint(50, 99999)}次", str(rng.randint(50, 99999)),
                                       f"{rng.randint(1, 99)}.{rng.randint(1, 9)}W", f"{rng.randint(50, 9999)}人"]),
                  "source": rng.choice([self.s.site, "网络", "网友投稿", "原创"]),
                  "format": rng.choice(["DOCX", "DOC", "PDF", "docx"]),
                  "pages": str(rng.randint(2, 30)), "size": f"{rng.randint(12, 900)}.{rng.randint(10, 99)}KB",
                  "docno": str(rng.randint(10000000, 99999999)), "category": w["crumb_cat"]}
        fields = [f"{w['meta_labels'][k]}{w['meta_colon']}{values[k]}" for k in w["meta_fields"]]
        return f"<div{self.a('meta')}>{esc(w['meta_sep'].join(fields))}</div>"

    def buttons(self) -> str:
        return f"<div{self.a('btns')}>" + " ".join(
            f'<a href="/{self.rng.choice(["down", "do", "act", "u"])}/{self.rng.randint(1, 99999)}">{esc(b)}</a>'
            for b in self.w["buttons"]) + "</div>"

    def share(self) -> str:
        targets = self.rng.sample(P.SHARE_TARGETS, 3)
        return f"<div{self.a('btns')}>{esc(self.w['share_label'])}" + "".join(
            f'<a href="javascript:;">{t}</a>' for t in targets) + "</div>"

    def counter(self, i: int, n: int) -> str:
        return esc(self.w["counter"].format(i=i, n=n))

    def thumbs(self, title: str, n: int) -> str:
        items = "".join(f'<li><img src="/img/{self.rng.randint(1, 99999)}_{i}.png" alt="{esc(self.w["thumb_alt"].format(title=title, i=i))}">'
                        f"<span>{self.counter(i, n)}</span></li>" for i in range(1, min(n, 5) + 1))
        return f"<ul{self.a('notice')}>{items}</ul>"

    def paywall(self, chars: int) -> str:
        n = self.rng.randint(2, 20)
        text = self.w["paywall"].format(n=n, k=chars, i=self.rng.randint(1, 5))
        return f"<div{self.a('notice')}>{esc(text)}</div>"

    def expand(self) -> str:
        return f'<div{self.a("notice")}><a href="javascript:void(0)">{esc(self.w["expand"])}</a></div>'

    def wordcount(self, chars: int) -> str:
        return f"<p>{esc(self.w['wordcount'].format(n=chars, k=f'{chars / 10000:.2f}万' if chars > 9999 else chars, m=max(1, chars // 400)))}</p>"

    def related(self, heading: str, count: int) -> str:
        rng, form, suffix = self.rng, self.w["related_form"], self.w["related_suffix"]
        titles = [t if t.endswith(suffix) else t + suffix for t in (related_title(rng) for _ in range(count))]
        head = f"<h3>{esc(heading)}</h3>" if rng.random() < 0.8 else f"<div class=\"hd\">{esc(heading)}</div>"
        if form == "a":
            body = "<ul>" + "".join(f"<li>{self._link(t)}</li>" for t in titles) + "</ul>"
        elif form == "li":  # plain titles with page counts or dates: not links at all
            body = "<ul>" + "".join(f"<li>{esc(t)} <span>{rng.choice([f'{rng.randint(2, 40)}页', f'{rng.randint(2018, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}'])}</span></li>"
                                    for t in titles) + "</ul>"
        else:
            body = "<table>" + "".join(f"<tr><td>{self._link(t)}</td><td>{rng.randint(2, 40)}页</td>"
                                       f"<td>{rng.randint(10, 9999)}</td></tr>" for t in titles) + "</table>"
        return f"<div{self.a('related')}>{head}{body}</div>"

    def tags(self) -> str:
        tags = [tag_word(self.rng) for _ in range(self.rng.randint(6, 14))]
        return (f"<div{self.a('tags')}><h4>{esc(self.w['tag_head'])}</h4>"
                + " ".join(self._link(t, f"/tag/{i}") for i, t in enumerate(tags)) + "</div>")

    def prevnext(self) -> str:
        a, b = self.w["prevnext"]
        return (f"<div{self.a('pager')}>{esc(a)}{self._link(related_title(self.rng))} "
                f"{esc(b)}{self._link(related_title(self.rng))}</div>")

    def comments(self) -> str:
        rng, w = self.rng, self.w
        items = "".join(f"<li><span>{esc(w['comment_user'])}{rng.randint(100, 9999)}</span>"
                        f"<p>{esc(rng.choice(P.half(P.COMMENT_TEXT, self.s.pool)))}</p></li>" for _ in range(rng.randint(0, 3)))
        return (f"<div{self.a('comment')}><h3>{esc(w['comment_head'])}（{items.count('<li>')}）</h3><ul>{items}</ul>"
                f"<textarea></textarea><button>{esc(w['comment_btn'])}</button></div>")

    def ads(self) -> str:
        text = self.rng.choice(P.half(P.AD_TEXT, self.s.pool))
        return f'<div{self.a("ad")}><span>{esc(self.w["ad_label"])}</span><a href="/go/{self.rng.randint(1, 999)}">{esc(text)}</a></div>'

    def declaration(self) -> str:
        return f"<div{self.a('notice')}><p>{esc(self.w['decl_head'])}{esc(self.w['decl_body'])}</p></div>"

    def keywords(self, page: Page) -> str:
        words = [tag_word(self.rng) for _ in range(self.rng.randint(2, 4))] + [self.rng.choice(self.w["nav"])]
        return f"<p>{esc(self.w['keyword_label'])}{esc(' '.join(words))}</p>"

    def login(self) -> str:
        links = " ".join(self._link(t, f"/user/{i}") for i, t in enumerate(self.w["login"]))
        return (f"<div{self.a('header')}><a href=\"/\">{esc(self.s.site)}</a> {links} "
                f"<input placeholder=\"{esc(self.w['search_ph'])}\"><button>{esc(self.w['search_btn'])}</button></div>")

    def hot(self) -> str:
        return self.related(self.w["related_head"][1], self.rng.randint(5, 10))

    def footer(self) -> str:
        w = self.w
        links = " | ".join(self._link(t, f"/about/{i}.html") for i, t in enumerate(w["footer_links"]))
        copyright_ = w["copyright"].format(y1=w["years"][0], y2=w["years"][1], site=self.s.site, domain=self.s.domain)
        return f"<div{self.a('footer')}><p>{links}</p><p>{esc(copyright_)} {esc(w['icp'])}</p></div>"

    def junk(self) -> str:
        rng = self.rng
        tokens = [rng.choice(string.ascii_letters) + rng.choice(["", str(rng.randint(0, 9)), rng.choice(".)/&*#%^+(")])
                  for _ in range(rng.randint(4, 9))]
        return self.w["junk_markup"].format(cls=self.s.namer._meaningless(), junk=" ".join(tokens))

    def watermark(self) -> str:
        return esc(self.w["watermark"].format(site=self.s.site, domain=self.s.domain))

    # the text ------------------------------------------------------------------------------
    def _prepare(self, text: str, running: bool = True) -> str:
        """Escape one paragraph, adding the noise a site injects into running text."""
        rng, ch = self.rng, self.s.chrome
        if self.s.pinyin_rate:
            text = "".join(c + (f"({P.PINYIN[c]})" if c in P.PINYIN and rng.random() < self.s.pinyin_rate * 4 else "")
                           for c in text)
        out = esc(text)
        if not running:
            return out
        if "watermark" in ch and rng.random() < 0.2 and "，" in out:
            cut = rng.choice([i for i, c in enumerate(out) if c == "，"]) + 1
            out = out[:cut] + self.watermark() + out[cut:]
        if "junk" in ch and rng.random() < 0.25:
            out = out + self.junk() if rng.random() < 0.5 else self.junk() + out
        return out

    def _heading(self, text: str) -> str:
        t = self._prepare(text, running=False)
        mk = self.s.para_markup[2]
        indent = self.s.para_markup[1]
        return {"p>strong": f"<p><strong>{indent}{t}</strong></p>", "h3": f"<h3>{t}</h3>", "p": f"<p>{indent}{t}</p>",
                "h4": f"<h4>{t}</h4>", "h2": f"<h2>{t}</h2>", "p>b": f"<p><b>{t}</b></p>",
                "strong": f"<p><strong>{t}</strong></p>", "div.h": f'<div class="h">{indent}{t}</div>'}[mk]

    def _para(self, text: str) -> str:
        tag, indent, _ = self.s.para_markup
        t = self._prepare(text)
        if tag == "p style":
            return f'<p style="text-indent:2em">{t}</p>'
        if tag == "p span":
            return f'<p><span style="font-family:宋体;font-size:14px">{t}</span></p>'
        if tag == "section":
            return f"<section><p>{t}</p></section>"
        return f"<{tag}>{indent}{t}</{tag}>"

    def body(self, paras: list[str], heads: set[int], mode: str) -> str:
        """The document text as the site marks it up, with the chrome that sits inside it."""
        rng, ch = self.rng, self.s.chrome
        if mode == "dump":
            return self._dump(paras)
        pages = max(2, len("".join(paras)) // 700)
        breaks = set(rng.sample(range(1, len(paras)), min(pages - 1, len(paras) - 1))) if ch.get("counter") == "inline" else set()
        ad_at = rng.randrange(1, len(paras)) if ch.get("ads") == "inline" and len(paras) > 2 else -1
        out: list[str] = []
        if mode == "linebreaks":
            sep, indent = self.s.linebreak
            for i, p in enumerate(paras):
                if i in breaks:
                    out.append(self.counter(sorted(breaks).index(i) + 2, pages))
                out.append(f"<strong>{self._prepare(p)}</strong>" if i in heads else indent + self._prepare(p))
            return sep.join(out)
        for i, p in enumerate(paras):
            if i in breaks:
                out.append(f"<p>{self.counter(sorted(breaks).index(i) + 2, pages)}</p>")
            if i == ad_at:
                out.append(self.ads())
            if "junk" in ch and rng.random() < 0.12:
                out.append(f"<p>{self.junk()}</p>")
            out.append(self._heading(p) if i in heads else self._para(p))
        return "".join(out)

    def _dump(self, paras: list[str]) -> str:
        """A text dump of a file: line breaks lost, cut into numbered segments or pages."""
        text, rng = "".join(paras), self.rng
        if self.s.dump == "chunks":
            out, i, n = [], 0, 1
            while i < len(text):
                size = rng.randint(70, 180)
                prefix = self.w["chunk_prefix"].format(i=n)
                out.append(f"<p>{esc(prefix)}{self._prepare(text[i:i + size])}</p>")
                i, n = i + size, n + 1
            return "".join(out)
        size = rng.randint(500, 900)
        chunks = [text[i:i + size] for i in range(0, len(text), size)]
        head = esc(self.w["first_page"].format(n=len(chunks)))
        return "".join(f"<div class=\"pg\">{head if k == 0 else ''}{self._prepare(c)}"
                       f"<span>{self.counter(k + 1, len(chunks))}</span></div>" for k, c in enumerate(chunks))

    def compilation_body(self, page: Page) -> str:
        w = self.w
        out = []
        if self.rng.random() < 0.75:
            out.append(f"<p>{esc(w['comp_intro'].format(title=page.title, topic=page.topic, n=len(page.pieces)))}</p>")
        tag = w["comp_marker_tag"]
        mode = "paragraphs" if self.s.body_mode == "dump" else self.s.body_mode
        for i, (ptitle, paras, heads) in enumerate(page.pieces, 1):
            marker = esc(w["comp_marker"].format(t=page.topic, n=i, cn=CN_NUM[i - 1], p=ptitle))
            out.append({"h2": f"<h2>{marker}</h2>", "h3": f"<h3>{marker}</h3>", "h4": f"<h4>{marker}</h4>",
                        "strong": f"<p><strong>{marker}</strong></p>", "p": f"<p>{marker}</p>",
                        "b": f"<p><b>{marker}</b></p>"}[tag])
            inner = self.body(paras, heads, mode)
            out.append(f"<div>{inner}</div>" if mode == "linebreaks" else inner)
        return "".join(out)

    # the whole page --------------------------------------------------------------------------
    def render(self, page: Page, url: str) -> str:
        s, w, rng, ch = self.s, self.w, self.rng, self.s.chrome
        R = {k: [] for k in ("top", "before", "body_start", "body_end", "after", "side", "bottom")}
        chars = len("".join(page.paras)) or sum(len("".join(p[1])) for p in page.pieces)
        npages = max(2, chars // 700 + rng.randint(0, 3))

        def put(kind: str, html_: str) -> None:
            place = ch.get(kind)
            if place in R:
                R[place].append(html_)

        if "login" in ch:
            put("login", self.login())
        if "nav" in ch:
            put("nav", self.nav())
        if "crumb" in ch:
            put("crumb", self.crumb())
        if "ads" in ch and ch["ads"] != "inline":
            put("ads", self.ads())
        if "meta" in ch:
            meta = self.meta(page)
            put("meta", meta if ch["meta"] != "body_start" else meta.replace("<div", "<p", 1).replace("</div>", "</p>"))
        if "wordcount" in ch:
            put("wordcount", self.wordcount(chars))
        if "buttons" in ch:
            put("buttons", self.buttons())
        if "share" in ch:
            put("share", self.share())
        if "counter" in ch and ch["counter"] == "before":
            put("counter", f"<div{self.a('notice')}>{self.counter(1, npages)}</div>")
        if "counter" in ch and ch["counter"] == "thumbs":
            R["before"].append(self.thumbs(page.title, npages))
        if "declaration" in ch:
            put("declaration", self.declaration())
        if "title_repeat" in ch and page.kind != "compilation":
            R["body_start"].insert(0, f"<p>{esc(page.title)}</p>")
        if "intro" in ch and page.kind == "doc":
            R["body_start"].append(f"<p>{esc(w['intro'].format(title=page.title))}</p>")
        if "outro" in ch and page.kind == "doc":
            R["body_end"].append(f"<p>{esc(w['outro'].format(title=page.title))}</p>")
        if "keywords" in ch:
            put("keywords", self.keywords(page))
        if page.truncated or ("paywall" in ch and rng.random() < 0.5):
            R[ch.get("paywall", "after")].append(self.paywall(chars))
        if "expand" in ch:
            put("expand", self.expand())
        if "prevnext" in ch:
            put("prevnext", self.prevnext())
        if "related" in ch:
            put("related", self.related(w["related_head"][0], rng.randint(6, 12)))
        if "tags" in ch:
            put("tags", self.tags())
        if "hot" in ch:
            put("hot", self.hot())
        if "comments" in ch:
            put("comments", self.comments())
        if self.heavy:
            self._heavy(R)

        text = self.compilation_body(page) if page.kind == "compilation" else self.body(page.paras, page.heads, s.body_mode)
        if s.body_mode == "linebreaks" and page.kind != "compilation":
            text = f"<p>{text}</p>" if rng.random() < 0.5 else text
        content = f"<div{self.a('content')}>{''.join(R['body_start'])}{text}{''.join(R['body_end'])}</div>"
        heading = page.title if page.kind == "compilation" else s.title_deco.format(title=page.title)
        h1 = f"<{s.h1_tag}{self.a('title')}>{esc(heading)}</{s.h1_tag}>"
        main = h1 + "".join(R["before"]) + content + "".join(R["after"])
        side = "".join(R["side"])
        return self._skeleton(page, url, "".join(R["top"]), main, side, "".join(R["bottom"]), self.footer())

    def _head(self, page: Page, url: str) -> str:
        s = self.s
        title = f"{page.title}{s.title_sep}{s.site}"
        excerpt = esc(("".join(page.paras) or "".join("".join(p[1]) for p in page.pieces))[:rng_len(self.rng)])
        css = f'<link rel="stylesheet" href="/static/{self.rng.choice(["css", "style", "skin"])}/main.css">'
        head = (f'<meta charset="{s.charset[1]}"><title>{esc(title)}</title>'
                f'<meta name="keywords" content="{esc(page.title)},{esc(self.w["crumb_cat"])}">'
                f'<meta name="description" content="{excerpt}"><link rel="canonical" href="{url}">{css}')
        if self.heavy:
            head += self._style_block() + self._script_block(self.rng.randint(1500, 4000))
        else:
            head += f"<script>var _st={self.rng.randint(1, 999)};(function(){{var s=document.createElement('script');s.src='/js/t.js';}})();</script>"
        return head

    def _skeleton(self, page: Page, url: str, top: str, main: str, side: str, bottom: str, footer: str) -> str:
        s, a = self.s, self.a
        if s.side == "none" or not side:
            side_l = side_r = ""
            bottom = side + bottom
        else:
            side_l, side_r = (side, "") if s.side == "left" else ("", side)
        if s.skeleton == "table":
            cols = "".join(f'<td valign="top" width="{wd}">{c}</td>' for c, wd in
                           ((side_l, 260), (main, 700), (side_r, 260)) if c or wd == 700)
            body = (f'<table width="100%"{a("wrap")}><tr><td colspan="3">{top}</td></tr><tr>{cols}</tr>'
                    f'<tr><td colspan="3">{bottom}{footer}</td></tr></table>')
        elif s.skeleton == "html5":
            aside = lambda c: f"<aside{a('side')}>{c}</aside>" if c else ""  # noqa: E731
            body = (f"<header>{top}</header><div{a('wrap')}>{aside(side_l)}<main><article{a('main')}>{main}</article></main>"
                    f"{aside(side_r)}</div>{bottom}<footer>{footer}</footer>")
        elif s.skeleton == "flat":
            body = top + side_l + main + side_r + bottom + footer
        elif s.skeleton == "grid":
            col = lambda c, n: f'<div class="col-md-{n}">{c}</div>' if c else ""  # noqa: E731
            body = (f'<div class="container">{top}<div class="row">{col(side_l, 3)}{col(main, 9 if side else 12)}'
                    f'{col(side_r, 3)}</div>{bottom}{footer}</div>')
        elif s.skeleton == "nested":
            depth = 3 + len(s.name) % 4
            inner = main
            for k in range(depth):
                inner = f'<div class="{"l" + str(k) if s.namer.scheme != "none" else ""}">{inner}</div>'.replace(' class=""', "")
            body = f"<div{a('header')}>{top}</div><div{a('wrap')}>{side_l}{inner}{side_r}</div>{bottom}<div{a('footer')}>{footer}</div>"
        else:  # divs
            wrap = lambda c, role: f"<div{a(role)}>{c}</div>" if c else ""  # noqa: E731
            body = (f"<div{a('header')}>{top}</div><div{a('wrap')}>{wrap(side_l, 'side')}{wrap(main, 'main')}"
                    f"{wrap(side_r, 'side')}</div>{bottom}{footer}")
        tail = self._script_block(self.rng.randint(2000, 6000)) if self.heavy else ""
        return f"<!DOCTYPE html><html><head>{self._head(page, url)}</head><body>{body}{tail}</body></html>"

    # heavy pages -----------------------------------------------------------------------------
    def _heavy(self, R: dict) -> None:
        rng, half = self.rng, (lambda items: P.half(items, self.s.pool))
        groups = []
        cats = half(P.NAV_ITEMS)
        n_links = rng.randint(150, 200)
        per = n_links // len(cats) + 1
        for c in cats:
            links = "".join(f"<li>{self._link(tag_word(rng))}</li>" for _ in range(per))
            groups.append(f"<li><span>{esc(c)}</span><ul>{links}</ul></li>")
        R["top"].append(f"<div{self.a('nav')}><ul>{''.join(groups)}</ul></div>")
        rel = "".join(f"<li>{self._link(related_title(rng) + self.w['related_suffix'])}<em>{rng.randint(2, 60)}页</em></li>"
                      for _ in range(rng.randint(50, 70)))
        R["side"].append(f"<div{self.a('related')}><h3>{esc(self.w['related_head'][1])}</h3><ul>{rel}</ul></div>")
        friends = " ".join(self._link(f"{''.join(rng.sample(half(P.BRAND_A), 2))}{rng.choice(half(P.SITE_SUFFIX))}",
                                      f"https://www.{''.join(rng.sample(half(P.DOMAIN_SYL), 2))}.example/")
                           for _ in range(rng.randint(30, 60)))
        R["bottom"].append(f"<div{self.a('footer')}><p>{friends}</p></div>")

    def _style_block(self) -> str:
        rng = self.rng
        names = [v.split('"')[1] for v in self.s.namer.names.values() if '"' in v] or ["c1", "c2"]
        rules = []
        for _ in range(rng.randint(60, 140)):
            sel = rng.choice([f".{rng.choice(names)}", f"#{rng.choice(names)}", rng.choice(["ul li", "a:hover", "h3", "p"])])
            rules.append(f"{sel}{{margin:{rng.randint(0, 20)}px;padding:{rng.randint(0, 12)}px;color:#{rng.randint(0, 0xffffff):06x};"
                         f"font-size:{rng.randint(12, 18)}px}}")
        return f"<style>{''.join(rules)}</style>"

    def _script_block(self, size: int) -> str:
        rng = self.rng
        parts = ["var _cfg={"]
        while sum(map(len, parts)) < size:
            key = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 8)))
            parts.append(f'"{key}":[{",".join(str(rng.randint(0, 99999)) for _ in range(rng.randint(4, 16)))}],')
        parts.append('"v":1};function _l(u){var s=document.createElement("script");s.async=true;s.src=u;'
                     'document.body.appendChild(s);}_l("/js/ad.js");')
        return f"<script>{''.join(parts)}</script>"

    def pad(self, html_: str, target: int) -> str:
        """Heavy pages: one more script block until the page reaches `target` characters."""
        missing = target - len(html_)
        if missing <= 0:
            return html_
        return html_.replace("</body>", self._script_block(missing) + "</body>", 1)


def rng_len(rng: random.Random) -> int:
    return rng.randint(60, 120)
