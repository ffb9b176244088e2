"""Name-variant discovery: mentions, transliteration keys, the same-name decision and clustering."""

from tqcheck.names.clusters import NameCluster, Spelling, cluster_mentions
from tqcheck.names.mentions import Mention, NameToken, extract_mentions
from tqcheck.names.similarity import Verdict, compare_names

__all__ = [
    "Mention",
    "NameCluster",
    "NameToken",
    "Spelling",
    "Verdict",
    "cluster_mentions",
    "compare_names",
    "extract_mentions",
]
