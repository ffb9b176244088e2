"""Which byte encodings a file may be in: byte order marks, and legacy code pages per language.

A BOM is authoritative and is always removed (offsets count code points of the BOM-less text)
and remembered by the codec name it implies, so ``--fix`` writes the same bytes back. Without a
BOM, a file that is not UTF-8 is detected by charset-normalizer, but only among the code pages
that were actually used for the declared languages: left free, it happily reads a Latin-1
Spanish article as ``hp_roman8`` (``Núñez`` -> ``Nºþez``) or a Mac code page.

Why a table of our own: charset-normalizer's ``encoding_languages`` answers "Latin Based" for
every Latin code page (``cp1252`` as well as ``hp_roman8`` and ``mac_roman``), and Babel/CLDR
record no legacy encodings, so neither can say which code pages are plausible for Spanish.
The table lists the Windows and ISO code pages each script was really published in.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable

from tqcheck.errors import InputError

#: Byte order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one), with the
#: explicit-endian codec that decodes what follows and writes it back without a second BOM.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

WESTERN = ("cp1252", "iso-8859-1", "iso-8859-15")
CENTRAL = ("cp1250", "iso-8859-2")
CYRILLIC = ("cp1251", "koi8-r", "koi8-u", "iso-8859-5")
GREEK = ("cp1253", "iso-8859-7")
TURKISH = ("cp1254", "iso-8859-9")
HEBREW = ("cp1255", "iso-8859-8")
ARABIC = ("cp1256", "iso-8859-6")
BALTIC = ("cp1257", "iso-8859-13", "iso-8859-4")
VIETNAMESE = ("cp1258",)
THAI = ("cp874", "tis-620")
CHINESE = ("gb18030", "big5")
JAPANESE = ("shift_jis", "euc-jp", "iso-2022-jp")
KOREAN = ("euc-kr", "cp949")


def _table(groups: dict[tuple[str, ...], str]) -> dict[str, tuple[str, ...]]:
    return {lang: group for group, langs in groups.items() for lang in langs.split()}


#: ISO 639-1 language -> legacy code pages its text was published in (UTF-8 is always tried first).
LANGUAGE_ENCODINGS: dict[str, tuple[str, ...]] = _table(
    {
        WESTERN: "en fr de es it pt nl ca gl eu oc br co da sv no nb nn fi is fo ga gd cy lb af sq "
        "id ms sw tl",
        CENTRAL: "pl cs sk hu sl hr bs ro",
        CYRILLIC: "ru uk be bg mk sr kk ky tg mn",
        GREEK: "el",
        TURKISH: "tr az",
        HEBREW: "he yi",
        ARABIC: "ar fa ur",
        BALTIC: "lt lv et",
        VIETNAMESE: "vi",
        THAI: "th",
        CHINESE: "zh",
        JAPANESE: "ja",
        KOREAN: "ko",
    }
)

#: Every plausible code page, for a file whose language is unknown; exotic ones stay out.
ALL_ENCODINGS: tuple[str, ...] = tuple(dict.fromkeys(e for g in LANGUAGE_ENCODINGS.values() for e in g))


def sniff_bom(data: bytes) -> tuple[str, int] | None:
    """``(codec, BOM length)`` when ``data`` starts with a byte order mark."""
    for mark, codec in BOMS:
        if data.startswith(mark):
            return codec, len(mark)
    return None


def candidate_groups(langs: Iterable[str | None]) -> list[tuple[str, ...]]:
    """Code pages to try, one group per declared language in order (``es-ES`` reads as ``es``),
    then every other plausible one (a file in a language nobody declared still decodes).

    With no known language the Western code pages go first: this is a desk translating into and
    out of Western European languages, and charset-normalizer alone reads Latin-1 Spanish as
    ``cp1250`` (``Núñez`` -> ``Núńez``).
    """
    groups: list[tuple[str, ...]] = []
    for lang in langs:
        if not lang:
            continue
        group = LANGUAGE_ENCODINGS.get(lang.lower().replace("_", "-").split("-")[0])
        if group is not None and group not in groups:
            groups.append(group)
    if not groups:
        groups.append(WESTERN)
    tried = {e for g in groups for e in g}
    rest = tuple(e for e in ALL_ENCODINGS if e not in tried)
    if rest:
        groups.append(rest)
    return groups


#: Unicode codecs that need a BOM or an explicit byte order to be written back byte for byte.
_NEEDS_ORDER = {"utf-16": "utf-16-le or utf-16-be", "utf-32": "utf-32-le or utf-32-be"}


def forced_codec(name: str, where: str | None = None) -> str:
    """Validate an ``--encoding`` name: the codec's canonical name, or an InputError.

    ``utf-8-sig`` is plain UTF-8 here (a BOM is always recognised and kept anyway).
    """
    try:
        info = codecs.lookup(name)
        b"a".decode(info.name, "ignore")  # base64, rot13 ... are codecs but not text encodings
    except (LookupError, ValueError):
        raise InputError(f"unknown encoding {name!r} (--encoding)", where) from None
    return "utf-8" if info.name == "utf-8-sig" else info.name


def bom_matches(forced: str, bom_codec: str) -> bool:
    """Whether a forced encoding agrees with the file's BOM (``utf-16`` accepts either order)."""
    return forced == bom_codec or bom_codec.startswith(forced + "-")


def needs_order(codec: str) -> str | None:
    """For ``utf-16``/``utf-32`` without a BOM: the explicit names to use instead."""
    return _NEEDS_ORDER.get(codec)
