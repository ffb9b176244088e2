"""Decoding you can trust: BOMs removed and written back, offsets in code points of the BOM-less
text, detection limited to the declared languages' code pages, ``--encoding`` forced."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from tqcheck.charsets import candidate_groups, forced_codec, sniff_bom
from tqcheck.document import decode, load_path
from tqcheck.errors import InputError
from tqcheck.fix import encode_text

from .conftest import DATA, invoke

GLOSSARY = ["--no-default-glossaries", "-g", str(DATA / "seed-glossary.yaml"), "--select", "TQ1"]
ARTICLE = (
    "Syria: jihadists’ strong resistance to regime in Idleb\r\nThe OSDH said fighting went on in Idleb.\r\n"
)
#: (codec written back, its BOM)
UNICODE = [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("utf-32-be", codecs.BOM_UTF32_BE),
]
SPANISH = (
    "Núñez dijo que los combates continuaban en Alepo, según el Observatorio Sirio de Derechos "
    "Humanos (OSDH).\n"
)
RUSSIAN = "Нуньес сказал, что бои продолжаются в Халеб, по данным Сирийской обсерватории (СОПЧ).\n"


def findings(path: Path, *extra: str) -> list[tuple[object, ...]]:
    code, out, err = invoke("check", str(path), *GLOSSARY, "-f", "json", *extra)
    assert code == 1, err
    keys = ("rule", "line", "column", "end_line", "end_column", "start", "end", "text", "suggestion")
    return [tuple(f[k] for k in keys) for f in json.loads(out)["findings"]]


EXPECTED = [
    ("TQ101", 1, 50, 1, 55, 49, 54, "Idleb", "Idlib"),
    ("TQ103", 2, 5, 2, 9, 60, 64, "OSDH", "SOHR"),
    ("TQ101", 2, 35, 2, 40, 90, 95, "Idleb", "Idlib"),
]


@pytest.mark.parametrize(("codec", "bom"), UNICODE, ids=lambda v: v if isinstance(v, str) else len(v))
def test_unicode_boms_decode_to_the_same_offsets(tmp_path: Path, codec: str, bom: bytes) -> None:
    assert ARTICLE.index("Idleb") == 49 and ARTICLE.rindex("Idleb") == 90  # code points, BOM-less
    p = tmp_path / "a.txt"
    p.write_bytes(bom + ARTICLE.encode(codec))
    doc = load_path(p)
    assert doc.text == ARTICLE  # no U+FEFF kept: every offset is that of the UTF-8 file
    assert (doc.encoding, doc.bom) == (codec, bool(bom))
    assert findings(p) == EXPECTED


@pytest.mark.parametrize(("codec", "bom"), UNICODE, ids=lambda v: v if isinstance(v, str) else len(v))
def test_fix_writes_back_the_same_encoding_bom_and_crlf(tmp_path: Path, codec: str, bom: bytes) -> None:
    p = tmp_path / "a.txt"
    original = bom + ARTICLE.encode(codec)
    p.write_bytes(original)
    code, _, err = invoke("check", str(p), *GLOSSARY, "--fix")
    assert "Fixed 3 problems." in err
    assert code == 0
    fixed = ARTICLE.replace("Idleb", "Idlib").replace("OSDH", "SOHR")
    assert p.read_bytes() == bom + fixed.encode(codec)
    assert encode_text(ARTICLE, codec, bool(bom)) == original


def test_bom_sniffing_prefers_utf32_over_utf16() -> None:
    assert sniff_bom(codecs.BOM_UTF32_LE + b"a\x00\x00\x00") == ("utf-32-le", 4)
    assert sniff_bom(codecs.BOM_UTF16_LE + b"a\x00") == ("utf-16-le", 2)
    assert sniff_bom(b"plain") is None


def test_utf16_note_and_stray_bytes(tmp_path: Path) -> None:
    text, encoding, bom, notes = decode(codecs.BOM_UTF16_BE + "Idleb".encode("utf-16-be"), "a.txt")
    assert (text, encoding, bom, notes) == (
        "Idleb",
        "utf-16-be",
        True,
        ["decoded as utf-16-be (byte order mark)"],
    )
    with pytest.raises(InputError, match=r"^a\.txt: cannot decode as utf-16-le: truncated data at byte 2$"):
        decode(codecs.BOM_UTF16_LE + b"I", "a.txt")


def test_latin1_spanish_is_read_as_a_western_code_page(tmp_path: Path) -> None:
    data = SPANISH.encode("latin-1")
    text, encoding, bom, notes = decode(data, "es.txt", langs=["es"])
    assert text == SPANISH  # not hp_roman8's 'Nºþez', not cp1250's 'Núńez'
    assert encoding in ("cp1252", "iso8859_1", "iso8859_15")
    assert bom is False and notes == [f"decoded as {encoding} (not UTF-8; detected by charset-normalizer)"]
    assert decode(data, "es.txt")[0] == SPANISH  # no language declared: Western code pages first


def test_latin1_spanish_through_the_cli_and_fixed_in_place(tmp_path: Path) -> None:
    glossary = tmp_path / "es.yaml"
    glossary.write_text(
        "name: es\nlanguage: es\nentries:\n  - id: munoz\n    canonical: Muñoz\n    variants: [Núñez]\n",
        encoding="utf-8",
    )
    p = tmp_path / "es.txt"
    p.write_bytes(SPANISH.encode("latin-1"))
    args = [
        "check",
        str(p),
        "--lang",
        "es",
        "--no-default-glossaries",
        "-g",
        str(glossary),
        "--select",
        "TQ1",
    ]
    code, out, _ = invoke(*args, "-f", "json")
    data = json.loads(out)
    (f,) = data["findings"]
    assert (f["line"], f["column"], f["end_column"], f["text"], f["suggestion"]) == (
        1,
        1,
        6,
        "Núñez",
        "Muñoz",
    )
    assert data["notes"][str(p)][0].startswith("decoded as cp1252")
    code, _, err = invoke(*args, "--fix")
    assert (code, err) == (0, "Fixed 1 problem.\n")
    assert p.read_bytes() == SPANISH.replace("Núñez", "Muñoz").encode("latin-1")


def test_cp1251_russian_with_lang_ru(tmp_path: Path) -> None:
    glossary = tmp_path / "ru.yaml"
    glossary.write_text(
        "name: ru\nlanguage: ru\nentries:\n  - id: aleppo\n    canonical: Алеппо\n    variants: [Халеб]\n",
        encoding="utf-8",
    )
    p = tmp_path / "ru.txt"
    p.write_bytes(RUSSIAN.encode("cp1251"))
    assert decode(RUSSIAN.encode("cp1251"), "ru.txt", langs=["ru"]) == (
        RUSSIAN,
        "cp1251",
        False,
        ["decoded as cp1251 (not UTF-8; detected by charset-normalizer)"],
    )
    # checked as English: still read (no exotic code page), with a hint in the note
    text, _, _, notes = decode(RUSSIAN.encode("cp1251"), "ru.txt", langs=["en"])
    assert text == RUSSIAN
    assert notes == [
        "decoded as cp1251 (not UTF-8; detected by charset-normalizer; "
        "not a code page of the declared language: check --lang)"
    ]
    code, out, _ = invoke(
        "check", str(p), "--lang", "ru", "--no-default-glossaries", "-g", str(glossary), "-f", "json"
    )
    (f,) = json.loads(out)["findings"]
    assert code == 1
    assert (f["column"], f["start"], f["end"], f["text"], f["suggestion"]) == (39, 38, 43, "Халеб", "Алеппо")


def test_detection_never_picks_exotic_code_pages() -> None:
    every = {e for group in candidate_groups(["es", "ru", None]) for e in group}
    assert not any(e.startswith(("mac", "hp", "cp437", "cp85")) for e in every)
    assert candidate_groups(["es-ES"])[0] == ("cp1252", "iso-8859-1", "iso-8859-15")
    assert candidate_groups(["ru"])[0] == ("cp1251", "koi8-r", "koi8-u", "iso-8859-5")


def test_forced_encoding(tmp_path: Path) -> None:
    p = tmp_path / "es.txt"
    p.write_bytes(SPANISH.encode("latin-1"))
    doc = load_path(p, "es", encoding="latin-1")
    assert (doc.text, doc.encoding, doc.notes) == (SPANISH, "iso8859-1", [])
    code, out, err = invoke("check", str(p), "--encoding", "latin-1", "--lang", "es", "-f", "json")
    assert code in (0, 1), err
    assert json.loads(out)["summary"]["files"] == 1
    # bytes the forced encoding cannot decode: one line naming the file, exit 2
    code, _, err = invoke("check", str(p), "--encoding", "utf-8")
    assert code == 2
    assert err == f"tqcheck: error: {p}: cannot decode as utf-8: invalid start byte at byte 1\n"
    # a BOM that contradicts the forced encoding
    u16 = tmp_path / "u16.txt"
    u16.write_bytes(codecs.BOM_UTF16_LE + "Idleb".encode("utf-16-le"))
    code, _, err = invoke("check", str(u16), "--encoding", "latin-1")
    assert (code, err) == (
        2,
        f"tqcheck: error: {u16}: starts with a utf-16-le byte order mark, not iso8859-1 (--encoding)\n",
    )
    assert load_path(u16, encoding="utf-16").text == "Idleb"  # agrees with the BOM
    # UTF-16 without a BOM needs its byte order named
    bare = tmp_path / "bare.txt"
    bare.write_bytes("Idleb".encode("utf-16-le"))
    assert load_path(bare, encoding="utf-16-le").text == "Idleb"
    with pytest.raises(InputError, match="use utf-16-le or utf-16-be"):
        load_path(bare, encoding="utf-16")


@pytest.mark.parametrize("name", ["foo", "base64", "rot13"])
def test_unknown_encoding_is_a_usage_error(tmp_path: Path, name: str) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Idleb\n", encoding="utf-8")
    code, out, err = invoke("check", str(p), "--encoding", name)
    assert (code, out) == (2, "")
    assert err == f"tqcheck: error: unknown encoding {name!r} (--encoding)\n"
    with pytest.raises(InputError):
        forced_codec(name)
    assert forced_codec("UTF-8-SIG") == "utf-8"  # a BOM is always recognised anyway
