"""`worksum report`: every section, per-build and all-time figures labelled, empty bins drawn, rendered in Chromium."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from worksum.corpus.build import BuildConfig, build
from worksum.corpus.release import release
from worksum.corpus.report import build_report, settings_digest
from tests.corpus.warcs import page_html, work_text, write_warc

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ("summary", "builds", "sites", "distributions", "cleaning", "dedup", "samples")
CHARTS = ("length", "cjk_ratio", "placeholder_density", "genre_score", "genre_score_rejected", "noise_chars", "year",
          "doc_type", "script", "cluster_sizes")
BAR_BLUE, BAR_ORANGE = (0x3B, 0x7D, 0xD8), (0xD8, 0x84, 0x3B)


def _rows(dom, section: str) -> list[list[str]]:
    """The cells of every table row in a section (headers left out)."""
    return [[td.text_content().strip() for td in tr.findall("td")]
            for tr in dom.get_element_by_id(section).iter("tr") if tr.findall("td")]


def _bars(dom, chart: str) -> dict[str, int]:
    """label → value of a bar chart, read back from its SVG texts."""
    texts = [t.text_content() for t in dom.get_element_by_id(chart).iter("{*}text", "text")]
    return {label: int(value.replace(",", "")) for label, value in zip(texts[::2], texts[1::2])}


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not found:
        pytest.skip("headless Chromium is not installed (.ci/run installs it with apt-get): the report was checked "
                    "as HTML, not rendered")
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo corpus, crawled and built by `worksum demo`, and its report."""
    out = tmp_path_factory.mktemp("demo")
    proc = subprocess.run([sys.executable, "-m", "worksum.cli", "demo", "--out", str(out), "--workers", "1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    proc = subprocess.run([sys.executable, "-m", "worksum.cli", "report", str(out / "corpus")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return out


def test_the_demo_report_renders_every_section_in_headless_chromium(demo, tmp_path):
    page = demo / "corpus" / "report.html"
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and " src=" not in html and "<link" not in html  # self-contained, offline
    chromium = _chromium()
    shot = tmp_path / "report.png"
    run = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1100,5000"]
    subprocess.run([*run, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120, check=True)
    dumped = subprocess.run([*run, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120,
                            check=True).stdout
    dom = lxml.html.fromstring(dumped)  # what Chromium made of the page
    for section in SECTIONS:
        assert dom.get_element_by_id(section) is not None, section
    for chart in CHARTS:
        assert _bars(dom, chart), chart

    manifest = json.loads((demo / "corpus" / "manifest.json").read_text())
    build = manifest["builds"][-1]
    header = dict(r for r in _rows(dom, "summary") if len(r) == 2)
    assert header["settings digest"].startswith(settings_digest(manifest["settings"]))
    assert f"worksum {manifest['worksum_version']}" in header["built with"]
    assert build["started"] in header["builds"]
    assert header["documents kept"] == str(build["kept"]) and header["rejected rows"] == str(build["rejected"])

    (site, funnel), = build["by_site"].items()
    row = next(r for r in _rows(dom, "sites") if r[0] == site)
    read = sum(funnel.values())
    assert row[1:8] == [str(read), str(funnel["kept"]), f"{100 * funnel['kept'] / read:.1f}%",
                        str(funnel["duplicates"]), f"{100 * funnel['duplicates'] / read:.1f}%",
                        str(funnel["rejected"]), f"{100 * funnel['rejected'] / read:.1f}%"]
    (stats_file,) = (demo / "stats").glob("demo-*.json")
    crawl = json.loads(stats_file.read_text())
    health = next(r for r in _rows(dom, "sites") if r[0] == "demo")
    assert health[2] == str(crawl["downloader/response_count"]) and health[4] == "none"

    cleaning = {(r[0], r[1]): r[2:] for r in _rows(dom, "cleaning")}
    for step, what in build["steps"].items():
        for name, n in what.items():
            rule = name[:-6] if name.endswith("_chars") else name
            assert str(n) in cleaning[(step, rule)], (step, name)

    sizes = _bars(dom, "cluster_sizes")  # one cluster per kept document; its size counts its duplicates too
    assert sum(sizes.values()) == build["kept"]
    assert sum(int(size) * n for size, n in sizes.items()) == build["kept"] + build["duplicates"]
    largest = _rows(dom, "dedup")[0]
    assert largest[0] == "2" and largest[1]  # the demo's one near-duplicate pair, with the kept title
    headings = [h.text_content() for h in dom.get_element_by_id("samples").iter("h3")]
    assert headings == ["Kept"] + [f"Rejected: {r}" for r in sorted(build["rejected_by_reason"])]

    from PIL import Image

    colours = {colour: n for n, colour in Image.open(shot).convert("RGB").getcolors(maxcolors=1 << 24)}
    assert colours.get(BAR_BLUE, 0) > 2000 and colours.get(BAR_ORANGE, 0) > 50  # the bars were drawn, not just text


def _warc(path: Path, docs: dict[int, tuple[str, str]]) -> Path:
    return write_warc(path, [{"url": f"http://{'a' if n % 2 else 'b'}.example.test/doc/{n}.html",
                              "body": page_html(title, text)} for n, (title, text) in docs.items()])


def test_incremental_builds_are_shown_each_and_all_time_and_empty_bins_are_drawn(tmp_path):
    first = {n: (f"{2020 + n}年度工作总结", work_text(n, sentences=12 if n % 2 else 80)) for n in range(4)}
    second = {10: ("2023年工作计划", work_text(10)), 11: ("2023年述职报告", work_text(11)),
              12: ("重复的总结", first[1][1]), 13: ("太短", "只有一句。")}
    out = tmp_path / "c"
    build([str(_warc(tmp_path / "a" / "a.warc.gz", first))], out, BuildConfig(workers=1, progress=False))
    build([str(_warc(tmp_path / "b" / "b.warc.gz", second))], out,
          BuildConfig(workers=1, progress=False, incremental=True))
    manifest = json.loads((out / "manifest.json").read_text())
    one, two = manifest["builds"]
    dom = lxml.html.fromstring(build_report(out))
    rows = _rows(dom, "builds")
    assert [r[0] for r in rows] == ["#1", "#2 (last)", "all 2 build(s)"]
    assert rows[1][2:6] == [str(two[k]) for k in ("pages", "kept", "duplicates", "rejected")]
    assert rows[2][2:6] == [str(one[k] + two[k]) for k in ("pages", "kept", "duplicates", "rejected")]
    assert two["duplicates"] == 1 and two["rejected"] >= 1
    # sites over all builds: the second build's duplicate came from site b, its short page from site a
    sites = {r[0]: r for r in _rows(dom, "sites")}
    assert sites["b.example.test"][4] == "1" and "too_short" in sites["a.example.test"][8]
    # the lengths fall in bands apart: the bands between them are drawn empty
    length = _bars(dom, "length")
    assert 0 in length.values() and sum(length.values()) == one["kept"] + two["kept"]
    assert "last build: lines or pages" in dom.get_element_by_id("cleaning").text_content()

    rel = tmp_path / "rel"
    release(out, "1.0.0", rel, validation=0.0)
    dom = lxml.html.fromstring(build_report(rel))
    header = dict(r for r in _rows(dom, "summary") if len(r) == 2)
    assert header["kind"] == "release 1.0.0" and header["rejected rows"] == "not in a release"
    assert [r[0] for r in _rows(dom, "builds")] == ["all 2 build(s)"]  # a release knows the builds' totals only
    assert "a release holds kept documents only" in dom.get_element_by_id("dedup").text_content()
