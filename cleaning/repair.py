"""Repairs for what mirrors, reposts and PDF text layers did to a document's text."""
from __future__ import annotations

import re

from .removals import SENTENCE_END, Removals

# Pinyin that Traditional mirrors insert after characters: 績(jì)效, 總結(jié). Only
# tone-marked syllables count, so "(APP)" or "(ppt)" stay.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLES = rf"[a-zü{_TONED}]*[{_TONED}][a-zü{_TONED}]*(?:\s+[a-zü{_TONED}]+)*"
# Each pattern starts with the character it is about and looks behind afterwards, so re
# scans for that character quickly instead of trying the lookbehind at every position.
PINYIN = re.compile(rf"[（(](?<=[\u3400-\u9fff][（(])\s*{_SYLLABLES}\s*[）)]")
_TONE_MARK = re.compile(f"[{_TONED}]")
# Pinyin after a character the page garbled: "?(jié)", "\ufffd(jié)", or a mojibake pair of one
# non-ASCII and one ASCII character ("偨Y(jié)"). The garbled characters go with the pinyin.
# Where the garbling took the "(" too, only "?" is left before the syllable: "强烈的?zé)?rèn心".
GARBLED_PINYIN = re.compile(rf"(?:(?:[?？\ufffd]+[\x21-\x7e]{{0,2}}|[?？\ufffd]*[^\x00-\x7f][\x21-\x3e\x40-\x7e]"
                            rf"|(?<=[\u4e00-\u9fff,.;:])[A-Za-z])[（(]\s*{_SYLLABLES}\s*[）)]"
                            rf"|[?？\ufffd]+{_SYLLABLES}(?:[）)]|(?=[\u4e00-\u9fff])))")

# A line of short ASCII tokens: anti-copy "jammer" text such as "6 z7 W. N) I/ C0 h w7".
ASCII_JUNK_LINE = re.compile(r"^(?:[\x21-\x7e]{1,3}\s+){3,}[\x21-\x7e]{1,3}$")
ASCII_JUNK_RUN = re.compile(r"(?:(?<=[ \t])|^)(?:[\x21-\x7e]{1,2}[ \t]){5,}", re.MULTILINE)
# Cheap scans that start at a space (rare in Chinese text) and that every match of the slower
# patterns holds: when they find nothing, the slower ones are not run.
_JUNK_RUN_HINT = re.compile(r"[ \t](?:[\x21-\x7e]{1,2}[ \t]){4}")
_JUNK_TAIL_HINT = re.compile(r"[ \t][\x21-\x7e]{1,3}[ \t]*$", re.MULTILINE)
# The same jammer text left as fragments glued to Chinese at a line's start or end:
# "* B; x2 P# {, p# } 我在…", "…甚少。6 z7 W. N) I/ C0 h w7 p d", "一、概念与特点+ O, {' U1 ?- c# U".
ASCII_JUNK_HEAD = re.compile(r"^(?P<lead>\d{1,3}、)?(?:[\x21-\x7e]{1,3}[ \t]+){2,}(?:(?:[A-Za-z][\x21-\x7e]{0,2}|[\]\[{}|\\^~`'\"#$%&*+=<>?!;:,_@/-])"
                             r"(?=[\u4e00-\u9fff（]|\d{1,2}[、.．]|\d{4}年))?(?=[\u4e00-\u9fff“（]|\d{1,2}[、.．]|\d{4}年)", re.MULTILINE)
# On a page that carries jammer text, a lone token glued before a line's text is jammer too ("x2力争…",
# "B（六）…", "j#4、…"); on other pages "5G", "B超", "U盘" at a line start are text.
# "XX县…", "xx市…" are placeholders of masked names, not jammer.
ASCII_JUNK_GLUED = re.compile(r"^(?![Xx]{2,3}[\u4e00-\u9fff])[A-Za-z][\x21-\x7e]{0,2}(?=[\u4e00-\u9fff（“]|\d{1,2}[、.．])",
                              re.MULTILINE)
_JUNK_LINE_ANYWHERE = re.compile(r"^(?:[\x21-\x7e]{1,3}[ \t]+){3,}[\x21-\x7e]{1,3}$", re.MULTILINE)
ASCII_JUNK_TAIL = re.compile(r"(?:[\x21-\x7e](?<=[\u4e00-\u9fff。，、；：！？”）][\x21-\x7e])|[ \t]+[\x21-\x7e](?<=[\u4e00-\u9fff。，、；：！？”）][ \t][\x21-\x7e]))"
                             r"[\x21-\x7e]{0,2}(?:[ \t]+[\x21-\x7e]{1,3})+[ \t]*$", re.MULTILINE)
