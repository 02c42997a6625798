import json
import random

import numpy as np
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from worksum.corpus.build import BuildConfig, build
from worksum.corpus.dedup import CandidateBuffer, candidate_pairs, cluster
from worksum.corpus.minhash import MinHasher, band_keys, dedup_key, shingle_hashes
from worksum.corpus.openings import opening_keys
from worksum.corpus.warc import RotatingWarcWriter, find_warcs, iter_pages
from tests.conftest import DEVSET, needs_devset

WORDS = ["推进", "工作", "全面", "落实", "任务", "加强", "组织", "建设", "完成", "目标", "提升", "服务", "群众",
         "重点", "项目", "管理", "制度", "安全", "生产", "培训", "考核", "责任", "基层", "干部", "资金", "农村"]


def _text(seed: int, sentences: int = 40) -> str:
    rnd = random.Random(seed)
    return "".join("".join(rnd.choice(WORDS) for _ in range(rnd.randint(6, 14))) + "。" for _ in range(sentences))


def _candidates(texts: list[str]):
    hasher, buf = MinHasher(), CandidateBuffer(128)
    for i, text in enumerate(texts):
        sig, n = hasher.signature(text)
        buf.add(str(i), dedup_key(text), sig.tobytes(), n, len(text), 0.0, False, f"u{i}",
                openings=opening_keys(text).tobytes())
    return buf.freeze()


def _band_pairs(c) -> list[list[int]]:
    """The candidate pairs LSH banding alone gives."""
    return candidate_pairs(band_keys(c.sigs, 32, 4), 2000).tolist()


def test_signatures_equal_datasketch_on_the_same_shingles():
    from datasketch import MinHash

    text = _text(1)
    sig, _ = MinHasher().signature(text)
    m = MinHash(num_perm=128, seed=1, hashfunc=int)
    m.update_batch([int(h) for h in shingle_hashes(dedup_key(text), 5)])
    assert np.array_equal(m.hashvalues, sig)
    batched, sizes = MinHasher().signatures([text, "", _text(2)])
    assert np.array_equal(batched[0], sig) and sizes[1] == 0 and batched[1].min() == np.iinfo(np.uint32).max


def test_preview_edit_and_template_opening():
    full = _text(7)
    opening = _text(99, sentences=6)
    texts = [
        full[: int(len(full) * 0.7)],  # a preview: low Jaccard, but contained in the full copy
        full,
        full.replace(full.split("。")[3] + "。", "").replace("。", "；", 5),  # a sentence dropped, other punctuation
        opening + _text(10),  # two different documents sharing a template opening
        opening + _text(11),
    ]
    d = cluster(_candidates(texts))
    assert [x.keeper for x in d[:3]] == [1, 1, 1] and d[1].reason == "kept"
    assert d[0].reason == "contained" and d[2].reason == "near"
    assert d[3].reason == d[4].reason == "kept"


def _preview(text: str, share: float) -> str:
    """The first sentences of `text`, about `share` of it."""
    return text[:text.index("。", int(len(text) * share)) + 1]


def test_opening_keys_start_at_sentences_and_lines_and_need_a_full_window():
    text = _text(4)
    keys = opening_keys(text)
    assert np.count_nonzero(keys) == len(set(keys.tolist())) == len(keys)  # distinct keys, one per start
    # the same text with other spacing, or a sentence end followed by a new line: the same keys
    assert (opening_keys(text.replace("。", "。\n")) == keys).all()
    assert (opening_keys("　" + text.replace("。", "。 ")) == keys).all()
    assert opening_keys(text.replace("。", ". "))[0] == keys[0]  # other punctuation: at least the first
    glued = opening_keys("QX7k" + text)  # junk glued to the first sentence: the later starts still match
    assert glued[0] != keys[0] and set(glued.tolist()) & set(keys.tolist())
    assert not opening_keys("工作总结。" * 3).any()  # too short to fill a window
    assert not opening_keys("。\n" * 100_000).any()  # only breaks: no window, and no time spent on them
    assert not opening_keys("").any()


def test_a_preview_of_the_first_30_percent_clusters_with_its_document():
    full = _text(1)
    texts = [_preview(full, 0.3), full, _text(2)]
    c = _candidates(texts)
    assert _band_pairs(c) == []  # its Jaccard is ~0.3: LSH bands do not bring the two together
    d = cluster(c)
    assert [x.keeper for x in d] == [1, 1, 2] and d[0].reason == "contained" and d[2].reason == "kept"


def test_a_preview_meets_a_copy_that_opens_with_other_lines():
    full = _text(3)
    byline = "发布时间：2023-05-06 来源：综合办公室 浏览：128次\n"
    texts = [byline + full, "工作总结\n" + byline + _preview(full, 0.3)]  # a title and a byline before the text
    c = _candidates(texts)
    assert _band_pairs(c) == [] and len(set(c.openings[0]) & set(c.openings[1]) - {0}) > 0
    assert [x.keeper for x in cluster(c)] == [0, 0]


