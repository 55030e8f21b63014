"""[scale] A persistent, compact record index: the reference index as flat numpy arrays on disk.

The in-memory :class:`~crosscheck.checks.align.ReferenceIndex` keeps every word of the record as
Python objects (~270 bytes per token). :class:`CompactIndex` keeps the same data as int32/uint32
arrays (word ids, offsets, sentence/turn/document of each word) plus CSR postings (sorted trigram
keys -> offsets -> positions, and the same per word), saved as ``.npy`` files and opened with
``mmap_mode="r"``: opening costs milliseconds, worker processes share the pages through the OS
page cache instead of copying them, and the postings are identical to the dictionaries'.

Candidate voting asks for postings through mappings (:class:`_Postings`) that an article fills
in one batch (:meth:`CompactIndex.prefetch`: one ``searchsorted`` for all of an article's
trigrams), because one array lookup per passage costs more than a dictionary lookup.

The store (:class:`RecordStore`) lives in the cache folder, ``<cache>/record/``, keyed by the
tool, the aliases and each transcript's digest. Adding, changing or removing a transcript
re-tokenises only that transcript: the other documents' word arrays are sliced out of the old
index and the postings are re-sorted (numpy, about a second for 5 million words). A store whose
manifest, array shapes or invariants do not check out is rebuilt, with a one-line warning.

[size] Over 450 lines: the arrays, the index over them, the store that writes and checks them and
the per-article validity that their change log serves are one format; splitting them would spread
the format's invariants over several modules. Above :mod:`crosscheck.checks` (it builds the
record), below :mod:`crosscheck.parallel`.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from crosscheck.checks import align as _align
from crosscheck.checks.align import ReferenceIndex
from crosscheck.checks.record import Record, record_first_pass, record_mentions, record_people
from crosscheck.model import SegmentedSource
from crosscheck.text.normalize import AliasTable, tokenize

FORMAT = 2  # 2: the record facts of checks.record (main)
ID_BITS = 21  # word ids of a trigram packed into one uint64: 2,097,152 distinct words at most
CHAR_BASE = 0xF0000  # word id -> one private-use character for the word diff (as ReferenceIndex)
_ARRAYS = ("keys", "starts", "ends", "doc_of", "sent_of", "turn_of", "sent_first", "sent_last",
           "sent_speaker", "sent_release", "turn_first", "turn_last", "doc_bounds", "doc_sents",
           "gram_keys", "gram_off", "gram_post", "uni_off", "uni_post")


class IndexError_(Exception):
    """A stored index that does not check out (rebuilt by the caller)."""


# ---- building ---------------------------------------------------------------------------------

@dataclass
class DocArrays:
    """One transcript's words, with document-local sentence and turn numbers."""

    words: list[str]  # the transcript's distinct word keys (in order of first use)
    ids: np.ndarray  # per token, its word's index in ``words``
    starts: np.ndarray
    ends: np.ndarray
    sent_of: np.ndarray  # local sentence index per token
    turn_of: np.ndarray  # local turn index per token
    sent_first: np.ndarray  # local token index
    sent_last: np.ndarray
    sent_speaker: list[str | None]
    sent_release: np.ndarray


def doc_arrays(seg: SegmentedSource, aliases: AliasTable) -> DocArrays:
    """The words of one segmented transcript, exactly as ReferenceIndex.__init__ cuts them."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    sent_of: list[int] = []
    turn_of: list[int] = []
    sent_first: list[int] = []
    sent_last: list[int] = []
    speakers: list[str | None] = []
    releases: list[int] = []
    turn, last_key = -1, None
    text = seg.source.text
    for si, sent in enumerate(seg.sentences):
        if (sent.release, sent.speaker) != last_key:
            turn, last_key = turn + 1, (sent.release, sent.speaker)
        sent_first.append(len(words))
        tokens = aliases.apply(tokenize(text, sent.start, sent.end))
        n = len(tokens)
        words += [t.key for t in tokens]
        starts += [t.start for t in tokens]
        ends += [t.end for t in tokens]
        sent_of += [si] * n
        turn_of += [turn] * n
        sent_last.append(len(words) - 1)
        speakers.append(sent.speaker)
        releases.append(sent.release)
    i32 = np.int32
    local: dict[str, int] = {}
    ids = np.fromiter((local.setdefault(w, len(local)) for w in words), np.uint32, len(words))
    return DocArrays(list(local), ids, np.array(starts, i32), np.array(ends, i32), np.array(sent_of, i32),
                     np.array(turn_of, i32), np.array(sent_first, i32), np.array(sent_last, i32),
                     speakers, np.array(releases, i32))


def _trigram_keys(keys: np.ndarray) -> np.ndarray:
    k = keys.astype(np.uint64)
    return (k[:-2] << np.uint64(2 * ID_BITS)) | (k[1:-1] << np.uint64(ID_BITS)) | k[2:]


def _csr(values: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(sorted distinct values, offsets, positions grouped by value, ascending within a value)."""
    order = np.argsort(values, kind="stable")
    sv = values[order]
    uniq, first = np.unique(sv, return_index=True)
    off = np.empty(len(uniq) + 1, np.int64)
    off[:-1] = first
    off[-1] = len(sv)
    return uniq, off, positions[order].astype(np.int32)


