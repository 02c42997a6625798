"""worksum: a clean, deduplicated corpus of Chinese work-summary documents."""
__version__ = "0.1.0"
