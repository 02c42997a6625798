"""The compiled MinHash against datasketch and against the plain statement of its rules."""
import random

import numpy as np
import pytest
from datasketch import MinHash

import worksum.corpus.minhash as mh
from worksum.corpus.minhash import MinHashConfig, MinHasher, dedup_key, shingle_hashes

HANZI = "总结工作计划年度报告推进落实目标任务完成情况存在问题下一步打算加强学习提高认识"
PUNCT = "，。；：！？、“”（）《》 \n\t\u3000.,;:!?-_()[]"


def _random_text(rnd: random.Random, length: int) -> str:
    pools = [HANZI, PUNCT, "abcXYZ0189", "éßΩжё", "😀𠀋𡃁"]  # astral characters take one code point each
    return "".join(rnd.choice(rnd.choice(pools)) for _ in range(length))


def _random_texts(seed: int) -> list[str]:
    rnd = random.Random(seed)
    lengths = [0, 1, 2, 3, 4, 5, 6, 7] + [rnd.randint(0, 3000) for _ in range(40)]
    texts = [_random_text(rnd, n) for n in lengths]
    return texts + ["，。 \n", "工作", "abc", HANZI * 3]  # only punctuation; shorter than the n-gram; repeats


def _datasketch(text: str, cfg: MinHashConfig) -> np.ndarray:
    m = MinHash(num_perm=cfg.num_perm, seed=cfg.seed, hashfunc=int)
    m.update_batch([int(h) for h in shingle_hashes(dedup_key(text), cfg.ngram)])
    return m.hashvalues


@pytest.mark.parametrize("cfg", [MinHashConfig(), MinHashConfig(num_perm=64, ngram=3, seed=7)])
def test_signatures_equal_datasketch_on_random_texts(cfg):
    texts = _random_texts(cfg.seed)
    sigs, counts = MinHasher(cfg).signatures(texts)
    for text, sig, count in zip(texts, sigs, counts):
        assert np.array_equal(sig, _datasketch(text, cfg)), text[:40]
        assert count == len(shingle_hashes(dedup_key(text), cfg.ngram))
    empty = texts.index("")
    assert counts[empty] == 0 and (sigs[empty] == np.iinfo(np.uint32).max).all()


def test_one_by_one_and_batches_across_chunks_agree(monkeypatch):
    texts = _random_texts(3)
    hasher = MinHasher()
    alone = [hasher.signature(t) for t in texts]
    monkeypatch.setattr(mh, "_CHUNK_CHARS", 2500)  # many compiled calls, some holding one long text
    assert len(list(mh._chunks(texts))) > 5
    sigs, counts = hasher.signatures(texts)
    assert all(np.array_equal(s, a) and c == n for s, c, (a, n) in zip(sigs, counts, alone))
    assert hasher.signatures([])[0].shape == (0, 128)


def test_dedup_key_is_the_punctuation_rule_on_any_code_point():
    rnd = random.Random(5)
    for _ in range(50):
        text = "".join(chr(rnd.randrange(0x110000)) for _ in range(rnd.randint(0, 400))) + _random_text(rnd, 200)
        assert dedup_key(text) == mh.DROP.sub("", text)
    assert dedup_key("第一，  工作_总结!\n") == "第一工作总结"


def test_a_long_document_and_short_ones_in_one_batch():
    rnd = random.Random(9)
    long_text = _random_text(rnd, 200_000)
    texts = ["短", long_text, "又一个短文本"]
    sigs, counts = MinHasher().signatures(texts)
    assert np.array_equal(sigs[1], _datasketch(long_text, MinHashConfig()))
    assert np.array_equal(sigs[0], _datasketch("短", MinHashConfig())) and counts[0] == 1


def test_distinct_counts_a_zero_hash_like_any_other():
    hv = np.array([0, 7, 0, 5, 7, 1 << 31], dtype=np.uint32)
    assert mh._distinct(hv, len(hv), np.empty(64, np.uint32)) == 4
    with pytest.raises(AssertionError):  # a table too small is refused, not overrun
        mh._distinct(hv, len(hv), np.empty(8, np.uint32))


def test_band_keys_in_blocks_equal_one_pass():
    sigs = np.random.default_rng(1).integers(0, 1 << 32, size=(1000, 128), dtype=np.uint32)
    sigs[500] = sigs[3]
    sigs[501, :4] = sigs[4, :4]  # the first band only
    keys = mh.band_keys(sigs, 32, 4)
    assert np.array_equal(keys, mh.band_keys(sigs, 32, 4, block=7))
    rows = np.array([999, 3, 500, 3])
    assert np.array_equal(keys[rows], mh.band_keys(sigs, 32, 4, select=rows, block=3))
    assert (keys[500] == keys[3]).all() and (keys[501] == keys[4]).tolist() == [True] + [False] * 31