def assemble(parts: list[dict[str, np.ndarray]], vocab: list[str], speakers: list[str | None]) -> dict[str, np.ndarray]:
    """Global arrays from per-document parts (word ids already global; sentence, turn and token
    numbers local to each document)."""
    i32 = np.int32
    tok_base = sent_base = turn_base = 0
    out: dict[str, list[np.ndarray]] = {k: [] for k in ("keys", "starts", "ends", "doc_of", "sent_of", "turn_of",
                                                       "sent_first", "sent_last", "sent_speaker", "sent_release")}
    bounds = []
    sents = []
    for di, p in enumerate(parts):
        n = len(p["keys"])
        out["keys"].append(p["keys"])
        out["starts"].append(p["starts"])
        out["ends"].append(p["ends"])
        out["doc_of"].append(np.full(n, di, i32))
        out["sent_of"].append(p["sent_of"] + sent_base)
        out["turn_of"].append(p["turn_of"] + turn_base)
        out["sent_first"].append(p["sent_first"] + tok_base)
        out["sent_last"].append(p["sent_last"] + tok_base)
        out["sent_speaker"].append(p["sent_speaker"])
        out["sent_release"].append(p["sent_release"])
        bounds.append((tok_base, tok_base + n))
        sents.append((sent_base, sent_base + len(p["sent_first"])))
        tok_base += n
        sent_base += len(p["sent_first"])
        turn_base += int(p["turn_of"].max()) + 1 if n else (1 if len(p["sent_first"]) else 0)
    a = {k: (np.concatenate(v).astype(np.uint32 if k == "keys" else i32) if v else
             np.zeros(0, np.uint32 if k == "keys" else i32)) for k, v in out.items()}
    a["doc_bounds"] = np.array(bounds, np.int64).reshape(-1, 2)
    a["doc_sents"] = np.array(sents, np.int64).reshape(-1, 2)
    turn_of = a["turn_of"]
    n_turns = int(turn_of.max()) + 1 if len(turn_of) else 0
    pos = np.arange(len(turn_of), dtype=np.int32)
    tf = np.full(n_turns, -1, i32)
    tl = np.full(n_turns, -1, i32)
    # turns are contiguous and numbered in order: first/last token of each
    if len(turn_of):
        change = np.flatnonzero(np.diff(turn_of)) + 1
        firsts = np.concatenate([[0], change])
        lasts = np.concatenate([change - 1, [len(turn_of) - 1]])
        tf[turn_of[firsts]] = firsts
        tl[turn_of[lasts]] = lasts
    a["turn_first"], a["turn_last"] = tf, tl
    keys = a["keys"]
    if len(keys) >= 3:
        grams = _trigram_keys(keys)
        gpos = pos[:-2]
        same = a["doc_of"][:-2] == a["doc_of"][2:]
        a["gram_keys"], a["gram_off"], a["gram_post"] = _csr(grams[same], gpos[same])
    else:
        a["gram_keys"], a["gram_off"], a["gram_post"] = np.zeros(0, np.uint64), np.zeros(1, np.int64), np.zeros(0, i32)
    counts = np.bincount(keys, minlength=len(vocab)) if len(keys) else np.zeros(len(vocab), np.int64)
    a["uni_off"] = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    a["uni_post"] = np.argsort(keys, kind="stable").astype(i32)
    return a


# ---- the index ----------------------------------------------------------------------------------

class _Long:
    """A posting list too long to vote (more than align.MAX_POSTINGS): its length, and its
    positions only when asked (``_verbatim`` can still need them)."""

    __slots__ = ("arr",)

    def __init__(self, arr: np.ndarray):
        self.arr = arr

    def __len__(self) -> int:
        return len(self.arr)

    def __iter__(self):
        return iter(self.arr.tolist())

    def __bool__(self) -> bool:
        return len(self.arr) > 0


class _Postings:
    """``dict.get``-like view of CSR postings, answered from the batch the current article
    prefetched, else looked up one at a time."""

    def __init__(self, lookup):
        self._lookup = lookup
        self.batch: dict = {}

    def get(self, key, default=None):
        try:
            hit = self.batch[key]
        except KeyError:
            hit = self.batch[key] = self._lookup(key)
        return default if hit is None else hit




class _KeyView(Sequence):
    """The record's word keys (``index.keys``), as strings, from the word-id array."""

    def __init__(self, ids: np.ndarray, vocab: list[str]):
        self._ids, self._vocab = ids, vocab

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, i):
        vocab = self._vocab
        if isinstance(i, slice):
            return [vocab[k] for k in self._ids[i].tolist()]
        return vocab[self._ids[i]]


class _Encoded:
    """The record as one character per word, sliced on demand (``index._encoded[a:b]``)."""

    def __init__(self, ids: np.ndarray):
        self._ids = ids

    def __getitem__(self, s: slice) -> str:
        return (self._ids[s] + np.uint32(CHAR_BASE)).astype("<u4").tobytes().decode("utf-32-le")


class _IntView:
    """Python ints out of an int array (``index.turn_first[t]``)."""

    def __init__(self, arr: np.ndarray):
        self._arr = arr

    def __getitem__(self, i):
        return int(self._arr[i])

    def __len__(self):
        return len(self._arr)


