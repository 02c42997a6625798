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

from .minhash import DROP

STARTS = 4  # the text's start and the next sentence starts: a copy may open with up to three other lines
WIDTH = 48  # characters of the squashed text per key: past a salutation into the sentence after it
HEAD = 1024  # characters of the text read: four sentence starts and their keys lie well inside
LAYOUT = f"{STARTS}x{WIDTH}/{HEAD}"  # what an index records: keys made with other settings never match
_BREAK = re.compile(r"[\n。！？!?]")  # where a sentence or a line ends (not ；: metadata lines are lists of it)


def opening_keys(text: str) -> np.ndarray:
    """STARTS 64-bit keys of `text`'s opening, 0 where there is none (too little text after a start).

    Plain string work, squashing only the parts a window reaches: numpy arrays per text cost more."""
    keys = np.zeros(STARTS, dtype=np.uint64)
    raw = _BREAK.split(text[:HEAD])  # a preview and its document have the same head: their keys stay equal
    parts: list[str] = []  # squashed text between starts, made as the windows reach it

    def part(i: int) -> str:
        while len(parts) <= i:
            parts.append(DROP.sub("", raw[len(parts)]))
        return parts[i]

    found = 0
    for k in range(len(raw)):
        if k and not part(k - 1):
            continue  # two breaks in a row (a sentence's end and a new line) start one window
        window, j = part(k), k + 1
        while len(window) < WIDTH and j < len(raw):
            window += part(j)
            j += 1
        if len(window) < WIDTH:
            break  # later starts have even less text after them
        keys[found] = _hash(window[:WIDTH])
        found += 1
        if found == STARTS:
            break
    return keys


def _hash(window: str) -> int:
    key = int.from_bytes(hashlib.blake2b(window.encode("utf-8"), digest_size=8).digest(), "little")
    return key or 1  # 0 marks "no key"
