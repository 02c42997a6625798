"""Keep/reject decisions: each filter answers '' (keep) or a short reason."""
from __future__ import annotations

from dataclasses import dataclass

from . import genre
from .normalize import cjk_count, cjk_ratio
from .record import Document

# Other text whose kind is worth its own reason; the patterns are genre cues (cleaning/genre.py).
_NAMED_KINDS = {"job_description": "job_ad", "shop": "product_page",
                "news": "news", "dated_event": "news", "officials_act": "news"}


@dataclass(frozen=True)
class FilterConfig:
    min_cjk_chars: int = 200
    min_cjk_ratio: float = 0.3
    min_genre_score: float = 0.5  # genre.classify's score below which a text is not a work document


def genre_reason(found: genre.Genre) -> str:
    """Why a text that is not a work document is rejected: about one, or which other kind."""
    if found.label == genre.ABOUT:
        return "about_document"
    if found.label == genre.DOCUMENT:  # a document, yet below a threshold set stricter than the classifier's
        return "low_genre_score"
    strongest = next((c for c in found.cues if genre.side_of(c) == genre.OTHER), "")
    return _NAMED_KINDS.get(strongest, "other_genre")


def reject_reason(doc: Document, cfg: FilterConfig = FilterConfig(), found: genre.Genre | None = None) -> str:
    """Why `doc` is not a Chinese work document ('' when it is); `found`: its genre, if already classified."""
    text = doc.text
    cjk = cjk_count(text)
    if not text.strip():
        return "empty"
    if cjk_ratio(text, cjk) < cfg.min_cjk_ratio:
        return "not_chinese"
    found = found or genre.classify(doc.title, text)
    reason = genre_reason(found) if found.score < cfg.min_genre_score else ""
    if reason in _NAMED_KINDS.values():  # a job advert or a shop page is that even when short
        return reason
    if cjk < cfg.min_cjk_chars:
        return "too_short"
    return reason
