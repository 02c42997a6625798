from pathlib import Path

import pytest

from worksum.demo_site import DemoServer

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEVSET = SHARED / "devset"


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path_factory, monkeypatch):
    # jieba writes a cache file; keep it out of the repo and out of shared places
    monkeypatch.setenv("WORKSUM_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def demo_server():
    with DemoServer() as server:
        yield server


def needs_devset():
    return pytest.mark.skipif(not (DEVSET / "gold.jsonl").exists(), reason=f"labelled devset not found at {DEVSET}")
