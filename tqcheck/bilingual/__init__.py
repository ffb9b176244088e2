"""Bilingual fidelity (TQ4xx): what a machine can see by comparing source and target.

Numbers and dates that differ, sentences left in the source language, source text with no
counterpart (omissions) and target text with none (additions), glossary terms the source names
and the target does not render, names that disappear, quotes or brackets the translation leaves
unbalanced, and the segment checks of translation files. The package is imported module by
module (this file imports nothing), so the neural scorer can use :mod:`.align` alone.

The modules, each importing only those above it:

- :mod:`.align`: Gale-Church sentence alignment with a similarity term (shared with the scorer)
- :mod:`.numbers` and :mod:`.dates`: figures, weekdays and months read with a language's conventions
  (:mod:`.numeric_dates`: a date in figures read as one)
- :mod:`.lexical`: what a sentence shares with its translation (figures, names, cognates, marks)
- :mod:`.sentences`: a document's source and target sentences (``--source`` text or segment pairs)
- :mod:`.alignment`: sentences aligned into units, omissions and additions settled
- :mod:`.number_pairing`: figures of a passage paired one to one across the two sides
- :mod:`.exonyms`: names the translation renders its own way (La Haye, Iraqi)
- :mod:`.names`: source names and glossary terms looked for in the translation
- :mod:`.rules`: the rules of them all (TQ401-415), declared where nothing heavy is imported
- rule groups: :mod:`.figures` (TQ401-402), :mod:`.untranslated` (TQ403), :mod:`.omissions`
  (TQ404-405), :mod:`.terms` (TQ406-407), :mod:`.quotes` (TQ408), :mod:`.segments`
  (TQ409-414), :mod:`.typography` (TQ415)
- :mod:`.fidelity`: each rule group run over a document's aligned units
- :mod:`.check`: :class:`~tqcheck.bilingual.check.BilingualCheck`, which declares the rules and
  imports :mod:`.fidelity` with the first document that has a source
"""