class CompactIndex(ReferenceIndex):
    """ReferenceIndex over flat (memory-mapped) arrays: same candidates, same alignments."""

    def __init__(self, arrays: dict[str, np.ndarray], vocab: list[str], speakers: list[str | None],
                 references: list[SegmentedSource], aliases: AliasTable):
        self.arrays = arrays
        self.aliases = aliases
        self.docs = references
        self.vocab = vocab
        self.speakers = speakers
        self.word_id = {w: i for i, w in enumerate(vocab)}
        a = arrays
        self.keys = _KeyView(a["keys"], vocab)
        self.starts = _IntView(a["starts"])
        self.ends = _IntView(a["ends"])
        self.doc_of = _IntView(a["doc_of"])
        self.sent_of = _IntView(a["sent_of"])
        self.turn_of = _IntView(a["turn_of"])
        self.sent_first = _IntView(a["sent_first"])
        self.sent_last = _IntView(a["sent_last"])
        self.turn_first = _IntView(a["turn_first"])
        self.turn_last = _IntView(a["turn_last"])
        self.doc_bounds = [tuple(map(int, b)) for b in a["doc_bounds"]]
        self.trigrams = _Postings(self._gram_lookup)
        self.unigrams = _Postings(self._uni_lookup)
        # one character per word id (CHAR_BASE + id); a passage's new words come after the vocabulary
        # the record as one character per word id, sliced per diff; beyond planes 15-16 each diff
        # encodes its own words (ReferenceIndex does the same)
        self._encoded = _Encoded(a["keys"]) if len(vocab) <= 120_000 else None

    @property
    def _vocab(self) -> dict:
        """word -> its character (for encoding passages), built on first use."""
        v = self.__dict__.get("_vocab_chars")
        if v is None:
            v = {w: chr(CHAR_BASE + i) for w, i in self.word_id.items()} if self._encoded is not None else {}
            self.__dict__["_vocab_chars"] = v
        return v

    @property
    def sentences(self):  # pragma: no cover - the compact index answers speaker/release from arrays
        raise AttributeError("CompactIndex keeps no sentence objects")

    # -- postings ------------------------------------------------------------------------------
    def _posting(self, arr: np.ndarray):
        if len(arr) > _align.MAX_POSTINGS:
            return _Long(arr)
        return arr.tolist()

    def _gram_lookup(self, gram):
        ids = [self.word_id.get(w) for w in gram]
        if None in ids:
            return None
        g = np.uint64((ids[0] << 2 * ID_BITS) | (ids[1] << ID_BITS) | ids[2])
        keys = self.arrays["gram_keys"]
        j = int(np.searchsorted(keys, g))
        if j == len(keys) or keys[j] != g:
            return None
        off = self.arrays["gram_off"]
        return self._posting(self.arrays["gram_post"][off[j]:off[j + 1]])

    def _uni_lookup(self, word):
        i = self.word_id.get(word)
        if i is None:
            return None
        off = self.arrays["uni_off"]
        post = self.arrays["uni_post"][off[i]:off[i + 1]]
        return self._posting(post) if len(post) else None

    def prefetch(self, tokens) -> None:
        """Look up every trigram of an article's words at once (one searchsorted), so that each
        passage's candidate voting reads dictionaries, as with the in-memory index."""
        words = [t.key for t in tokens]
        # the article's words and how often the record has each of its trigrams (0: never), for
        # its record features (article_features, Validity)
        self.last_words = words
        self.last_starts = [t.start for t in tokens]
        self.last_counts = np.zeros(max(len(words) - 2, 0), np.int64)
        self.trigrams.batch = batch = {}
        self.unigrams.batch = {}
        if len(words) < 3:
            return
        wid = self.word_id
        ids = np.array([wid.get(w, -1) for w in words], np.int64)
        ok = (ids[:-2] >= 0) & (ids[1:-1] >= 0) & (ids[2:] >= 0)
        idx = np.flatnonzero(ok)
        if not len(idx):
            return
        u = ids.astype(np.uint64)
        g = (u[idx] << np.uint64(2 * ID_BITS)) | (u[idx + 1] << np.uint64(ID_BITS)) | u[idx + 2]
        keys = self.arrays["gram_keys"]
        j = np.searchsorted(keys, g)
        j[j == len(keys)] = 0
        found = keys[j] == g if len(keys) else np.zeros(len(g), bool)
        off, post = self.arrays["gram_off"], self.arrays["gram_post"]
        lo = off[j]
        cnt = np.where(found, off[j + 1] - lo, 0)
        self.last_counts[idx] = cnt
        small = found & (cnt <= _align.MAX_POSTINGS)
        # one gather for every short posting list of the article, split in Python
        lens = cnt[small]
        total = int(lens.sum())
        flat = []
        if total:
            ends = np.cumsum(lens)
            gather = np.repeat(lo[small] - (ends - lens), lens) + np.arange(total)
            flat = post[gather].tolist()
        pos = 0
        for i, jj, hit, sm, n in zip(idx.tolist(), j.tolist(), found.tolist(), small.tolist(), cnt.tolist()):
            if sm:
                value = flat[pos:pos + n]
                pos += n
            elif hit:
                value = _Long(post[off[jj]:off[jj + 1]])
            else:
                value = None
            gram = (words[i], words[i + 1], words[i + 2])
            if gram not in batch:
                batch[gram] = value

    def article_features(self, spans: list[tuple[int, int]] | None = None):
        """Features of the article last prefetched: every word (the record's side says which are
        rare or names), and the trigrams that can vote for one of its passages (``spans``: its
        sentences and quotations): those found at most RARE_POSTINGS times in the record (or
        never), and, in a passage without any such trigram, those found at most MAX_POSTINGS
        times (it votes with them). Without ``spans``: every trigram."""
        from bisect import bisect_left

        words = self.last_words
        crcs = _word_crcs(words)
        grams = _gram_hashes(crcs)
        if spans is not None and len(grams):
            cnt = self.last_counts
            keep = cnt <= _align.RARE_POSTINGS
            starts = self.last_starts
            for a, b in spans:
                i, j = bisect_left(starts, a), bisect_left(starts, b)
                if j - i >= 3 and not keep[i:j - 2].any():
                    keep[i:j - 2] = cnt[i:j - 2] <= _align.MAX_POSTINGS
            grams = grams[keep]
        return _features(crcs, grams)

    # -- results -----------------------------------------------------------------------------
    def speaker_of(self, m):
        counts: dict[str | None, int] = {}
        sent_of, spk = self.arrays["sent_of"], self.arrays["sent_speaker"]
        for op, _, _, r0, r1 in m.ops:
            if op == 0:
                for s in spk[sent_of[r0:r1]].tolist():
                    name = self.speakers[s]
                    counts[name] = counts.get(name, 0) + 1
        return max(counts, key=counts.get) if counts else None

    def sentence_speaker(self, si: int) -> str | None:
        return self.speakers[int(self.arrays["sent_speaker"][si])]

    def release_of(self, m) -> int:
        return int(self.arrays["sent_release"][self.arrays["sent_of"][m.ref_first]])


