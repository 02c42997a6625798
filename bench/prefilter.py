"""The pre-filter on Common Crawl-like input: a mixed WARC where about 1 % of the pages are relevant.

    python bench/prefilter.py [--pages 4000] [--relevant 0.01] [--chinese 0.08] [--seed 1]

Pages: relevant ones are work-document pages of generated doc sites (bench/sitegen.py, heavy:
40-80 KB); the rest are pages in other languages (English, Spanish, Russian, Japanese, Korean)
and Chinese pages of other kinds (news, shops, forums, recipes, sport; and the non-document
pages of the doc sites), all of 20-80 KB with menus and link lists, in the words of this file.
Prints, on one core:
  - the pre-filter's cost per page and what it skipped, by kind of page;
  - full extraction + cleaning per irrelevant page, and the ratio (what one skipped page saves);
  - reading the WARC alone, and `worksum build` pages/s end to end without and with --prefilter (1 worker);
  - the share of relevant pages that pass, and of the documents kept without it that are kept with it;
  - per-stage figures on the relevant pages (extraction, cleaning, MinHash) and peak memory, for docs/scale.md.
"""
from __future__ import annotations

import argparse
import io
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

import sitegen  # noqa: E402
from worksum.cleaning.pipeline import Cleaner, ExtractStep  # noqa: E402
from worksum.cleaning.prefilter import skip_reason  # noqa: E402
from worksum.cleaning.record import Page  # noqa: E402
from worksum.cleaning.stats import Stats  # noqa: E402
from worksum.corpus.build import BuildConfig, build  # noqa: E402
from worksum.corpus.minhash import MinHasher  # noqa: E402
from worksum.corpus.warc import iter_pages  # noqa: E402

WORDS = {
    "en": "the city council weather match season players market prices new shop travel guide hotel review music "
          "album festival school students garden recipe chicken rice team goal score report weekend family".split(),
    "es": "el la ciudad tiempo partido temporada jugadores mercado precios tienda viaje guía hotel música "
          "escuela estudiantes jardín receta pollo arroz equipo gol fin semana familia noticias".split(),
    "ru": "город погода матч сезон игроки рынок цены магазин путешествие гостиница музыка школа студенты "
          "сад рецепт курица рис команда гол выходные семья новости".split(),
    "ja": "今日 の 天気 は 晴れ です 東京 で 新しい 店 が 開きました 料理 の レシピ と 旅行 の 情報 を お届け します "
          "サッカー 試合 結果 音楽 祭り 学校".split(),
    "ko": "오늘 날씨 는 맑음 서울 에서 새로운 가게 가 열렸습니다 요리 레시피 여행 정보 축구 경기 결과 음악 축제 학교".split(),
}
ZH_KINDS = {
    "news": ("本市{}昨日举行 市民踊跃参加", ["记者从市交通部门获悉", "新建的地铁线路预计年底通车", "沿线居民出行将更加便利",
                                   "多个站点同步开展便民服务", "天气晴好，公园游客明显增多"]),
    "shop": ("{}新款上市 全场包邮", ["本店商品均为正品", "支持七天无理由退换", "下单即送精美礼品", "库存有限欲购从速",
                              "客服在线时间为每天九点至二十一点"]),
    "forum": ("大家觉得{}怎么样？求推荐", ["楼主第一次来这里发帖", "最近想换一台新手机", "预算大概三千元左右",
                                  "有没有用过的朋友说说感受", "谢谢各位热心回复"]),
    "recipe": ("家常{}的做法 简单易学", ["准备新鲜食材若干", "锅中放油烧至七成热", "加入葱姜蒜爆香", "大火翻炒两分钟",
                                  "出锅前撒上葱花即可"]),
    "sport": ("{}队主场两球取胜", ["比赛开始后双方攻势不断", "上半场第三十分钟主队率先破门", "下半场客队加强进攻",
                              "终场前主队再下一城", "赛后主教练对球员表现表示满意"]),
}
TOPICS = ["滨江", "春季", "蓝牙耳机", "红烧肉", "城东", "运动鞋", "番茄炒蛋", "电动车", "晨跑", "读书会"]


def _chrome(rng: random.Random, words: list[str], size: int) -> str:
    """Menus and link lists until the page is about `size` characters."""
    links = []
    while sum(map(len, links)) < size:
        text = " ".join(rng.choices(words, k=rng.randint(1, 3)))
        links.append(f'<li><a href="/c/{rng.randint(1, 99999)}.html">{text}</a></li>')
    return "<ul class='nav'>" + "".join(links) + "</ul>"


