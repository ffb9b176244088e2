"""Name-variant discovery: mentions, transliteration keys, the same-name decision and clustering.

The modules are imported one by one (this file imports nothing), so a check that reads one
(:mod:`.usage`) does not load the clustering.
"""
