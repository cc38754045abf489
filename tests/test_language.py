"""cleanup.language: the fast path of `zipf` gives wordfreq's own numbers."""

from __future__ import annotations

import itertools

from wordfreq import iter_wordlist, zipf_frequency

from cleanup.language import zipf


def test_zipf_is_wordfreqs_zipf_frequency() -> None:
    words = [w for lang in ("en", "de") for w in itertools.islice(iter_wordlist(lang), 3000)]
    words += ["Qwen", "Sakana", "xyzzyq", "KI", "Chip", "GPUs", "Größe", "e-mail", "don't", "x86", "Ümlaut"]
    for word in words:
        for form in (word, word.capitalize(), word.upper()):
            for lang in ("en", "de"):
                assert zipf(form, lang) == zipf_frequency(form, lang), (form, lang)
