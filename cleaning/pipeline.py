"""Page → documents: the cleaning steps in the order they must run.

Stage A (`ExtractStep`) is the expensive part (decoding, parsing, reading the page's
structure) and runs once per page. Between the stages the build learns each site's template
from the pages of stage A (cleaning/template.py). Stage B (`Cleaner`) is cheap: it selects the
content with the template, repairs, drops chrome lines, splits compilations and filters.
Every step is an object that does one thing and counts what it did in the one `Stats` record.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from . import compilation, documents, filters, genre, metadata, repair, rules
from .decode import decode_html
from .extract import drop_tree, extract_lines, page_title, parse, parse_plain
from .normalize import clean_title, normalize_line, normalize_line_each, split_lines
from .record import Document, Page, SiteHints
from .script import is_traditional, to_simplified
from .stats import Stats
from .structure import analyse, page_blocks, reads_as_prose
from .template import EDGE_BLOCKS, SiteTemplate, beside_text, is_short_line, under

_HTML_TYPES = ("text/html", "application/xhtml")


@dataclass
class Extracted:
    """What stage A keeps of a page: enough to clean it again without re-parsing."""

    url: str
    site: str
    title: str = ""
    lines: list[str] = field(default_factory=list)  # the text where the page has no prose blocks (trafilatura)
    crawl_time: str = ""
    reason: str = ""  # set when the page cannot be a document at all
    blocks: list[list] = field(default_factory=list)  # [style path, text, heading, page-level chrome reason]
    container: str = ""  # style path of the page's own content container
    script: str = ""  # the profile's script hint ("zh-Hant" for a Traditional mirror)


def site_of(url: str) -> str:
    if url.startswith("file:"):
        return "local"  # a document from a folder of files
    host = urlsplit(url).hostname or ""
    for prefix in ("www.", "m.", "wap.", "mip."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host


def _unusable(page: Page, document: str = "") -> str:
    """Why a fetched response cannot hold a document, before looking inside it."""
    if page.page_kind in ("listing", "robots"):
        return f"{page.page_kind}_page"
    if page.status != 200:
        return f"http_{page.status}"
    if page.content_type and not document and not page.content_type.lower().startswith(_HTML_TYPES):
        return "not_html"
    if not page.body.strip():
        return "empty"
    return ""


class ExtractStep:
    """Stage A: decode, parse, read the page as blocks and judge them by the page's structure."""

    name = "extract"

    def __init__(self, hints: Mapping[str, SiteHints] | None = None, prefilter: bool = False,
                 structure: bool = True):
        self.hints = hints or {}
        self.prefilter = prefilter  # look at the first bytes before reading the page (Common Crawl-like input)
        if prefilter:  # imported only for such builds: it loads OpenCC's tables and compiles its patterns
            from .prefilter import skip_reason
            self.skip_reason = skip_reason
        self.structure = structure  # False: every page through trafilatura (the reference the structure path matches)

    def __call__(self, page: Page, stats: Stats) -> Extracted:
        site = site_of(page.url)
        document = documents.kind_of(page.content_type, page.body)  # a PDF or DOCX rather than a page
        ex = Extracted(url=page.url, site=site, crawl_time=page.crawl_time, reason=_unusable(page, document))
        if self.prefilter and not ex.reason and not document and (why := self.skip_reason(page)):
            stats.add("prefilter", why)
            ex.reason = f"prefilter_{why}"
        hints = self.hints.get(site, SiteHints())
        ex.script = hints.script
        if not ex.reason and document:
            ex.title, ex.lines, ex.reason = documents.read(page.body, document, page.url, stats)
        elif not ex.reason:
            self._read(page, hints, ex)
        stats.add(self.name, ex.reason or document or ("structure" if ex.blocks else "trafilatura"))
        return ex

    def _read(self, page: Page, hints: SiteHints, ex: Extracted) -> None:
        html, _ = decode_html(page.body, hints.encoding or page.content_type)
        tree = parse_plain(html) if self.structure else parse(html)
        if tree is None:
            ex.reason = "unparsable_html"
            return
        ex.title = clean_title(normalize_line(page_title(tree)))
        _prune(tree, hints.prune_xpath)
        _drop_hidden_junk(tree)
        root = tree.xpath(hints.content_xpath) if hints.content_xpath else []
        layout = analyse(page_blocks(root[0] if root else tree)) if self.structure else None
        if layout and layout.container:
            texts = normalize_line_each([b.text for b in layout.blocks])
            ex.blocks = [[b.path, text, b.heading, why] for b, text, why in zip(layout.blocks, texts, layout.chrome)]
            ex.container = layout.container
            return
        if self.structure:  # trafilatura reads lxml.html's elements: parse again, for these few pages only
            tree = parse(html)
            _prune(tree, hints.prune_xpath)
        # no prose anywhere in the markup: let the generic extractor try
        ex.lines = split_lines(normalize_line("\n".join(extract_lines(tree)))) if tree is not None else []
        if not ex.blocks and not ex.lines:
            ex.reason = "no_text"


