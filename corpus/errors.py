"""Errors about inputs and corpora that the operator must fix (the CLI prints them as one line, exit 2)."""
from __future__ import annotations

import json
from pathlib import Path


class CorpusError(Exception):
    """An input or a corpus folder that cannot be used as it is; the message names it and says why."""


class ManifestError(CorpusError):
    """A corpus manifest that cannot be read."""


def read_manifest(corpus: str | Path) -> dict:
    """CORPUS/manifest.json ({} when there is none yet); a damaged one is a ManifestError naming the file."""
    path = Path(corpus) / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (ValueError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path} is not a readable manifest ({exc}); restore it from a backup, or build the "
                            "corpus again with --force") from None
    if not isinstance(manifest, dict):
        raise ManifestError(f"{path} is not a readable manifest (not a JSON object); restore it from a backup, "
                            "or build the corpus again with --force")
    return manifest
