"""bench/sitegen.py writes a labelled set in the devset's layout that the build can read."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from worksum.corpus.warc import find_warcs, iter_pages

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bench" / "sitegen.py"
GOLD_KEYS = {"doc_id", "title", "text", "kind", "variant", "doc_type", "url", "file", "style"}


def generate(out: Path, *extra: str, styles: int = 2, pages: int = 3, seed: int = 7) -> Path:
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out), "--styles", str(styles),
                    "--pages-per-style", str(pages), "--seed", str(seed), *extra],
                   check=True, capture_output=True, timeout=120)
    return out


def load_gold(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "gold.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("pool", ["dev", "heldout"])
def test_every_page_has_gold_and_a_readable_warc_record(tmp_path, pool):
    out = generate(tmp_path / "set", "--pool", pool)
    gold = load_gold(out)
    html_files = sorted(p.name for p in (out / "pages").glob("*.html"))
    assert len(gold) == 6 and sorted(Path(g["file"]).name for g in gold) == html_files
    for g in gold:
        assert GOLD_KEYS <= set(g), g.keys()
        assert g["url"].split("/")[2].endswith(".example")
        if g["kind"] == "doc":
            assert 300 <= len(g["text"]) <= 3200 and g["title"] and g["variant"] in ("original", "edited", "truncated")
        elif g["kind"] == "compilation":
            assert len(g["parts"]) >= 2 and g["text"] == "\n".join(g["parts"])
        else:
            assert g["kind"] == "negative" and g["text"] == ""
    by_url = {g["url"]: g for g in gold}
    records = list(iter_pages(find_warcs([out / "pages.warc.gz"])))
    assert [r.url for r in records] == [g["url"] for g in gold]
    for r in records:
        assert r.status == 200 and "charset=" in r.content_type
        assert r.body == (out / by_url[r.url]["file"]).read_bytes()
    urls = set(by_url)
    for doc_id, group in json.loads((out / "duplicates.json").read_text(encoding="utf-8")).items():
        assert len(group) > 1 and set(group) <= urls
        assert {by_url[u]["doc_id"] for u in group} == {doc_id}


def test_heavy_pages_are_big_and_carry_the_same_text(tmp_path):
    light = generate(tmp_path / "light")
    heavy = generate(tmp_path / "heavy", "--heavy")
    assert load_gold(light) == load_gold(heavy)
    sizes = [p.stat().st_size for p in (heavy / "pages").glob("*.html")]
    assert len(sizes) == 6 and min(sizes) >= 30_000


def test_same_seed_same_bytes_other_seed_other_sites(tmp_path):
    a = generate(tmp_path / "a")
    b = generate(tmp_path / "b")
    c = generate(tmp_path / "c", seed=8)
    assert (a / "pages.warc.gz").read_bytes() == (b / "pages.warc.gz").read_bytes()
    assert {g["style"] for g in load_gold(a)} != {g["style"] for g in load_gold(c)}


def test_dev_and_heldout_wordings_do_not_overlap():
    sys.path.insert(0, str(ROOT / "bench"))
    import sitegen_pools as P

    pools = [v for k, v in vars(P).items() if isinstance(v, list) and len(v) >= 2 and k not in P.SHARED]
    assert len(pools) > 40
    for items in pools:
        dev, held = P.half(items, "dev"), P.half(items, "heldout")
        assert dev and held and not {repr(x) for x in dev} & {repr(x) for x in held}, items
    for words in P.CLASS_WORDS.values():
        assert not set(P.half(words, "dev")) & set(P.half(words, "heldout"))
