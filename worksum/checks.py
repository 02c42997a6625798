"""Checks of what the operator gives a command, made before any work starts."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from .errors import ConfigError, InputError


def writable_dir(path: Path, what: str) -> Path:
    """`path` as a folder this process can write to (created if need be), or ConfigError."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise ConfigError(f"{what} {path} is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        raise ConfigError(f"{what} {path} is not writable: cannot create files there ({exc.strerror})") from None
    return path


def read_manifest(corpus: Path) -> dict:
    """The corpus's manifest.json ({} when there is none yet), or InputError naming the damaged file."""
    path = Path(corpus) / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{path} is damaged ({exc}); restore it from a backup, or build the corpus again") from None
    if not isinstance(manifest, dict):
        raise InputError(f"{path} is damaged (not a JSON object); restore it from a backup, or build the corpus again")
    return manifest
