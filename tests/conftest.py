import contextlib
import shutil
import socket
import subprocess
import time
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def redis_server(directory, *args: str):
    """A real redis-server on a free port of 127.0.0.1 (skips the test where none is installed); yields the port."""
    binary = shutil.which("redis-server")
    if not binary:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = _free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(directory), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def redis_url(tmp_path):
    with redis_server(tmp_path) as port:
        yield f"redis://127.0.0.1:{port}"
