"""Exact and near-duplicate detection, within a run and against the lake.

An article repeats one already kept when it has the same canonical URL, the
same case- and space-folded text, or a MinHash-estimated Jaccard similarity of
word shingles at or above the threshold (a re-published wire story with small
edits). The first one seen wins: the lake before the run, then dumps in the
order given, then records in dump order.

What a repeat is depends on who published it. The same URL, or the same text
from the same publisher (a re-send, an update), is a duplicate and rejected.
The same text from another publisher is a syndicated copy: coverage, kept as
an article with `copy_of` naming the original (the first article of that text,
never another copy). When the repeat or what it repeats has no known publisher,
the two cannot be told apart as outlets, so the repeat is a duplicate.

Fingerprints are computed in the shard tasks (`fingerprint`, the costly part);
`DedupeIndex.admit` is the cheap, sequential decision. The index holds every
fingerprint of the lake in memory: about 0.5 KB per article (64 permutations),
so 1M articles take roughly 0.5 GB. That is the one structure that grows with
the lake rather than with a shard.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, replace

import numpy as np
import pyarrow as pa
from datasketch import LeanMinHash, MinHash, MinHashLSH

from newslake.config import DedupeConfig
from newslake.tasks.ingest.normalize import dedupe_key

SEED = 1
# Pinned so stored signatures stay comparable across datasketch upgrades.
SCHEME = "affine32"
# CRC-32 hashes a shingle in C, several times faster than datasketch's default
# SHA-1, and is stable across processes (unlike `hash`); 32 bits suit affine32.
HASH = zlib.crc32


UNKNOWN_PUBLISHER = "unknown"


@dataclass(frozen=True, slots=True)
class Fingerprint:
    article_id: str
    url_key: str | None
    text_key: str
    minhash: bytes
    publisher: str | None = None
    copy_of: str | None = None  # set by the index when it admits the article as a copy


@dataclass(frozen=True, slots=True)
class Match:
    kept: str  # a duplicate: the article it repeats; a copy: the original
    how: str  # "url", "text" or "near"
    similarity: float
    copy: Fingerprint | None = None  # another publisher's copy, kept as this fingerprint (`copy_of` = `kept`)


def text_key(text: str) -> str:
    return hashlib.sha256(dedupe_key(text).encode()).hexdigest()


def fingerprint(article_id: str, url_key: str | None, text: str, config: DedupeConfig, publisher: str | None = None) -> Fingerprint:
    words = dedupe_key(text).split()
    n = config.shingle_words
    shingles = {" ".join(words[i : i + n]).encode() for i in range(max(1, len(words) - n + 1))}
    minhash = MinHash(num_perm=config.num_perm, seed=SEED, scheme=SCHEME, hashfunc=HASH)
    minhash.update_batch(list(shingles))
    return Fingerprint(article_id, url_key, text_key(text), minhash.hashvalues.astype("<u4").tobytes(), publisher)


class DedupeIndex:
    def __init__(self, config: DedupeConfig) -> None:
        self._config = config
        self._lsh = MinHashLSH(threshold=config.threshold, num_perm=config.num_perm)
        self._signatures: dict[str, LeanMinHash] = {}
        self._by_url: dict[str, str] = {}
        self._by_text: dict[str, str] = {}
        self._publisher: dict[str, str | None] = {}
        self._original: dict[str, str] = {}  # copy -> its original
        self._carried_by: dict[str, set[str | None]] = {}  # original -> publishers of it and its copies

    def __len__(self) -> int:
        """Articles remembered: originals and copies."""
        return len(self._signatures)

    @classmethod
    def from_table(cls, config: DedupeConfig, table: pa.Table) -> DedupeIndex:
        index = cls(config)
        for row in table.to_pylist():
            index._add(Fingerprint(**row))
        return index

    def admit(self, candidate: Fingerprint) -> Match | None:
        """None (and remember it) if `candidate` is new; a `copy` match (remembered too) if it is another
        publisher's copy of a kept article; else the duplicate match (not remembered)."""
        match = self._find(candidate)
        if match is None:
            self._add(candidate)
            return None
        original = self._original.get(match.kept, match.kept)
        publishers = self._carried_by.get(original, set()) | {self._publisher.get(match.kept)}
        unknown = {None, UNKNOWN_PUBLISHER} & {candidate.publisher, self._publisher.get(original), self._publisher.get(match.kept)}
        if match.how == "url" or unknown or candidate.publisher in publishers:
            return match
        copy = replace(candidate, copy_of=original)
        if copy.article_id in self._signatures:  # no URL, same text: the id of the text is the original's
            copy = replace(copy, article_id=hashlib.sha256(f"{copy.article_id}\0{copy.publisher}".encode()).hexdigest()[:16])
        self._add(copy)
        return Match(original, match.how, match.similarity, copy)

    def _find(self, fp: Fingerprint) -> Match | None:
        if fp.url_key is not None and fp.url_key in self._by_url:
            return Match(self._by_url[fp.url_key], "url", 1.0)
        if fp.text_key in self._by_text:
            return Match(self._by_text[fp.text_key], "text", 1.0)
        minhash = self._lean(fp.minhash)
        best: Match | None = None
        for kept in self._lsh.query(minhash):
            similarity = minhash.jaccard(self._signatures[kept])
            # LSH finds candidates; the estimate decides. Ties go to the older article id order.
            if similarity >= self._config.threshold and (best is None or similarity > best.similarity):
                best = Match(kept, "near", similarity)
        return best

    def _add(self, fp: Fingerprint) -> None:
        if fp.article_id in self._signatures:
            return
        minhash = self._lean(fp.minhash)
        self._signatures[fp.article_id] = minhash
        self._lsh.insert(fp.article_id, minhash)
        self._by_text.setdefault(fp.text_key, fp.article_id)
        self._publisher[fp.article_id] = fp.publisher
        if fp.copy_of is not None:
            self._original[fp.article_id] = fp.copy_of
        self._carried_by.setdefault(fp.copy_of or fp.article_id, set()).add(fp.publisher)
        if fp.url_key is not None:
            self._by_url.setdefault(fp.url_key, fp.article_id)

    def _lean(self, signature: bytes) -> LeanMinHash:
        values = np.frombuffer(signature, dtype="<u4").astype(np.uint32)
        return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)
