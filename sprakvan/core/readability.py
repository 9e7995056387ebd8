"""LIX, the Swedish readability index (Björnsson): words per sentence plus the share of long
words (more than six letters) in per cent. Easy-to-read Swedish stays at or below 30; ordinary
news text is around 40, official prose 50 and more. Used by the tests of easy Swedish."""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?:;]+(?:\s|$)|\n+")
ADDRESS = re.compile(r"https?://\S+|\S+@\S+")  # links and e-mail addresses are not words


@dataclass(frozen=True)
class Lix:
    words: int
    sentences: int
    long_words: int

    @property
    def index(self) -> float:
        if not self.words:
            return 0.0
        return self.words / max(self.sentences, 1) + 100 * self.long_words / self.words


def lix(text: str) -> Lix:
    """The LIX of a text; a line break ends a sentence too (a heading, a label, a list item)."""
    words = sentences = long_words = 0
    for sentence in SENTENCE_END.split(ADDRESS.sub(" ", text)):
        found = WORD.findall(sentence)
        if found:
            sentences += 1
            words += len(found)
            long_words += sum(1 for word in found if len(word) > 6)
    return Lix(words, sentences, long_words)