# ---- the store ----------------------------------------------------------------------------------

def _digest(source, aliases_key: str) -> str:
    h = hashlib.sha256(aliases_key.encode())
    h.update(json.dumps(source.meta(), sort_keys=True, ensure_ascii=False).encode())
    h.update(b"\x00")
    h.update(source.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def warn(msg: str) -> None:
    print(f"crosscheck: {msg}", file=sys.stderr)


class RecordStore:
    """``<folder>/`` holds manifest.json, one .npy per array, vocab.json and record.bin (the
    segmented transcripts and the facts' view of the record)."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.stats: dict[str, float | int | str] = {}

    # manifest: {"format", "tool", "aliases", "docs": [[id, digest], ...], "arrays": {name: [dtype, shape]}}
    def _manifest(self) -> dict | None:
        try:
            return json.loads((self.folder / "manifest.json").read_text())
        except (OSError, ValueError):
            return None

    def open(self, expected_docs: list[tuple[str, str]], tool: str, aliases_key: str) -> dict | None:
        """The stored arrays (memory-mapped), or None when there is no index; raises
        IndexError_ when there is one that does not check out."""
        man = self._manifest()
        if man is None:
            if (self.folder / "manifest.json").exists():
                raise IndexError_("unreadable manifest")
            return None
        if man.get("format") != FORMAT or man.get("tool") != tool or man.get("aliases") != aliases_key:
            raise IndexError_("written by another version or for other aliases")
        arrays = {}
        for name in _ARRAYS:
            dtype, shape = man["arrays"][name]
            try:
                arr = np.load(self.folder / f"{name}.npy", mmap_mode="r")
            except (OSError, ValueError) as e:
                raise IndexError_(f"{name}: {e}") from None
            if str(arr.dtype) != dtype or list(arr.shape) != shape:
                raise IndexError_(f"{name}: shape or type changed")
            # a plain ndarray over the mapped pages: np.memmap's own indexing is Python code, ~50x slower
            arrays[name] = np.asarray(arr)
        _check(arrays, len(man["docs"]))
        try:
            vocab = json.loads((self.folder / "vocab.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise IndexError_(f"vocab: {e}") from None
        if len(vocab["words"]) != man["vocab"]:
            raise IndexError_("vocab size")
        return {"manifest": man, "arrays": arrays, "vocab": vocab["words"], "speakers": vocab["speakers"]}

    def write(self, arrays: dict[str, np.ndarray], vocab: list[str], speakers: list, docs: list[tuple[str, str]],
              tool: str, aliases_key: str, record: object, epoch: int = 0, changes: list | None = None) -> None:
        tmp = self.folder.with_name(self.folder.name + f".tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        for name in _ARRAYS:
            np.save(tmp / f"{name}.npy", np.ascontiguousarray(arrays[name]))
        (tmp / "vocab.json").write_text(json.dumps({"words": vocab, "speakers": speakers}, ensure_ascii=False),
                                        encoding="utf-8")
        # the per-transcript parts are only read when the record changes: a file of their own
        *head, parts = record
        with open(tmp / "record.bin", "wb") as f:
            _SourcePickler(f).dump(tuple(head))
        with open(tmp / "parts.bin", "wb") as f:
            _SourcePickler(f).dump(parts)
        with open(tmp / "changes.bin", "wb") as f:
            pickle.dump(changes or [], f, protocol=pickle.HIGHEST_PROTOCOL)
        man = {"format": FORMAT, "tool": tool, "aliases": aliases_key, "docs": [list(d) for d in docs], "epoch": epoch,
               "vocab": len(vocab), "arrays": {n: [str(arrays[n].dtype), list(arrays[n].shape)] for n in _ARRAYS}}
        (tmp / "manifest.json").write_text(json.dumps(man))
        old = self.folder.with_name(self.folder.name + f".old{os.getpid()}")
        if self.folder.exists():
            os.replace(self.folder, old)
        os.replace(tmp, self.folder)
        shutil.rmtree(old, ignore_errors=True)

    def read_record(self, sources: dict):
        """The stored (segmented, facts' view, people slots, per-transcript parts), pointing to
        ``sources`` (id -> the corpus's Source): texts are not stored twice."""
        with open(self.folder / "record.bin", "rb") as f:
            return _SourceUnpickler(f, sources).load()

    def read_parts(self, sources: dict) -> list:
        with open(self.folder / "parts.bin", "rb") as f:
            return _SourceUnpickler(f, sources).load()

    def read_changes(self) -> list:
        try:
            with open(self.folder / "changes.bin", "rb") as f:
                return pickle.load(f)
        except Exception:
            return []


class _SourcePickler(pickle.Pickler):
    """Sources are stored by id (the corpus has their text): half the bytes, twice as fast to load."""

    def __init__(self, f):
        super().__init__(f, protocol=pickle.HIGHEST_PROTOCOL)

    def persistent_id(self, obj):
        from crosscheck.model import Source

        return ("source", obj.id) if type(obj) is Source else None


class _SourceUnpickler(pickle.Unpickler):
    def __init__(self, f, sources: dict):
        super().__init__(f)
        self._sources = sources

    def persistent_load(self, pid):
        kind, sid = pid
        src = self._sources.get(sid)
        if kind != "source" or src is None:  # a transcript no longer in the corpus: the caller updates
            from crosscheck.model import Source

            return Source(sid, "reference", "", "")
        return src


def _check(a: dict[str, np.ndarray], n_docs: int) -> None:
    """Cheap invariants (O(documents + distinct trigrams) at most on small arrays): sizes agree,
    offsets end where the postings do. Catches truncated or mixed files; not a full checksum."""
    n = len(a["keys"])
    for k in ("starts", "ends", "doc_of", "sent_of", "turn_of"):
        if len(a[k]) != n:
            raise IndexError_(f"{k}: length")
    if a["doc_sents"].shape != (n_docs, 2) or (n_docs and int(a["doc_sents"][-1, 1]) != len(a["sent_first"])):
        raise IndexError_("doc_sents")
    if a["doc_bounds"].shape != (n_docs, 2) or (n_docs and int(a["doc_bounds"][-1, 1]) != n):
        raise IndexError_("doc_bounds")
    if len(a["gram_off"]) != len(a["gram_keys"]) + 1 or int(a["gram_off"][-1]) != len(a["gram_post"]):
        raise IndexError_("trigram offsets")
    if int(a["uni_off"][-1]) != n or len(a["uni_post"]) != n:
        raise IndexError_("word offsets")
    if len(a["sent_first"]) != len(a["sent_last"]) or len(a["turn_first"]) != len(a["turn_last"]):
        raise IndexError_("sentences/turns")


def _split(arrays: dict[str, np.ndarray], di: int) -> dict[str, np.ndarray]:
    """Document ``di``'s part of the global arrays, with local sentence/turn/token numbers."""
    a0, a1 = (int(x) for x in arrays["doc_bounds"][di])
    sent_of = np.asarray(arrays["sent_of"][a0:a1])
    s0, s1 = (int(x) for x in arrays["doc_sents"][di])
    sf = np.asarray(arrays["sent_first"])
    turn_of = np.asarray(arrays["turn_of"][a0:a1])
    t0 = int(turn_of[0]) if len(turn_of) else 0
    return {
        "keys": np.asarray(arrays["keys"][a0:a1]), "starts": np.asarray(arrays["starts"][a0:a1]),
        "ends": np.asarray(arrays["ends"][a0:a1]), "sent_of": sent_of - s0, "turn_of": turn_of - t0,
        "sent_first": sf[s0:s1] - a0, "sent_last": np.asarray(arrays["sent_last"][s0:s1]) - a0,
        "sent_speaker": np.asarray(arrays["sent_speaker"][s0:s1]),
        "sent_release": np.asarray(arrays["sent_release"][s0:s1]),
    }


def _part(d: DocArrays, vocab: list[str], word_id: dict[str, int], speakers: list, speaker_id: dict) -> dict:
    remap = np.empty(len(d.words), np.uint32)
    for k, w in enumerate(d.words):
        i = word_id.get(w)
        if i is None:
            i = word_id[w] = len(vocab)
            vocab.append(w)
        remap[k] = i
    ids = remap[d.ids] if len(d.ids) else np.zeros(0, np.uint32)
    sp = []
    for s in d.sent_speaker:
        key = json.dumps(s)
        i = speaker_id.get(key)
        if i is None:
            i = speaker_id[key] = len(speakers)
            speakers.append(s)
        sp.append(i)
    return {"keys": ids, "starts": d.starts, "ends": d.ends, "sent_of": d.sent_of,
            "turn_of": d.turn_of, "sent_first": d.sent_first, "sent_last": d.sent_last,
            "sent_speaker": np.array(sp, np.int32), "sent_release": d.sent_release}


# ---- per-transcript work (in worker processes), and the facts' view of the record from its parts ----
# The record's people, mentions and events are rebuilt here from per-transcript first passes
# (checks.record.record_first_pass) so that a record change redoes only the changed transcripts'
# first pass: the same functions build_record uses, in the same order.

@dataclass
class RecordFacts:
    """The facts' view of the record: its people, their mentions, its events."""

    people: object  # PersonIndex
    mentions: dict
    events: list


def _first_pass(seg: SegmentedSource):
    return record_first_pass(seg)


def _facts_context(segmented: list[SegmentedSource], firsts: list, aliases: AliasTable, jobs: int) -> RecordFacts:
    people = record_people(firsts)
    _STATE["people"] = people
    second = _map(_second_pass, segmented, jobs)
    mentions = {seg.source.id: ms for seg, ms in zip(segmented, second)}
    events = [e for f in firsts for e in f[2]]
    return RecordFacts(people, mentions, events)


def _second_pass(seg: SegmentedSource):
    return record_mentions(seg, _STATE["people"])


def _per_doc(src):
    from crosscheck.checks.segment import segment

    seg = segment(src)
    return seg, doc_arrays(seg, _STATE["aliases"]), _first_pass(seg)


_STATE: dict = {}


def _chunk_work(bounds):
    fn, items = _STATE["fn"], _STATE["items"]
    return [fn(x) for x in items[bounds[0]:bounds[1]]]


def _map(fn, items: list, jobs: int) -> list:
    """[fn(x) for x in items], on ``jobs`` forked processes when there is enough to do."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if jobs <= 1 or len(items) < 8 or "fork" not in multiprocessing.get_all_start_methods() \
            or multiprocessing.current_process().daemon:
        return [fn(x) for x in items]
    _STATE["fn"], _STATE["items"] = fn, items
    step = max(1, min(50, len(items) // (jobs * 4)))
    ranges = [(i, min(i + step, len(items))) for i in range(0, len(items), step)]
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as ex:
            return [x for part in ex.map(_chunk_work, ranges) for x in part]
    finally:
        _STATE.pop("fn", None)
        _STATE.pop("items", None)


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover
        return os.cpu_count() or 1


# ---- the run's context ------------------------------------------------------------------------------

def aliases_key(corpus) -> str:
    return json.dumps(corpus.aliases, sort_keys=True, ensure_ascii=False)


@dataclass
class IndexedRecord(Record):
    """A :class:`Record` over the compact index, with what the pipeline needs of the store: which
    cached article results the record's changes left valid, and the record's people at positions
    stable across record changes (article results point to them by position)."""

    validity: Validity | None = None
    slots: list = field(default_factory=list)

    def shared(self) -> list:
        return self.slots


def load_record(corpus, root: str | os.PathLike, tool: str, stats: dict | None = None) -> IndexedRecord:
    """The record of ``corpus``'s references, from the store under ``root`` (``<root>/record``)."""
    index, ctx, validity, shared = load_context(corpus, root, tool, stats)
    return IndexedRecord({s.source.id: s for s in index.docs}, index.aliases, index, ctx.people, ctx.mentions,
                         ctx.events, validity, shared)


def load_context(corpus, root: str | os.PathLike, tool: str, stats: dict | None = None):
    """(CompactIndex, RecordFacts, Validity, people slots) for ``corpus``'s references,
    from the store under ``root`` (``<root>/record``), updated for the transcripts added, changed
    or removed since it was written. Only new or changed transcripts are segmented and tokenised."""
    t0 = time.perf_counter()
    stats = stats if stats is not None else {}
    stats.clear()
    root = Path(root)
    akey = aliases_key(corpus)
    aliases = AliasTable(corpus.aliases)
    expected = [(s.id, _digest(s, akey)) for s in corpus.references]
    store = RecordStore(root / "record")
    opened = record = None
    try:
        opened = store.open(expected, tool, akey)
        if opened is not None:
            record = store.read_record({s.id: s for s in corpus.references})
    except Exception as e:  # IndexError_, or a record.bin that does not load
        warn(f"record index in {store.folder} is corrupt or stale ({str(e) or type(e).__name__}); rebuilding it")
        opened = record = None
    stats["open"] = time.perf_counter() - t0
    if opened is not None and [tuple(d) for d in opened["manifest"]["docs"]] == expected:
        segmented, ctx, slots = record
        for seg, src in zip(segmented, corpus.references):
            seg.source = src  # the corpus's own Source objects, not the stored copies
        stats["mode"] = "opened"
        validity = Validity(root, opened["manifest"]["epoch"], store.read_changes())
        index = CompactIndex(opened["arrays"], opened["vocab"], opened["speakers"], segmented, aliases)
        return index, ctx, validity, _shared(ctx, slots)
    # build or update: keep what is stored for unchanged transcripts
    old_pos: dict[str, int] = {}
    vocab: list[str] = []
    speakers: list = []
    old_segmented: list = []
    slots: list = []
    changes: list = []
    old_firsts: list = []
    if opened is not None:
        old_pos = {digest: i for i, (_, digest) in enumerate(opened["manifest"]["docs"])}
        vocab, speakers = list(opened["vocab"]), list(opened["speakers"])
        old_segmented, old_ctx, slots = record
        changes = store.read_changes()[-MAX_CHANGES:]
        try:
            old_firsts = store.read_parts({s.id: s for s in corpus.references})
        except Exception as e:
            warn(f"record index in {store.folder} is corrupt ({str(e) or type(e).__name__}); rebuilding it")
            old_pos, vocab, speakers, old_segmented, slots, changes, opened = {}, [], [], [], [], [], None
    word_id = {w: i for i, w in enumerate(vocab)}
    speaker_id = {json.dumps(s): i for i, s in enumerate(speakers)}
    jobs = _cpus()
    _STATE["aliases"] = aliases
    todo = [src for src, (_, digest) in zip(corpus.references, expected) if digest not in old_pos]
    done = iter(_map(_per_doc, todo, jobs))
    parts, segmented, firsts = [], [], []
    new_docs = []
    for di, (src, (_, digest)) in enumerate(zip(corpus.references, expected)):
        i = old_pos.get(digest)
        if i is not None:
            seg = old_segmented[i]
            seg.source = src
            parts.append(_split(opened["arrays"], i))
            firsts.append(old_firsts[i])
        else:
            seg, d, first = next(done)
            parts.append(_part(d, vocab, word_id, speakers, speaker_id))
            firsts.append(first)
            new_docs.append(di)
        segmented.append(seg)
    stats["tokenise"] = time.perf_counter() - t0
    if len(vocab) >= 1 << ID_BITS:  # pragma: no cover - 2 million distinct words
        raise RuntimeError("record vocabulary too large for the compact index")
    arrays = assemble(parts, vocab, speakers)
    t1 = time.perf_counter()
    ctx = _facts_context(segmented, firsts, aliases, jobs)
    stats["facts"] = time.perf_counter() - t1
    people_keys = [p.canonical for p in ctx.people.people]
    known = set(slots)
    slots = slots + [k for k in people_keys if k not in known]
    epoch = time.time_ns()
    if opened is not None:
        # what changed, for the article results cached before this change (see Validity)
        kept = {d for _, d in expected}
        gone = [i for i, (_, d) in enumerate(opened["manifest"]["docs"]) if d not in kept]
        feats, days, ids = [], set(), set()
        old_df = _df_functions(opened["arrays"])
        for i in gone:
            ids.add(opened["manifest"]["docs"][i][0])
            feats.append(_doc_features(opened["arrays"], vocab, i, *old_df, []))
            days |= _days(old_segmented[i])
        names = _changed_people_words(old_ctx, ctx)
        if names:
            feats.append(_features(_word_crcs(names), np.zeros(0, np.uint32)))
        new_df = _df_functions(arrays)
        for di in new_docs:
            ids.add(segmented[di].source.id)
            feats.append(_doc_features(arrays, vocab, di, *new_df, []))
            days |= _days(segmented[di])
        changes.append({"prev": opened["manifest"]["epoch"], "epoch": epoch, "ids": frozenset(ids),
                        "features": np.unique(np.concatenate(feats)) if feats else np.zeros(0, np.uint32),
                        "days": sorted(days)})
    stats["mode"] = "updated" if old_pos else "built"
    stats["tokenised"] = len(new_docs)
    try:
        store.write(arrays, vocab, speakers, expected, tool, akey, (segmented, ctx, slots, firsts), epoch, changes)
        opened = store.open(expected, tool, akey)  # memory-mapped: pages shared with the workers
        arrays = opened["arrays"]
    except (OSError, IndexError_):  # a cache that cannot be written is not an error: kept in memory
        stats["mode"] += " (not stored)"
    stats["build"] = time.perf_counter() - t0
    validity = Validity(root, epoch, changes)
    return CompactIndex(arrays, vocab, speakers, segmented, aliases), ctx, validity, _shared(ctx, slots)


def _days(seg) -> set[int]:
    out = {r.date.toordinal() for r in seg.releases if r.date}
    if seg.source.published:
        out.add(seg.source.published.toordinal())
    return out


class _Gone:
    """A person of an earlier record no longer in it (results naming them are re-checked)."""


def _shared(ctx, slots: list[str]) -> list:
    """The record's people at stable positions across record changes (article results point to
    them by position): a person keeps the slot of their canonical name."""
    by_name = {p.canonical: p for p in ctx.people.people}
    return [by_name.get(k) or _Gone() for k in slots]


# ---- incremental invalidation of article results ------------------------------------------------
# A cached article result stays valid when the record changes unless the transcripts added,
# changed or removed could change it: they share with the article a trigram that can vote
# (found at most MAX_POSTINGS times in the record, before or after the change), a rare word
# (at most UNIGRAM_RARE times: the fallback of candidate voting) or a word of a person's name
# (the facts' view of people), they hold an event dated within DATE_WINDOW days of the article,
# or the article's result cites a transcript that changed or went away.

UNIGRAM_RARE = 50
DATE_WINDOW = 31
MAX_CHANGES = 2000  # change log kept; articles checked before its start are re-checked


def _word_crcs(words: list[str]) -> np.ndarray:
    import zlib

    return np.fromiter((zlib.crc32(w.encode("utf-8", "surrogatepass")) for w in words), np.uint64, len(words))


def _gram_hashes(crcs: np.ndarray) -> np.ndarray:
    """One 32-bit hash per word trigram, from the words' CRC-32 (vectorised)."""
    if len(crcs) < 3:
        return np.zeros(0, np.uint32)
    m = np.uint64(0xFFFFFFFF)
    h = (crcs[:-2] * np.uint64(0x9E3779B1) + crcs[1:-1] * np.uint64(0x85EBCA77) + crcs[2:] + np.uint64(1)) & m
    return (h ^ (h >> np.uint64(15))).astype(np.uint32)


def _features(word_crcs: np.ndarray, gram_hashes: np.ndarray) -> np.ndarray:
    """Words and trigrams in one sorted set: words as even numbers, trigrams as odd ones."""
    return np.unique(np.concatenate([word_crcs.astype(np.uint64) << np.uint64(1),
                                     (gram_hashes.astype(np.uint64) << np.uint64(1)) | np.uint64(1)]))


def article_features(words: list[str]) -> np.ndarray:
    """Hashes of every word and word trigram of an article (collisions only re-check more)."""
    c = _word_crcs(words)
    return _features(c, _gram_hashes(c))


def _doc_features(arrays, vocab: list[str], di: int, df_gram, df_word, names: list[str]) -> np.ndarray:
    a0, a1 = (int(x) for x in arrays["doc_bounds"][di])
    ids = np.asarray(arrays["keys"][a0:a1])
    words = [vocab[i] for i in ids.tolist()]
    crcs = _word_crcs(words)
    grams = np.zeros(0, np.uint32)
    if len(ids) >= 3:
        g = _trigram_keys(ids)
        u, inv, own = np.unique(g, return_inverse=True, return_counts=True)
        # the count with or without this document, whichever is smaller, can let the trigram vote
        keep = df_gram(g) - own[inv] <= _align.MAX_POSTINGS
        grams = _gram_hashes(crcs)[keep]
    uw, winv, wown = np.unique(ids, return_inverse=True, return_counts=True)
    rare = (df_word(ids) - wown[winv] <= UNIGRAM_RARE) & np.array(
        [len(w) >= 4 and w not in _align.STOPWORDS for w in words], bool)
    word_feats = np.concatenate([crcs[rare], _word_crcs(names)])
    return _features(word_feats, grams)


def _df_functions(arrays):
    gk, go = arrays["gram_keys"], arrays["gram_off"]
    uo = arrays["uni_off"]

    def df_gram(g: np.ndarray) -> np.ndarray:
        if not len(gk):
            return np.zeros(len(g), np.int64)
        j = np.searchsorted(gk, g)
        j[j == len(gk)] = 0
        hit = gk[j] == g
        return np.where(hit, go[j + 1] - go[j], 0)

    def df_word(ids: np.ndarray) -> np.ndarray:
        ids = ids.astype(np.int64)
        ok = ids < len(uo) - 1
        out = np.zeros(len(ids), np.int64)
        out[ok] = uo[ids[ok] + 1] - uo[ids[ok]]
        return out

    return df_gram, df_word


def _changed_people_words(old_ctx, ctx) -> list[str]:
    """Word keys of the people the record change added, removed or changed (their canonical
    name, or the order of their spellings): an article's name checks depend on nothing else of
    the record's people."""
    def signatures(c):
        return {p.canonical: tuple(sorted(p.forms, key=lambda f: (-p.forms[f], f))) for p in c.people.people}

    old, new = signatures(old_ctx), signatures(ctx)
    changed = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    words = set()
    for k in changed:
        for form in (k, *old.get(k, ()), *new.get(k, ())):
            words.update(t.key for t in tokenize(form))
    return sorted(words)


def _name_words(ctx, ref_id: str) -> list[str]:
    words = set()
    for m in ctx.mentions.get(ref_id, ()):
        for w in m.words:
            words.update(t.key for t in tokenize(w))
    return sorted(words)


class Validity:
    """Which cached article results still hold for the current record (see above)."""

    def __init__(self, root: Path, epoch: int, changes: list[dict]):
        self.root, self.epoch, self.changes = root, epoch, changes
        self.path = root / "record-articles.bin"
        self.by_prev = {c["prev"]: c for c in changes}
        try:
            with open(self.path, "rb") as f:
                self.articles: dict = pickle.load(f)
        except Exception:
            self.articles = {}
        self.stale = 0
        self._dirty = False

    def valid(self, key: str, source) -> bool:
        sig = self.articles.get(key)
        if sig is None:
            return False
        epoch, feats, cites, day = sig
        cur = epoch
        while cur != self.epoch:
            c = self.by_prev.get(cur)
            if c is None:  # checked against a record this store has no history of
                self.stale += 1
                return False
            if cites & c["ids"] or (len(c["features"]) and np.isin(feats, c["features"], assume_unique=True).any()) \
                    or (day is not None and any(abs(day - d) <= DATE_WINDOW for d in c["days"])):
                self.stale += 1
                return False
            cur = c["epoch"]
        return True

    def note(self, key: str, source, result, aliases: AliasTable) -> None:
        feats = getattr(result, "record_features", None)  # computed by the worker (CompactIndex.prefetch)
        if feats is None:
            feats = article_features([t.key for t in aliases.apply(tokenize(source.text))])
        cites = {a.reference for a in result.alignments if a.reference}
        cites |= {f.reference for f in result.findings if f.reference}
        cites |= {f.reference for f in result.facts.findings if f.reference}
        day = source.published.toordinal() if source.published else None
        self.articles[key] = (self.epoch, feats, frozenset(cites), day)
        self._dirty = True

    def save(self, used: set[str] | None = None) -> None:
        if used is not None and set(self.articles) - used:
            self.articles = {k: v for k, v in self.articles.items() if k in used}
            self._dirty = True
        if not self._dirty:
            return
        try:
            from crosscheck.storage.atomic import atomic_write

            atomic_write(self.path, pickle.dumps(self.articles, protocol=pickle.HIGHEST_PROTOCOL))
        except Exception:  # a cache that cannot be written is not an error
            pass


def results_key(corpus) -> str:
    """The result cache's context with a record index: the tool, the aliases and the voting
    thresholds, not the transcripts (Validity decides which results a record change affects)."""
    from crosscheck.storage.cache import tool_key

    h = hashlib.sha256(tool_key().encode())
    h.update(b"record-index\x00" + aliases_key(corpus).encode())
    h.update(repr((_align.MAX_POSTINGS, _align.RARE_POSTINGS, _align.RAREST_POSTINGS)).encode())
    return h.hexdigest()