# Tokens real text does not write: a letter glued to a digit ("z7", "C0") or an alphanumeric glued
# to a stray symbol ("N)", "p&", "]5"). Numbers, percentages, list numbers and lone "|" of pipe
# tables are not among them.
_JUNK_TOKEN = re.compile(r"^(?!\d+(?:\.\d+)?%?$|[(（]?\d{1,2}[)）.、]$)(?=.*[A-Za-z\d])(?:.*[A-Za-z].*\d|.*\d.*[A-Za-z]|.*[^A-Za-z\d]).{0}")
JUNK_TOKENS_MIN = 2

# Anti-copy characters dropped inside words: 的'言行, 详细的.操作.
STRAY_QUOTE = re.compile(r"['‘’`](?<=[\u4e00-\u9fff]['‘’`])(?=[\u4e00-\u9fff])")
STRAY_DOT = re.compile(r"[.·](?<=[的地得][.·])(?=[\u4e00-\u9fff])")
STRAY_HYPHEN = re.compile(r"-(?<=[\u4e00-\u9fff]-)(?=[\u4e00-\u9fff])")  # 未办-理: no Chinese word holds a hyphen

# Spaces a PDF text layer puts between Chinese and digits/Latin ("2019 年", "xx 市").
_CJK_OR_PUNCT = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’]")
_ALNUM = re.compile(r"[0-9A-Za-z%]")
_SPACE_RUN = re.compile(r"[ \t\u00a0]+")


def _pdf_space(m: re.Match) -> str:
    before, after = m.string[m.start() - 1:m.start()], m.string[m.end():m.end() + 1]
    if before and after and _CJK_OR_PUNCT.match(before) and (_CJK_OR_PUNCT.match(after) or _ALNUM.match(after)):
        return ""
    if before and after and _ALNUM.match(before) and _CJK_OR_PUNCT.match(after):
        return ""
    return m.group(0)


# A list of words set off by spaces ("工作汇报 思想汇报 发言稿 主题教育"): a menu or a tag row, whose spaces
# the furniture rules need; PDF spacing splits text into single characters or at digits, not into such runs.
_WORD_LIST = re.compile(r"(?:^|(?<=[\s!！。：:]))(?:[\u4e00-\u9fff]{2,8} ){3,}[\u4e00-\u9fff]{2,8}$", re.MULTILINE)
_WORD_GAP = re.compile(r" (?<=[\u4e00-\u9fff] )(?=[\u4e00-\u9fff])")  # what any word list holds: a quick test first


def join_pdf_spaces(text: str) -> str:
    """Drop the spaces a PDF text layer puts between Chinese and digits/Latin, except inside word lists."""
    out, last = [], 0
    for m in (_WORD_LIST.finditer(text) if _WORD_GAP.search(text) else ()):
        out += [_SPACE_RUN.sub(_pdf_space, text[last:m.start()]), m.group(0)]
        last = m.end()
    out.append(_SPACE_RUN.sub(_pdf_space, text[last:]))
    return "".join(out)


CHUNK_MARKER = re.compile(r"^(\d{1,3})、\s*")


def remove_pinyin(text: str) -> tuple[str, int]:
    text, garbled = GARBLED_PINYIN.subn("", text)
    text, n = PINYIN.subn("", text)
    return text, garbled + n


def common_hanzi() -> str:
    """GB2312 level 1: the 3 755 most frequent Simplified characters."""
    chars = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return "".join(chars)


def _rare_class(common: str) -> str:
    """A regex class of the CJK ideographs outside `common` (as ranges: a compact bitmap)."""
    keep = set(common)
    ranges, start = [], None
    for c in range(0x4E00, 0xA001):
        rare = c < 0xA000 and chr(c) not in keep
        if rare and start is None:
            start = c
        elif not rare and start is not None:
            ranges.append(f"{chr(start)}-{chr(c - 1)}")
            start = None
    return "[" + "".join(ranges) + "]"


_RARE = re.compile(_rare_class(common_hanzi()))
# 6 rare characters in 8 always include two side by side: a cheap test that rules out most pages.
_RARE_PAIR = re.compile(_RARE.pattern * 2)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{8,}")