def foreign_page(rng: random.Random, lang: str) -> tuple[str, bytes]:
    words = WORDS[lang]
    title = " ".join(rng.choices(words, k=6))
    paras = "".join(f"<p>{' '.join(rng.choices(words, k=rng.randint(20, 60)))}.</p>" for _ in range(rng.randint(4, 12)))
    html = (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"{_chrome(rng, words, rng.randint(15_000, 60_000))}<h1>{title}</h1>{paras}</body></html>")
    return f"https://{lang}-site{rng.randint(1, 500)}.example/{rng.randint(1, 10**6)}.html", html.encode("utf-8")


def chinese_page(rng: random.Random, kind: str) -> tuple[str, bytes]:
    title_form, sentences = ZH_KINDS[kind]
    title = title_form.format(rng.choice(TOPICS))
    paras = "".join(f"<p>{'，'.join(rng.sample(sentences, 3))}。</p>" for _ in range(rng.randint(4, 12)))
    menu = [s[:4] for s in sentences] + [t for t in TOPICS]
    html = (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"{_chrome(rng, menu, rng.randint(15_000, 60_000))}<h1>{title}</h1>{paras}</body></html>")
    return f"https://{kind}{rng.randint(1, 300)}.example/p/{rng.randint(1, 10**6)}.html", html.encode("utf-8")