def test_documents_sharing_a_stock_opening_stay_apart():
    salutation = "尊敬的各位领导、各位同事：\n"
    stock = salutation + _text(99, sentences=4)  # a stock first paragraph longer than an opening key
    one, two = salutation + _text(20), salutation + _text(21)
    c = _candidates([one, two, stock + _text(22), _preview(stock + _text(23), 0.3)])
    # a salutation is too short to make two documents meet; a longer stock opening makes them meet ...
    assert not set(c.openings[0]) & set(c.openings[1]) - {0}
    assert set(c.openings[2]) & set(c.openings[3]) - {0}
    # ... and verification keeps them apart
    assert [x.reason for x in cluster(c)] == ["kept"] * 4


def _write_pages(pages, directory):
    w = RotatingWarcWriter(directory)
    for p in pages:
        w.write_exchange(p.url, [], "GET", p.status, "OK", [("Content-Type", p.content_type)], p.body,
                         {"page-kind": p.page_kind or "document"})
    w.close()
    return str(directory)


def _kept_ids(out):
    table = ds.dataset(out / "data", format="parquet").to_table(columns=["id", "duplicate_of"]).to_pylist()
    return {r["id"] for r in table if r["duplicate_of"] is None}


@needs_devset()
def test_second_build_adds_only_new_non_duplicates(tmp_path):
    pages = list(iter_pages(find_warcs([DEVSET / "pages.warc.gz"])))
    scratch = build([str(DEVSET / "pages.warc.gz")], tmp_path / "scratch",
                    BuildConfig(workers=2, progress=False, keep_duplicates=True))
    rows = ds.dataset(tmp_path / "scratch" / "data").to_table(columns=["id", "url", "duplicate_of"]).to_pylist()
    url_of = {r["id"]: r["url"] for r in rows}
    keeper_urls = {url_of[r["duplicate_of"]] for r in rows if r["duplicate_of"]}
    # First run: every page whose copy a full build keeps, plus half the others; the second run: the rest.
    dup_urls = {r["url"] for r in rows if r["duplicate_of"]}
    singles = [p for p in pages if p.url not in keeper_urls | dup_urls]
    first = [p for p in pages if p.url in keeper_urls or p in singles[::2]]
    second = [p for p in pages if p not in first]
    first_urls = {p.url for p in first}
    dups_in_second = [r for r in rows if r["duplicate_of"] and r["url"] not in first_urls]
    assert dups_in_second and all(url_of[r["duplicate_of"]] in first_urls for r in dups_in_second)

    out = tmp_path / "corpus"
    r1 = build([_write_pages(first, tmp_path / "w1")], out, BuildConfig(workers=2, progress=False))
    before = _kept_ids(out)
    r2 = build([_write_pages(second, tmp_path / "w2")], out, BuildConfig(workers=2, progress=False, incremental=True))
    after = _kept_ids(out)
    assert before < after and r2.released_before == r1.kept
    assert r2.duplicates_of_released == r2.duplicates == len(dups_in_second)
    # every duplicate of the second run names the released document it duplicates
    clusters = pq.read_table(out / "dedup" / "clusters.parquet").to_pylist()
    second_run = {c["id"]: c["cluster_id"] for c in clusters if c["build"] == r2.started and c["reason"] != "kept"}
    assert second_run == {r["id"]: r["duplicate_of"] for r in dups_in_second}
    # the same corpus as one build over everything
    assert after == _kept_ids(tmp_path / "scratch") and r1.kept + r2.kept == scratch.kept
    manifest = json.loads((out / "manifest.json").read_text())
    assert len(manifest["builds"]) == 2 and len(manifest["inputs"]) == 2
    assert manifest["rows"]["data"] == len(after) == sum(f["rows"] for f in manifest["files"]["data"])
    assert all(f["path"].endswith(f"-of-{len(manifest['files']['data']):05d}.parquet")
               for f in manifest["files"]["data"])


@needs_devset()
def test_builds_on_two_machines_share_a_redis_index(tmp_path, redis_url):
    pages = list(iter_pages(find_warcs([DEVSET / "pages.warc.gz"])))
    groups = json.loads((DEVSET / "duplicates.json").read_text())
    firsts = {urls[0] for urls in groups.values()}
    others = {u for urls in groups.values() for u in urls[1:]}
    machine_a = [p for p in pages if p.url in firsts]
    machine_b = [p for p in pages if p.url in others]
    cfg = BuildConfig(workers=1, progress=False, redis_url=redis_url)
    ra = build([_write_pages(machine_a, tmp_path / "wa")], tmp_path / "a", cfg)
    rb = build([_write_pages(machine_b, tmp_path / "wb")], tmp_path / "b", cfg)
    assert ra.kept == len(groups) and rb.released_before == len(groups)
    assert rb.kept == 0 and rb.duplicates == rb.duplicates_of_released == len(others)
    clusters = pq.read_table(tmp_path / "b" / "dedup" / "clusters.parquet").to_pylist()
    assert {c["cluster_id"] for c in clusters} <= _kept_ids(tmp_path / "a")