# Anti-copy jammers also inject runs of ordinary characters strung together in no order, and text
# decoded with the wrong codec leaves runs like them (often with kana in). Running Chinese has one
# of its most frequent characters every few characters; these runs go 6 and more characters
# without one, again and again. Checked on Simplified text, after conversion.
_FREQUENT = (
    "的一是在不了有和人这中大为上个我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所得"
    "经十三之进着等部度家力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天四日那社义事"
    "平形相全表间样与关各重新内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系很情者最立代想已通并提直题"
    "程展五果员位入常文总次品式活设及管特件长求头基资边路级少图山接知较将组见计别她手角期根论运农指几区强放决西被干做必先回则"
    "任取据处府研"
)
_INFREQUENT = _rare_class(_FREQUENT)[:-1] + "\u3040-\u30ff]"
_FREQUENT_SET = frozenset(_FREQUENT)
NONSENSE_CORE = re.compile(rf"{_INFREQUENT}{{6,}}(?:[\u4e00-\u9fff]{{1,3}}{_INFREQUENT}{{6,}})+")
NONSENSE_MIN = 24  # shorter runs are names and places listed without separators
NONSENSE_RUN = re.compile(rf"[\u4e00-\u9fff\u3040-\u30ff]{{{NONSENSE_MIN},}}")
NONSENSE_WINDOW, NONSENSE_WINDOW_FREQUENT = 12, 2  # a window this long with at most this many frequent characters


def _drop_nonsense(m: re.Match) -> str:
    """Within a run that holds a nonsense core, drop every window of NONSENSE_WINDOW characters with at
    most NONSENSE_WINDOW_FREQUENT frequent ones, when such windows join into NONSENSE_MIN characters or more."""
    run = m.group(0)
    if not NONSENSE_CORE.search(run):
        return run
    frequent = [c in _FREQUENT_SET for c in run]
    bad = [False] * len(run)
    w = NONSENSE_WINDOW
    for i in range(len(run) - w + 1):
        if sum(frequent[i:i + w]) <= NONSENSE_WINDOW_FREQUENT:
            bad[i:i + w] = [True] * w
    out, i = [], 0
    while i < len(run):
        j = i
        while j < len(run) and bad[j] == bad[i]:
            j += 1
        lo, hi = i, j
        while bad[i] and lo < hi and frequent[lo]:  # a frequent character at an edge is the text's
            lo += 1
        while bad[i] and hi > lo and frequent[hi - 1]:
            hi -= 1
        if bad[i] and hi - lo >= NONSENSE_MIN:
            out += [run[i:lo], run[hi:j]]
        else:
            out.append(run[i:j])
        i = j
    return "".join(out)


def _drop_rare_windows(run: str) -> str:
    """Within one run of ideographs, drop every 8-char window stretch holding >= 6 rare ones."""
    rare = [bool(_RARE.match(c)) for c in run]
    keep = list(run)
    for i in range(len(run) - 7):
        if sum(rare[i:i + 8]) >= 6:
            inside = [j for j in range(i, i + 8) if rare[j]]
            for j in range(inside[0], inside[-1] + 1):  # from the first rare character to the last
                keep[j] = ""
    return "".join(keep)


def remove_watermark_runs(text: str) -> tuple[str, int]:
    """Drop runs of rare characters that sites inject as invisible watermarks."""
    if not _RARE_PAIR.search(text):  # the common case: nothing to look at
        return text, 0
    removed = 0

    def fix(m: re.Match) -> str:
        nonlocal removed
        run = m.group(0)
        if len(_RARE.findall(run)) < 6:
            return run
        out = _drop_rare_windows(run)
        removed += len(run) - len(out)
        return out

    return _CJK_RUN.sub(fix, text), removed


def is_ascii_junk(line: str) -> bool:
    return bool(ASCII_JUNK_LINE.match(line)) and not re.search(r"[a-z]{4,}", line, re.IGNORECASE)


def _has_junk_run(text: str) -> bool:
    return bool(_JUNK_RUN_HINT.search(text) and ASCII_JUNK_RUN.search(text))


def _drop_junk_runs(line: str) -> str:
    # Only inside Chinese lines: an English line may legitimately hold short tokens.
    return ASCII_JUNK_RUN.sub(" ", line) if re.search(r"[\u4e00-\u9fff]", line) else line


