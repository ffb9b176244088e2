"""Bilingual fidelity checks (TQ4xx): what a machine can see by comparing source and target.

Numbers and dates that differ, sentences left in the source language, source sentences with no
counterpart (omissions) and target sentences with none (additions), glossary terms the source
names and the target does not render, names that disappear, and quotes or brackets that the
translation leaves unbalanced. Sentences are aligned with :mod:`tqcheck.align` (lengths plus a
cheap lexical similarity: shared numbers, names and cognates), inside each translation unit for
XLIFF/TMX/PO/JSONL and over the whole text for ``--source``. Comparisons look at the aligned
sentence and its neighbours, so an alignment off by one does not produce a false finding.
Monolingual documents (no source, no pairs) get no findings.

The modules, each importing only those above it:

- :mod:`.numbers` and :mod:`.dates`: figures, weekdays and months read with a language's conventions
- :mod:`.lexical`: what a sentence shares with its translation (figures, names, cognates, marks)
- :mod:`.sentences`: a document's source and target sentences (``--source`` text or segment pairs)
- :mod:`.alignment`: sentences aligned into units, omissions and additions settled
- :mod:`.number_pairing`: figures of a passage paired one to one across the two sides
- :mod:`.exonyms`: names the translation renders its own way (La Haye, Iraqi)
- :mod:`.names`: source names and glossary terms looked for in the translation
- :mod:`.quotes`: unmatched quotes and brackets
- :mod:`.check`: the rules and :class:`BilingualCheck`, which turns all this into hits
"""

from tqcheck.checks.bilingual.alignment import units
from tqcheck.checks.bilingual.check import BilingualCheck

__all__ = ["BilingualCheck", "units"]