def _prune(tree, xpaths: list[str]) -> None:
    for xpath in xpaths:  # the site profile's prune_xpath
        for node in tree.xpath(xpath):
            drop_tree(node)


# Anti-copy jammers hide short runs of junk inside the text ("<span style='display:none'>m x8 k^</span>").
# Hidden and short, such text is never the document's; a long hidden block may be the rest of the text a
# site shows on a click, so it stays.
_HIDDEN = ("//*[@hidden or contains(translate(@style, ' ', ''), 'display:none')"
           " or contains(translate(@style, ' ', ''), 'visibility:hidden')]")
HIDDEN_JUNK_CHARS = 20


def _drop_hidden_junk(tree) -> None:
    for node in tree.xpath(_HIDDEN):
        if len("".join(node.itertext()).strip()) <= HIDDEN_JUNK_CHARS:
            drop_tree(node)


@dataclass
class Draft:
    """A document being cleaned: its lines and which of them the page set as headings."""

    title: str
    lines: list[str]
    heading_texts: frozenset[str] = frozenset()
    converted: bool = False
    noise_chars: int = 0  # injected noise repaired in the text: pinyin, watermark runs, junk, inline furniture

    def headings(self) -> frozenset[int]:
        return frozenset(i for i, ln in enumerate(self.lines) if ln in self.heading_texts)


class ContentStep:
    """The content lines of a page: its site's template where there is one, else the page's own structure."""

    name = "content"

    def __init__(self, templates: Mapping[str, SiteTemplate]):
        self.templates = templates

    def __call__(self, ex: Extracted, stats: Stats) -> Draft:
        if not ex.blocks:
            return Draft(ex.title, list(ex.lines))
        template = self.templates.get(ex.site)
        container = ex.container
        if template and template.content_path and _holds_the_text(ex.blocks, template.content_path):
            container = template.content_path
            stats.add(self.name, "pages_by_template")
        below = container + "/"  # under(path, container), written out: this runs for every block of every page
        inside = [i for i, b in enumerate(ex.blocks) if b[0] == container or b[0].startswith(below)]
        edges = set(inside[:EDGE_BLOCKS] + inside[-EDGE_BLOCKS:])
        within = set(inside)
        kept = [i for i in inside if not ex.blocks[i][3]]
        beside = set(beside_text([(ex.blocks[i][0], ex.blocks[i][1]) for i in kept]))
        lines, headings = [], set()
        dropped: dict[str, int] = {}  # characters per reason, added to the stats once per page
        moved = container != ex.container
        for i, (path, text, heading, why) in enumerate(ex.blocks):
            if why == "outside_content" and moved:
                why = ""  # the template's container holds it after all
            if not why and i not in within:
                why = "outside_content"
            if not why and template:
                why = template.chrome_reason(path, text, i in edges, path in beside and is_short_line(text), ex.title)
            if why:
                dropped[why] = dropped.get(why, 0) + len(text)
                continue
            lines.append(text)
            if heading:
                headings.add(text)
        for why, chars in dropped.items():
            stats.add(self.name, f"{why}_chars", chars)
        return Draft(ex.title, lines, frozenset(headings))


TEMPLATE_PROSE_SHARE = 0.5  # of a page's prose the site's usual container must hold to be this page's container


def _holds_the_text(blocks: list[list], container: str) -> bool:
    """Does `container` hold most of the page's prose? A site can print some pages differently
    (the text straight in the box on one page, in a <p> on the others)."""
    prose = [(path, len(text)) for path, text, _, why in blocks if not why and reads_as_prose(text)]
    inside = sum(n for path, n in prose if under(path, container))
    return inside > 0 and inside >= TEMPLATE_PROSE_SHARE * sum(n for _, n in prose)


def _convert_script(title: str, text: str, hint: str) -> tuple[str, str, bool]:
    if hint != "zh-Hant" and not is_traditional(title + "\n" + text):
        return title, text, False
    title, text = to_simplified(title + "\n" + text).split("\n", 1)
    return title, text, True