def _junk_edge(m: re.Match, least: int = JUNK_TOKENS_MIN) -> str:
    """Drop a run of ASCII tokens at a line's edge when enough of them look like jammer text."""
    lead = m.groupdict().get("lead") or ""  # a chunk number before the run stays
    tokens = m.group(0)[len(lead):].split()
    return lead if sum(bool(_JUNK_TOKEN.match(t)) for t in tokens) >= least else m.group(0)


def _jammer_edge(m: re.Match) -> str:
    return _junk_edge(m, 1)


def _has_jammer(text: str, removed: Removals) -> bool:
    return removed.chars["ascii_junk"] > 0 or _JUNK_LINE_ANYWHERE.search(text) is not None


# Pictographic emoji injected into text (documents use ★, ●, ✓ and circled digits, which stay).
EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u2604\u2614\u2615\u26A0\u26A1\u26BD\u26BE\u26C4\u26C5\u26D4\u26EA"
                   "\u26F2-\u26F5\u26FA\u26FD\u2705\u2708-\u270D\u2728\u274C\u274E\u2753-\u2755\u2757\u2763\u2764"
                   "\u2795-\u2797\u27A1\u27B0\u27BF\u2B05-\u2B07\u2B1B\u2B1C\u2B50\u2B55\u231A\u231B\u23E9-\u23F3"
                   "\u23F8-\u23FA\uFE0F\u20E3]+[ \t]?")


def _counted(pattern: re.Pattern, repl, text: str, name: str, removed: Removals,
             hint: re.Pattern | None = None) -> str:
    """`pattern.sub(repl, text)`, recording in `removed` what it took out under `name`; `hint`: a cheap
    scan that every match of `pattern` holds, tried first."""
    if hint and not hint.search(text) or not pattern.search(text):
        return text
    before = len(text)
    text, n = pattern.subn(repl, text)
    removed.cut(name, before - len(text), n)
    return text


def repair(text: str) -> tuple[str, Removals]:
    """All repairs on Simplified text (one line or many), with what each removed.

    Runs after script conversion: the watermark test counts characters outside common
    Simplified ones, which Traditional text would be full of.
    """
    removed = Removals()
    if _TONE_MARK.search(text):
        text = _counted(GARBLED_PINYIN, "", text, "garbled_pinyin", removed)
        text = _counted(PINYIN, "", text, "pinyin", removed)
    text, n = remove_watermark_runs(text)
    removed.cut("watermark_run", n)
    text = _counted(NONSENSE_RUN, _drop_nonsense, text, "nonsense_run", removed, NONSENSE_CORE)
    text = _counted(STRAY_QUOTE, "", text, "stray_char", removed)
    text = _counted(STRAY_DOT, "", text, "stray_char", removed)
    text = _counted(STRAY_HYPHEN, "", text, "stray_char", removed)
    text = _counted(ASCII_JUNK_HEAD, _junk_edge, text, "ascii_junk", removed)
    text = _counted(ASCII_JUNK_TAIL, _junk_edge, text, "ascii_junk", removed, _JUNK_TAIL_HINT)
    if _has_junk_run(text) and re.search(r"[\u4e00-\u9fff]", text):
        before = len(text)
        text = "\n".join(_drop_junk_runs(ln) for ln in text.split("\n"))
        removed.cut("ascii_junk", before - len(text))
    if _has_jammer(text, removed):  # the page is jammed: weaker evidence is enough
        text = _counted(ASCII_JUNK_HEAD, _jammer_edge, text, "ascii_junk", removed)
        text = _counted(ASCII_JUNK_TAIL, _jammer_edge, text, "ascii_junk", removed, _JUNK_TAIL_HINT)
        text = _counted(ASCII_JUNK_GLUED, "", text, "ascii_junk", removed)
    text = _counted(EMOJI, "", text, "emoji", removed)
    before = len(text)
    text = join_pdf_spaces(text)
    removed.cut("pdf_space", before - len(text))
    return text.strip(), removed


def repair_text(text: str) -> str:
    """Stray anti-copy characters, inline jammer runs and PDF spaces (the repairs the pipeline ran before `repair`)."""
    text = STRAY_DOT.sub("", STRAY_QUOTE.sub("", text))
    if _has_junk_run(text):
        text = "\n".join(_drop_junk_runs(ln) for ln in text.split("\n"))
    return join_pdf_spaces(text).strip()


