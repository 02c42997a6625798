"""worksum: a clean, deduplicated corpus of Chinese work-summary documents."""
__version__ = "0.1.0"


def load(*args, **kwargs):
    """Load a built corpus or release (see corpus.loader.load)."""
    from worksum.corpus.loader import load as _load

    return _load(*args, **kwargs)
