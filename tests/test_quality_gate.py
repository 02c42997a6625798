"""Pinned quality floors on the labelled devset (as trafilatura pins its own in CI)."""
from tests.conftest import DEVSET, needs_devset
from worksum.evaluate import evaluate


@needs_devset()
def test_devset_quality_floors():
    res = evaluate(DEVSET, workers=2)
    overall = res["overall"]
    assert overall["f1"] >= 0.99 and overall["clean"] >= 0.90 and overall["chrome_left"] <= 0.02
    assert overall["traditional_left"] == 0.0
    for style, s in res["styles"].items():
        assert s["f1"] >= 0.98, style
        assert s["f1"] > s["baseline_f1"], style
    assert res["negatives"]["rejected"] == res["negatives"]["total"]
    assert res["compilations"]["split"] == res["compilations"]["total"]
    assert res["duplicates"]["precision"] >= 0.98 and res["duplicates"]["recall"] >= 0.95
    assert res["duplicates"]["wrong_same_style_merges"] == 0
