"""worksum: a clean, deduplicated corpus of Chinese work-summary documents.

Installed, the repository's crawler/, cleaning/ and corpus/ folders are the subpackages
worksum.crawler, worksum.cleaning and worksum.corpus (pyproject.toml maps them).
"""
from pathlib import Path as _Path

__version__ = "0.1.0"

# Imported from a source checkout rather than an installed copy (the checkout is the current folder, or
# on PYTHONPATH): its sibling folders are the subpackages, as the install maps them.
_checkout = _Path(__file__).resolve().parent.parent
if not (_Path(__file__).parent / "corpus").is_dir() and (_checkout / "pyproject.toml").is_file() \
        and (_checkout / "corpus" / "__init__.py").is_file():
    __path__.append(str(_checkout))


def load(*args, **kwargs):
    """Load a built corpus or release (see worksum.corpus.loader.load)."""
    from worksum.corpus.loader import load as _load

    return _load(*args, **kwargs)


__all__ = ["load"]
