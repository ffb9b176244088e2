"""Words, names and numbers: the token patterns every check and the scorer read text with.

One place says what a "word" is, so two checks cannot disagree about ``aujourd'hui`` or
``al-Assad`` by accident. The patterns differ on purpose, each for what its readers compare:

================  =====================================  =========================================
constant          matches                                read by
================  =====================================  =========================================
:data:`LETTERS`   a run of letters                       numbers and dates (number words, months)
:data:`WORD`      letters with inner apostrophes         bilingual checks (lengths, cognates)
:data:`NAME_WORD` letters joined by hyphens/apostrophes  acronym expansions, name mentions
:data:`TOKEN`     a letter, then word characters,        bilingual name comparison
                  apostrophes and hyphens
:data:`NUMBER`    digits with ``.``/``,`` separators     bilingual sentence lengths
:data:`DIGITS`    a run of digits                        bilingual alignment, number reading
:data:`CAPS`      two or more ASCII capitals             acronyms
:data:`ACRONYM`   ``UN`` or ``U.N.`` written whole       bilingual name comparison
:data:`WORD_CHAR` one word character                     neural findings (spans grown to words)
================  =====================================  =========================================

Patterns that stay with their module, because they are grammars rather than tokens: the number
grammar of :mod:`tqcheck.bilingual.numbers` (locale-driven, built from :data:`LETTER`),
the acronym shapes of :mod:`tqcheck.checks.acronyms` (mixed case, bounded by hyphens), the name
candidates of :mod:`tqcheck.names.mentions` (built from :data:`NAME_WORD`), the repeated-word
back-reference of :mod:`tqcheck.checks.mechanics`, and chrF++'s whitespace words in
:mod:`tqcheck.scoring.scorer` (the metric defines them so).
"""

from __future__ import annotations

import re

#: One letter of any script: a word character that is neither a digit nor ``_``. Modifier
#: letters such as ``ʼ`` and ``ʿ`` (Arabic transliteration) are letters too.
LETTER = r"[^\W\d_]"
#: Apostrophes that join the parts of one word: straight and typographic.
APOSTROPHES = "'’"
#: Hyphens that join the parts of one name: hyphen-minus, hyphen, non-breaking hyphen.
HYPHENS = "-‐‑"

#: A run of letters (``dix``, ``neuf`` in ``dix-neuf``; ``janvier``): number words and month
#: names are looked up one plain word at a time.
LETTERS = re.compile(rf"{LETTER}+")
#: Letters with inner apostrophes (``aujourd'hui``, ``don't``): what a reader counts as one word.
WORD = re.compile(rf"{LETTER}+(?:[{APOSTROPHES}]{LETTER}+)*")
#: Letters joined by hyphens or apostrophes (``al-Assad``, ``O'Brien``, ``Co-operation``): one word
#: of a name, whose parts give an acronym its letters.
NAME_WORD = re.compile(rf"{LETTER}+(?:[{HYPHENS}{APOSTROPHES}]{LETTER}+)*")
#: What splits a :data:`NAME_WORD` into its parts (``al-Assad`` -> ``al``, ``Assad``).
NAME_JOINER = re.compile(rf"[{HYPHENS}{APOSTROPHES}]")
#: A letter, then word characters, apostrophes and ASCII hyphens (``al-Assad``, ``G20``,
#: ``d'Alep``): a token of running text, split into name parts by :data:`TOKEN_JOINER`.
TOKEN = re.compile(rf"{LETTER}[\w{APOSTROPHES}-]*")
#: What splits a :data:`TOKEN` into its parts.
TOKEN_JOINER = re.compile(rf"[-{APOSTROPHES}]")
#: What splits a :data:`WORD` into its parts (``aujourd'hui`` -> ``aujourd``, ``hui``).
APOSTROPHE = re.compile(rf"[{APOSTROPHES}]")
#: A figure with its group or decimal separators (``6000``, ``340,000``, ``1,5``), counted as one
#: word whatever the language's conventions.
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
#: A run of digits (``340`` and ``000`` in ``340 000``).
DIGITS = re.compile(r"\d+")
#: Two or more ASCII capitals (``SOHR``): an all-caps word, acronym or headline.
CAPS = re.compile(r"[A-Z]{2,}")
#: Dotted capitals (``U.N.``, ``U.S.``), as American copy writes acronyms.
DOTTED_ACRONYM = re.compile(r"\b(?:[A-Z]\.){2,}")
#: An acronym written whole, dotted (``U.N.``) or not (``UN``).
ACRONYM = re.compile(rf"{DOTTED_ACRONYM.pattern}|\b{CAPS.pattern}\b")
#: One word character (letters, digits, ``_``): a span is grown to whole words with it.
WORD_CHAR = re.compile(r"\w")


def word_count(text: str) -> int:
    """Words and figures: "Brisée en 6000, 7000 morceaux." is a sentence of five."""
    return len(WORD.findall(text)) + len(NUMBER.findall(text))
