"""Checks of what the operator gives a command, made before any work starts."""
from __future__ import annotations

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


