"""A non-editable install into a fresh venv holds one top-level package, `worksum`, and works from any folder."""
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.corpus.warcs import page_html, work_text

ROOT = Path(__file__).resolve().parents[1]
TOP_LEVEL = ("corpus", "cleaning", "crawler")


def _source_copy(dest: Path) -> Path:
    """The tracked files of the checkout, so building the wheel leaves nothing in the repository."""
    files = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True, check=True).stdout
    for rel in files.split():
        if (ROOT / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest / rel)
    return dest


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    """A fresh venv with `pip install SOURCE` (the offline registry provides the dependencies)."""
    if not shutil.which("git") or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the tracked files cannot be listed")
    base = tmp_path_factory.mktemp("install")
    src = _source_copy(base / "src")
    wheels = base / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels),
                    str(src)], check=True, timeout=120)
    env = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True, timeout=120)
    wheel = next(wheels.glob("worksum-*.whl"))
    proc = subprocess.run([str(env / "bin" / "pip"), "install", "-q", str(wheel)], capture_output=True, text=True,
                          timeout=400)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return env, wheel


def _python(env: Path, code: str, cwd: Path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(env / "bin" / "python"), *flags, "-c", code], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_the_wheel_holds_worksum_only_with_the_site_profiles(venv):
    _, wheel = venv
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"worksum"}
    assert "worksum/crawler/sites/demo.toml" in names and "worksum/corpus/loader.py" in names
    # every module of the repository's packages is in the wheel, under its worksum.* name
    for pkg in TOP_LEVEL:
        for path in (ROOT / pkg).rglob("*.py"):
            assert f"worksum/{pkg}/{path.relative_to(ROOT / pkg).as_posix()}" in names, path


def test_only_worksum_names_are_importable_after_a_plain_install(venv, tmp_path):
    env, _ = venv
    code = ("import pkgutil, sys, importlib, worksum\n"
            "mods = [m.name for m in pkgutil.walk_packages(worksum.__path__, 'worksum.')]\n"
            "for m in mods: importlib.import_module(m)\n"
            f"print(len(mods), sorted(m for m in sys.modules if m.split('.')[0] in {TOP_LEVEL!r}))")
    proc = _python(env, code, tmp_path)
    assert proc.returncode == 0, proc.stderr
    count, leaked = proc.stdout.split(" ", 1)
    assert int(count) > 40 and leaked.strip() == "[]"
    for name in TOP_LEVEL:
        proc = _python(env, f"import {name}", tmp_path)
        assert proc.returncode == 1 and f"No module named '{name}'" in proc.stderr, proc.stderr
    version = subprocess.run([str(env / "bin" / "worksum"), "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.strip().startswith("worksum 0.")
    spiders = subprocess.run([str(env / "bin" / "scrapy"), "list"], cwd=tmp_path, capture_output=True, text=True,
                             env={"SCRAPY_SETTINGS_MODULE": "worksum.crawler.settings", "PATH": "/usr/bin:/bin"},
                             timeout=120)
    assert spiders.returncode == 0 and "demo" in spiders.stdout.split(), spiders.stderr


def test_the_installed_build_and_load_work_beside_a_folder_named_corpus(venv, tmp_path):
    env, _ = venv
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(3):
        (pages / f"{i}.html").write_bytes(page_html(f"第{i + 1}季度工作总结", work_text(100 + i)))
    out = tmp_path / "demo-out"
    proc = subprocess.run([str(env / "bin" / "worksum"), "build", str(pages), "--out", str(out / "corpus"),
                           "--workers", "1"], capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "WORKSUM_CACHE_DIR": str(tmp_path / "cache")})
    assert proc.returncode == 0, proc.stderr
    # the folder `corpus` in the current folder does not stand in for the package (the ImportError)
    code = ("import json; from worksum import load; df = load('corpus', columns=['title', 'text'])\n"
            "print(json.dumps(sorted(df['title'])))")
    proc = _python(env, code, out)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == ["第1季度工作总结", "第2季度工作总结", "第3季度工作总结"]
