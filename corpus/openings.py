"""Opening keys: the candidates LSH bands miss, a preview and the document it shows the start of.

A preview holds only the first part of a document (often under half of it), so its Jaccard with
the full text is low and LSH banding, which finds pairs of high Jaccard, seldom brings the two
together. They share their opening, though. A document's opening keys hash the first WIDTH
characters (whitespace and punctuation dropped, as MinHash sees the text) from each of its first
STARTS sentence or line starts, so a copy that begins with up to three other lines (a byline, an
editor's note, a title) or with junk glued to its first sentence still shares a key with the
original.

A key is a candidate only: pairs that share one are verified on the signatures like LSH pairs
(containment for previews, Jaccard for copies), and a key held by more than `max_bucket`
documents is skipped like a band bucket. A salutation is far shorter than WIDTH, so documents
that open with one meet only if the sentence after it is the same too; a stock sentence longer
than WIDTH does make different documents meet, and costs a comparison, never a merge.
"""
from __future__ import annotations

import hashlib
import re

import numpy as np

from .minhash import squash

STARTS = 4  # the text's start and the next sentence starts: a copy may open with up to three other lines
WIDTH = 48  # characters of the squashed text per key: past a salutation into the sentence after it
HEAD = 1024  # characters of the text read: four sentence starts and their keys lie well inside
LAYOUT = f"{STARTS}x{WIDTH}/{HEAD}"  # what an index records: keys made with other settings never match
_BREAK = re.compile(r"[\n。！？!?]")  # where a sentence or a line ends (not ；: metadata lines are lists of it)


def opening_keys(text: str) -> np.ndarray:
    """STARTS 64-bit keys of `text`'s opening, 0 where there is none (too little text after a start)."""
    keys = np.zeros(STARTS, dtype=np.uint64)
    text = text[:HEAD]  # a preview and its document have the same head: their keys stay equal
    squashed, offsets = squash(text)
    found, last = 0, -1
    for start in _starts(text):
        at = int(offsets[start])
        if at + WIDTH > len(squashed):
            break  # later starts have even less text after them
        if at != last:  # two breaks in a row (a sentence's end and a new line) start one window
            keys[found] = _hash(squashed[at:at + WIDTH])
            found, last = found + 1, at
            if found == STARTS:
                break
    return keys


def _starts(text: str):
    yield 0
    for m in _BREAK.finditer(text):
        yield m.end()


def _hash(window: str) -> int:
    key = int.from_bytes(hashlib.blake2b(window.encode("utf-8"), digest_size=8).digest(), "little")
    return key or 1  # 0 marks "no key"