class RepairStep:
    """Undo what mirrors and reposts did: pinyin, Traditional script, watermark runs, junk, page counters."""

    name = "repair"

    def __call__(self, draft: Draft, stats: Stats, script_hint: str = "") -> Draft:
        # One pass per page over the whole text, not one per line.
        text = "\n".join(draft.lines)
        title, _ = repair.remove_pinyin(draft.title)
        title, text, converted = _convert_script(title, text, script_hint)
        stats.add(self.name, "script_converted", converted)
        text, removed = repair.repair(text)
        text, inline = rules.remove_inline(text)
        removed.merge(inline)
        for rule, chars in removed.chars.items():
            stats.add(self.name, f"{rule}_chars", chars)
        lines = text.split("\n")
        heads = {lines[i] for i, ln in enumerate(draft.lines) if ln in draft.heading_texts} \
            if len(lines) == len(draft.lines) else set()
        return Draft(title, split_lines(text), frozenset(h.strip() for h in heads), converted,
                     noise_chars=sum(removed.chars.values()))


class ChromeStep:
    """Drop the lines that are site furniture, counting what each rule removed."""

    name = "chrome"

    def __call__(self, draft: Draft, stats: Stats) -> Draft:
        draft.lines, removed = rules.drop_chrome(draft.lines, draft.title)
        stats.add_all(self.name, removed.lines)
        for rule, chars in removed.chars.items():
            stats.add(self.name, f"{rule}_chars", chars)
        return draft


class FinishStep:
    """Per document: PII scrubbed, genre, keep-or-reject decision, metadata."""

    name = "filter"

    def __init__(self, cfg: filters.FilterConfig = filters.FilterConfig()):
        self.cfg = cfg

    def __call__(self, doc: Document, stats: Stats) -> Document:
        text, pii = metadata.scrub_pii(doc.text)
        doc.lines = text.split("\n") if text else []
        found = genre.classify(doc.title, text)
        doc.reason = filters.reject_reason(doc, self.cfg, found=found)
        stats.add(self.name, doc.reason or "kept")
        region, level, body = metadata.region_and_body(doc.title)
        doc.meta = {
            "genre": found.label, "genre_score": found.score,
            "doc_type": None if doc.reason else metadata.doc_type(doc.title, text),  # work documents only
            "year": metadata.year(doc.title, text),
            "region": region, "region_level": level, "issuer_kind": body,
            **metadata.quality_signals(doc.lines), **pii,
            "noise_chars": doc.meta.get("noise_chars", 0),
        }
        return doc


class Cleaner:
    """Stage B: extracted page → zero or more documents (rejected ones carry a reason)."""

    def __init__(self, templates: Mapping[str, SiteTemplate] | None = None,
                 filter_cfg: filters.FilterConfig = filters.FilterConfig()):
        self.content = ContentStep(templates or {})
        self.repair = RepairStep()
        self.chrome = ChromeStep()
        self.finish = FinishStep(filter_cfg)

    def __call__(self, ex: Extracted, stats: Stats) -> list[Document]:
        base = Document(url=ex.url, site=ex.site, title=ex.title, lines=[], crawl_time=ex.crawl_time)
        if ex.reason:
            base.reason = ex.reason
            return [base]
        draft = self.repair(self.content(ex, stats), stats, ex.script)
        draft = self.chrome(draft, stats)
        draft.lines = repair.join_chunk_markers(draft.lines)
        base.title, base.script_converted = draft.title, draft.converted
        base.source_script = "zh-Hant" if draft.converted else "zh-Hans"
        base.meta = {"noise_chars": draft.noise_chars}
        pieces = compilation.split_pieces(draft.title, draft.lines, draft.headings())
        if not pieces:
            base.lines = draft.lines
            return [self.finish(base, stats)]
        stats.add("compilation", "pages")
        stats.add("compilation", "pieces", len(pieces))
        docs = []
        for number, (piece_title, piece_lines) in enumerate(pieces, start=1):
            piece = self.chrome(Draft(piece_title, piece_lines), stats)
            doc = Document(url=ex.url, site=ex.site, title=piece_title, lines=piece.lines, crawl_time=ex.crawl_time,
                           part=number, source_script=base.source_script, script_converted=draft.converted,
                           meta=dict(base.meta))
            docs.append(self.finish(doc, stats))
        return docs


def clean_page(ex: Extracted, templates: Mapping[str, SiteTemplate] | None = None,
               stats: Stats | None = None) -> list[Document]:
    """Stage B for one page, with a fresh cleaner (tests and one-off use; builds keep one Cleaner)."""
    return Cleaner(templates)(ex, stats if stats is not None else Stats())


def extract_page(page: Page, hints: Mapping[str, SiteHints] | None = None, stats: Stats | None = None,
                 structure: bool = True) -> Extracted:
    """Stage A for one page (tests and one-off use; builds keep one ExtractStep)."""
    return ExtractStep(hints, structure=structure)(page, stats if stats is not None else Stats())