def ends_sentence(line: str) -> bool:
    return line.rstrip()[-1:] in SENTENCE_END or line.rstrip().endswith(("：", ":"))


# Chunk numbers left inside a line when a PDF's chunks were run together: "…建立健全管理制2、度，…".
_INLINE_CHUNK = re.compile(r"(?<=[\u4e00-\u9fff])(\d{1,3})、(?=[\u4e00-\u9fff])|^(\d{1,3})、(?=\s*[\u4e00-\u9fff\d])")
CHUNK_MIN_SPACING = 80  # characters between chunk numbers: a numbered list inside a sentence is denser


def drop_inline_chunk_numbers(line: str) -> str:
    """Remove chunk numbers running 1, 2, 3 … through one line, far apart and mid-word."""
    marks = list(_INLINE_CHUNK.finditer(line))
    numbers = [int(m.group(1) or m.group(2)) for m in marks]
    if len(marks) < 2 or numbers != list(range(numbers[0], numbers[0] + len(marks))) or numbers[0] > 2:
        return line
    if any(b.start() - a.end() < CHUNK_MIN_SPACING for a, b in zip(marks, marks[1:])):
        return line
    return _INLINE_CHUNK.sub("", line)


def join_chunk_markers(lines: list[str]) -> list[str]:
    """Undo "1、… 2、… 3、…" chunk numbering that cuts sentences at fixed-size breaks.

    The numbers are chunk markers (not a list) when they run 1, 2, 3 … over the lines
    that start with them and most of the breaks fall mid-sentence, or when one of them
    (or a bare page number) follows a whole chunk of text cut mid-sentence.
    """
    lines = [drop_inline_chunk_numbers(ln) if len(ln) > 2 * CHUNK_MIN_SPACING else ln for ln in lines]
    return _join_lone_breaks(_join_marker_run(lines))


CHUNK_LINE_MIN = 150  # a line this long that stops mid-sentence is a chunk of a PDF's text layer
PAGE_CUT_MIN = 40  # before a bare page number, a shorter line cut mid-sentence is enough
BARE_NUMBER = re.compile(r"^\d{1,3}$")
# A line that starts a part of its own: an outline number or a chunk number.
_STARTS_PART = re.compile(r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,3}[、.．]|第[一二三四五六七八九十\d]+)")


def _cut_chunk(line: str, least: int = CHUNK_LINE_MIN) -> bool:
    return len(line) >= least and not ends_sentence(line)


def _join_lone_breaks(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if out and BARE_NUMBER.match(line) and i + 1 < len(lines) and _cut_chunk(out[-1], PAGE_CUT_MIN):
            out[-1] += lines[i + 1]  # "…统筹性和\n1\n战略性…": a page number between two pages
            i += 2
            continue
        if out and _cut_chunk(out[-1]):
            if m := CHUNK_MARKER.match(line):  # "…已初步\n2、完成科技…"
                out[-1] += line[m.end():]
                i += 1
                continue
            if re.match(r"[\u4e00-\u9fff]", line) and not _STARTS_PART.match(line):  # "…根据县\n委的部署…"
                out[-1] += line
                i += 1
                continue
        out.append(line)
        i += 1
    # The first chunk's number before a long text that no second item follows.
    first = CHUNK_MARKER.match(out[0]) if out else None
    if first and first.group(1) == "1" and len(out[0]) >= CHUNK_LINE_MIN \
            and not any((m := CHUNK_MARKER.match(ln)) and m.group(1) == "2" for ln in out[1:]):
        out[0] = out[0][first.end():]
    return out


def _join_marker_run(lines: list[str]) -> list[str]:
    starts = [(i, int(m.group(1))) for i, ln in enumerate(lines) if (m := CHUNK_MARKER.match(ln))]
    if len(starts) < 2:
        return lines
    numbers = [n for _, n in starts]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))) or numbers[0] > 2:
        return lines
    breaks = [i for i, _ in starts if i > 0]
    mid_sentence = sum(not ends_sentence(lines[i - 1]) for i in breaks)
    if not breaks or mid_sentence * 2 < len(breaks):
        return lines
    out: list[str] = []
    marked = {i for i, _ in starts}
    first = starts[0][0]
    for i, ln in enumerate(lines):
        if i in marked:
            ln = CHUNK_MARKER.sub("", ln, count=1)
            if i > first and out and not ends_sentence(out[-1]):
                out[-1] += ln
                continue
        out.append(ln)
    return out