def mixed_pages(n: int, relevant_share: float, chinese_share: float, seed: int) -> list[tuple[str, dict]]:
    """(kind, page dict with url, body, charset) in a shuffled order; kind 'relevant' for work documents."""
    rng = random.Random(seed)
    n_relevant = max(1, round(n * relevant_share))
    styles = max(2, n_relevant // 10)
    _, planned = sitegen.plan_pages(seed, "dev", styles, (n_relevant * 3) // styles + 2)
    site_pages = sitegen.render_all(seed, "dev", planned, heavy=True)
    docs = [p for p in site_pages if p["gold"]["kind"] in ("doc", "compilation")][:n_relevant]
    negatives = [p for p in site_pages if p["gold"]["kind"] == "negative"]
    out = [("relevant", p) for p in docs]
    n_chinese = round(n * chinese_share)
    out += [("zh-docsite-other", p) for p in negatives[:n_chinese // 10]]
    while len(out) < n_relevant + n_chinese:
        kind = rng.choice(list(ZH_KINDS))
        url, body = chinese_page(rng, kind)
        out.append((f"zh-{kind}", {"url": url, "body": body, "charset": "utf-8"}))
    while len(out) < n:
        lang = rng.choice(list(WORDS))
        url, body = foreign_page(rng, lang)
        out.append((f"lang-{lang}", {"url": url, "body": body, "charset": "utf-8"}))
    rng.shuffle(out)
    return out


def write_warc(path: Path, pages: list[tuple[str, dict]]) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i, (_, p) in enumerate(pages):
        http = StatusAndHeaders("200 OK", [("Content-Type", f"text/html; charset={p['charset']}")], protocol="HTTP/1.1")
        when = f"2025-03-01T00:{(i // 60) % 60:02d}:{i % 60:02d}Z"
        writer.write_record(writer.create_warc_record(p["url"], "response", payload=io.BytesIO(p["body"]),
                                                      http_headers=http, warc_headers_dict={"WARC-Date": when}))
    path.write_bytes(buf.getvalue())


def as_page(p: dict) -> Page:
    return Page(url=p["url"], status=200, content_type=f"text/html; charset={p['charset']}", body=p["body"])


def timed(fn, items) -> tuple[float, list]:
    start = time.perf_counter()
    out = [fn(x) for x in items]
    return time.perf_counter() - start, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=4000)
    ap.add_argument("--relevant", type=float, default=0.01, help="share of relevant pages")
    ap.add_argument("--chinese", type=float, default=0.08, help="share of Chinese pages of other kinds")
    ap.add_argument("--full-sample", type=int, default=300, help="irrelevant pages read in full, for the ratio")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    mixed = mixed_pages(args.pages, args.relevant, args.chinese, args.seed)
    pages = [(kind, as_page(p)) for kind, p in mixed]
    mb = sum(len(p.body) for _, p in pages) / 1e6
    print(f"pages: {len(pages)} ({mb:.0f} MB of HTML), relevant {sum(k == 'relevant' for k, _ in pages)}, "
          f"Chinese other kinds {sum(k.startswith('zh-') for k, _ in pages)}, other languages "
          f"{sum(k.startswith('lang-') for k, _ in pages)}; one core")

    skip_reason(pages[0][1])  # warm (OpenCC)
    secs, reasons = timed(skip_reason, [p for _, p in pages])
    print(f"\npre-filter: {len(pages) / secs:,.0f} pages/s, {1e6 * secs / len(pages):.0f} µs/page")
    by_kind: dict[str, list[str]] = {}
    for (kind, _), why in zip(pages, reasons):
        by_kind.setdefault(kind.split("-")[0] if kind.startswith("lang") else kind, []).append(why)
    for kind, whys in sorted(by_kind.items()):
        skipped = sum(1 for w in whys if w)
        print(f"  {kind:18s} {len(whys):5d} pages, skipped {skipped / len(whys):6.1%} "
              f"({', '.join(f'{r}: {whys.count(r)}' for r in sorted(set(whys) - {''}))})")
    relevant = by_kind.get("relevant", [])
    print(f"  relevant pages passing: {sum(1 for w in relevant if not w)}/{len(relevant)}")

    extract, clean, stats = ExtractStep(), Cleaner(), Stats()
    irrelevant = [p for k, p in pages if k != "relevant"][:args.full_sample]
    full = lambda p: clean(extract(p, stats), stats)  # noqa: E731
    full(irrelevant[0])
    secs_full, _ = timed(full, irrelevant)
    secs_pre, _ = timed(skip_reason, irrelevant)
    per_full, per_pre = secs_full / len(irrelevant), secs_pre / len(irrelevant)
    print(f"\nirrelevant page, read in full (extraction + cleaning): {1e3 * per_full:.2f} ms; "
          f"pre-filtered: {1e6 * per_pre:.0f} µs; the pre-filter costs 1/{per_full / per_pre:.0f} of a full read")

    docs = [p for k, p in pages if k == "relevant"]
    for p in docs:  # warm: the first Traditional page loads jieba's table, the first PDF its reader …
        clean(extract(p, stats), stats)
    t_ex, extracted = timed(lambda p: extract(p, stats), docs)
    t_cl, cleaned = timed(lambda ex: clean(ex, stats), extracted)
    texts = [d.text for ds in cleaned for d in ds if not d.reason]
    hasher = MinHasher()
    t_mh, _ = timed(lambda batch: hasher.signatures(batch), [texts])
    print(f"\nrelevant pages, per core: extraction {len(docs) / t_ex:,.0f} pages/s, cleaning {len(docs) / t_cl:,.0f} "
          f"pages/s, MinHash {len(texts) / max(t_mh, 1e-9):,.0f} documents/s "
          f"({sum(map(len, texts)) / max(len(texts), 1):,.0f} characters each)")

    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / "in" / "mixed.warc.gz"
        warc.parent.mkdir()
        write_warc(warc, mixed)
        start = time.perf_counter()
        n_read = sum(1 for _ in iter_pages([warc]))
        secs = time.perf_counter() - start
        print(f"\nreading the WARC (gunzip, parse, newest copy of each URL: two passes): {n_read / secs:,.0f} pages/s, "
              f"{1e3 * secs / n_read:.2f} ms/page")
        runs = {}
        for name, prefilter in (("without", False), ("with", True)):
            start = time.perf_counter()
            report = build([str(warc)], Path(tmp) / name, BuildConfig(workers=1, progress=False, prefilter=prefilter))
            runs[name] = (time.perf_counter() - start, report)
            import pyarrow.parquet as pq
            runs[name] += (set(pq.read_table(Path(tmp) / name / "data", columns=["id"]).column("id").to_pylist()),)
        for name, (secs, report, _) in runs.items():
            print(f"worksum build {'--prefilter' if name == 'with' else '           '} (1 worker): "
                  f"{report.pages / secs:7,.0f} pages/s end to end, {secs:6.1f} s, kept {report.kept}")
        kept_without, kept_with = runs["without"][2], runs["with"][2]
        print(f"documents kept without the pre-filter that are kept with it: {len(kept_without & kept_with)}"
              f"/{len(kept_without)}; speed-up {runs['without'][0] / runs['with'][0]:.1f}x")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process (pages held, one worker's steps): {rss:.0f} MB")


if __name__ == "__main__":
    main()
