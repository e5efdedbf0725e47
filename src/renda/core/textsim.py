"""Text similarity of short Chinese texts, offline: character bigrams and jieba words.

Used as hints, never as refusals: near-duplicate commitments (commitments' review assistance)
and near-duplicate motions and suggestions (this year's and earlier years'). jieba is set up
once per process, quietly, with its dictionary cached only in a directory of our own; words
are weighted by the document frequencies jieba ships (analyse/idf.txt).
"""

import logging
import math
import os
import re
import stat
import tempfile
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

import jieba

# Two texts are near-duplicates at this similarity or above (0..1).
DUPLICATE_THRESHOLD = 0.6
# Candidates whose bigram cosine is below this are not scored in full: a cheap pre-filter that
# spares jieba most of a year's 9,000 titles. A pair below it reaches DUPLICATE_THRESHOLD only
# if its word cosine is above 0.8; on commitments' labelled set no flagged pair has a bigram
# cosine under 0.48.
_PREFILTER = 0.4


# ---------------------------------------------------------------------------------------------
# jieba, set up once: quiet, and caching its dictionary only in a directory of our own
# ---------------------------------------------------------------------------------------------

_jieba_lock = threading.Lock()
_jieba_ready = False


def _private_dir(path: Path) -> bool:
    """Ours, a real directory, writable, and not writable by anyone else."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = path.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode) or st.st_mode & 0o022:
        return False
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return False
    return os.access(path, os.W_OK)


def _cache_dir() -> Path:
    # jieba's default is tempfile.gettempdir()/jieba.cache, shared by every user of the
    # machine and read back with marshal without any check: someone else's file would become
    # our dictionary. So var/cache/jieba, else a per-user directory under the temp dir.
    candidates = []
    try:
        from django.conf import settings

        candidates.append(Path(settings.VAR_DIR) / "cache" / "jieba")
    except Exception:  # settings not configured: a plain script
        pass
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    candidates.append(Path(tempfile.gettempdir()) / f"renda-jieba-{uid}")
    for path in candidates:
        if _private_dir(path):
            return path
    return Path(tempfile.mkdtemp(prefix="renda-jieba-"))


def _tokenizer() -> jieba.Tokenizer:
    global _jieba_ready
    if not _jieba_ready:
        with _jieba_lock:
            if not _jieba_ready:
                jieba.setLogLevel(logging.WARNING)
                if not jieba.dt.initialized and not (jieba.dt.tmp_dir or jieba.dt.cache_file):
                    jieba.dt.tmp_dir = str(_cache_dir())
                jieba.dt.initialize()
                _jieba_ready = True
    return jieba.dt


def warm_up() -> None:
    """Load jieba's dictionary and word weights now (a second or two, once per process)."""
    _tokenizer()
    _load_idf()


# ---------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------


def split_words(words_: str) -> tuple[str, ...]:
    # Longest first, so 本科室 is reported rather than 科室 inside it.
    return tuple(sorted(set(words_.split()), key=len, reverse=True))


_KEEP = re.compile(r"[0-9a-z\u3400-\u9fff]+")
_DIGITS = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# Words that carry no promise: filler verbs and function words.
_STOPWORDS = frozenset(
    split_words(
        "的 了 和 与 及 并 在 为 对 把 将 等 各 个 年 全年 年内 每年 今年 积极 认真 努力 主动 "
        "切实 不少 少于 于 向 不 以上 左右 次 一次 人次 场 场次 件 户 名 人"
    )
)


def normalise(text: str) -> str:
    """Full-width to half-width, lower case, punctuation and spaces out."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return "".join(_KEEP.findall(text))


@lru_cache(maxsize=65536)
def bigrams(text: str) -> frozenset[str]:
    """Character bigrams; a number counts as one character, so 500 and 600 人次 still match."""
    units = _DIGITS.sub("#", normalise(text))
    if len(units) < 2:
        return frozenset(units)
    return frozenset(units[i : i + 2] for i in range(len(units) - 1))


@lru_cache(maxsize=65536)
def words(text: str) -> frozenset[str]:
    """jieba words without stopwords; numbers kept, so 500 against 600 costs a little."""
    tokens = _tokenizer().lcut(normalise(text))
    return frozenset(t for t in tokens if t not in _STOPWORDS)


_idf: dict[str, float] = {}
_idf_median = 0.0
_NUMBER_IDF = 2.0  # a number is weak evidence: the same promise comes back with a new target


def _load_idf() -> None:
    # jieba ships document frequencies of Chinese words (analyse/idf.txt); read it ourselves
    # rather than import jieba.analyse, which builds more than this needs.
    global _idf_median
    with _jieba_lock:
        if _idf:
            return
        path = Path(jieba.__file__).resolve().parent / "analyse" / "idf.txt"
        table = {}
        with path.open(encoding="utf-8") as f:
            for line in f:
                word, _, freq = line.strip().partition(" ")
                if freq:
                    table[word] = float(freq)
        values = sorted(table.values())
        _idf_median = values[len(values) // 2]
        _idf.update(table)


def _weight(word: str) -> float:
    if not _idf:
        _load_idf()
    if word[0].isdigit():
        return _NUMBER_IDF
    return _idf.get(word, _idf_median)


def _cosine(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def _weighted_cosine(a: frozenset, b: frozenset) -> float:
    """Cosine of word sets weighted by IDF: 蜜柚 against 柑橘 counts, 开展 against 开展 little."""
    if not a or not b:
        return 0.0
    shared = sum(_weight(w) ** 2 for w in a & b)
    return shared / math.sqrt(sum(_weight(w) ** 2 for w in a) * sum(_weight(w) ** 2 for w in b))


def text_similarity(a: str, b: str) -> float:
    """0..1: the mean of the bigram cosine and the IDF-weighted word cosine of two texts."""
    return round((_cosine(bigrams(a), bigrams(b)) + _weighted_cosine(words(a), words(b))) / 2, 3)


def similar_texts(
    title: str, rows, threshold: float = DUPLICATE_THRESHOLD
) -> list[tuple[float, int, str]]:
    """(score, id, text) of the (id, text) rows at `threshold` or above, strongest first.

    The bigram cosine is cheap (set intersection in C, bigrams cached per title); only rows at
    _PREFILTER or above are cut into words by jieba and scored in full.
    """
    mine = bigrams(title)
    if not mine:
        return []
    found = []
    for other_id, other_title in rows:
        theirs = bigrams(other_title)
        if not theirs:
            continue
        cheap = len(mine & theirs) / math.sqrt(len(mine) * len(theirs))
        if cheap < _PREFILTER:
            continue
        score = text_similarity(title, other_title)
        if score >= threshold:
            found.append((score, other_id, other_title))
    found.sort(key=lambda r: (-r[0], r[1]))
    return found
