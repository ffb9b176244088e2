"""The bilingual check's rules (TQ401-TQ415), declared in one light module.

Each rule group (:mod:`.figures`, :mod:`.untranslated`, :mod:`.omissions`, :mod:`.terms`,
:mod:`.quotes`, :mod:`.segments`, :mod:`.typography`) raises its rules from here, and
:class:`~tqcheck.bilingual.check.BilingualCheck` declares them all without importing the groups:
a run lists, selects and documents every rule, but loads the aligner and its readers of numbers,
dates and words only when it meets a document with a source (20-35 ms of every start-up before).
"""

from __future__ import annotations

from tqcheck.model import FixSafety, Rule, Severity

NUMBER_MISMATCH = Rule(
    "TQ401",
    "number-mismatch",
    Severity.ERROR,
    "A number or time differs between source and translation",
    "Numbers are read with each language's conventions (340 000 = 340,000, "
    "1,5 million = 1.5 million, 19e = 19th, dix-neuf = nineteen, 14h30 = 2:30 p.m.) and "
    "compared with the aligned source sentence and its neighbours. A changed figure is the "
    "costliest error in news copy.",
    fix=FixSafety.NONE,
)

DATE_MISMATCH = Rule(
    "TQ402",
    "date-mismatch",
    Severity.ERROR,
    "A weekday or month differs between source and translation",
    "jeudi 11 janvier must be Thursday, January 11: the weekday or month named in the translation "
    "is not the one in the aligned source sentence.",
    fix=FixSafety.NONE,
)

UNTRANSLATED = Rule(
    "TQ403",
    "untranslated",
    Severity.ERROR,
    "A target sentence is still in the source language",
    "Language identification restricted to the pair's two languages says this sentence is in the "
    "source language (or it repeats the source verbatim). Short sentences and lists of names are "
    "not judged.",
    fix=FixSafety.NONE,
)

OMISSION = Rule(
    "TQ404",
    "omission",
    Severity.ERROR,
    "Source text has no counterpart in the translation",
    "Sentence alignment found no target sentence for this source sentence, or none of the content "
    "words of a source sentence or clause (a run of them, in a sentence whose other words are "
    "rendered) is rendered in the translation around it: no word the lexicon learned from "
    "parallel news gives as a translation, no cognate, name or figure. The message quotes the "
    "source text. The finding points at the source text (a --source file), or at the target "
    "segment of a translation file. Weak evidence (few words the lexicon knows, a free "
    "translation around) is info.",
    fix=FixSafety.NONE,
)

ADDITION = Rule(
    "TQ405",
    "addition",
    Severity.WARNING,
    "Translated text has no counterpart in the source",
    "Sentence alignment found no source sentence for this target sentence, or none of the content "
    "words of a target sentence or clause is found in the source around it: it was added (or the "
    "source is not the text that was translated). Weak evidence is info.",
    fix=FixSafety.NONE,
)

GLOSSARY_TERM_NOT_RENDERED = Rule(
    "TQ406",
    "glossary-term-not-rendered",
    Severity.WARNING,
    "The source names a glossary entity that the translation does not render",
    "The source sentence uses a glossary entry's source form (OSDH, Observatoire syrien des droits "
    "de l'Homme); the aligned target sentence uses none of its accepted target forms.",
    fix=FixSafety.NONE,
)

NAME_MISSING = Rule(
    "TQ407",
    "name-missing",
    Severity.WARNING,
    "A person's or organisation's name in the source is missing from the translation",
    "A multi-word proper name of the source sentence has no counterpart (allowing transliteration "
    "differences: Bachar/Bashar, Kadhafi/Gaddafi) in the aligned target sentences.",
    fix=FixSafety.NONE,
)

UNBALANCED_QUOTES = Rule(
    "TQ408",
    "unbalanced-quotes",
    Severity.WARNING,
    "Quotes or brackets are unbalanced in the translation but balanced in the source",
    "The source opens and closes its quotation marks and brackets; the translation leaves one open "
    "or closes one never opened. The finding points at the unmatched mark.",
    fix=FixSafety.NONE,
)

INLINE_CODE_MISMATCH = Rule(
    "TQ409",
    "inline-code-mismatch",
    Severity.ERROR,
    "An inline tag of the source is missing from the translation, or one was added",
    "The source segment's inline codes (XLIFF <g>, <x/>, <ph>, <bpt>/<ept>, <pc>, <sc>/<ec>; TMX "
    "<bpt>, <ph>...) stand for the document's markup: a link, bold type, a line break. A code lost "
    "or added breaks that markup when the file is merged back. Codes in another order are info "
    "(word order can require it).",
    fix=FixSafety.NONE,
)

PLACEHOLDER_MISMATCH = Rule(
    "TQ410",
    "placeholder-mismatch",
    Severity.ERROR,
    "A placeholder of the source is missing from the translation, or one was added",
    "Placeholders ({name}, {0}, {{var}}, %s, %d, %1$s, %(name)s) are filled in by software: one "
    "lost or added drops a value or breaks the program. Unnumbered printf placeholders (%s, %d) in "
    "another order also swap their values and are reported; named and numbered ones may move.",
    fix=FixSafety.NONE,
)

EMPTY_TARGET = Rule(
    "TQ411",
    "empty-target",
    Severity.ERROR,
    "A segment has an empty translation",
    "The source segment has text but its target is empty (an XLIFF <target/>, an empty msgstr, "
    'a JSON "target": ""): the translation is missing.',
    fix=FixSafety.NONE,
)

SAME_AS_SOURCE = Rule(
    "TQ412",
    "target-same-as-source",
    Severity.WARNING,
    "The translation is a copy of the source",
    "The target repeats the source segment character for character: it was not translated. A "
    "segment of names, acronyms, figures or words that the target language writes the same way "
    "(Idlib, OTAN/NATO aside, 2018, Transport) is not reported.",
    fix=FixSafety.NONE,
)

SEGMENT_WHITESPACE = Rule(
    "TQ413",
    "segment-whitespace",
    Severity.WARNING,
    "Leading or trailing whitespace differs between source and translation",
    "Segments are joined back as they are: a source that ends with a space (or a newline) "
    "expects its translation to end the same way, else two sentences run together when the file "
    "is merged; a space added at either end shows in the merged text.",
    fix=FixSafety.NONE,
)

END_PUNCTUATION = Rule(
    "TQ414",
    "end-punctuation",
    Severity.WARNING,
    "The translation ends with other punctuation than its source",
    "The source ends with a full stop, question mark, exclamation mark, colon or ellipsis and the "
    "translation with another or none (or the other way round): a question turned into a "
    "statement, a heading given a full stop. Closing quotes and brackets are looked through, and "
    "each script's own marks count as the same (。 = ., ؟ = ?). A colon, semicolon or ellipsis "
    "against a full stop is info.",
    fix=FixSafety.NONE,
)

TYPOGRAPHY = Rule(
    "TQ415",
    "target-typography",
    Severity.WARNING,
    "Punctuation without the no-break space the target language puts around it",
    "French writes a no-break space before : ; ! ? and », and after « (a narrow one, U+202F, "
    "before ; ! ?). An ordinary space lets the mark be pushed alone to the next line; none at all "
    "is a typing error. Canadian and Swiss French (fr-CA, fr-CH) write ; ! ? without a space. "
    "Times and ratios (14:30), web addresses and runs of marks (?!) are left alone. The fix puts "
    "the no-break space in.",
    fix=FixSafety.SAFE,
)
