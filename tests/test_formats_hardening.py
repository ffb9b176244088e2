"""Markup formats under stress: terms hidden by references and inline tags, fixes that must not
break markup, CDATA, PO byte escapes, hostile JSONL and XML, glossary lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tqcheck.errors import InputError
from tqcheck.fix import apply_fixes
from tqcheck.formats import load_document
from tqcheck.formats.base import MappedBuilder
from tqcheck.formats.jsonl import _string
from tqcheck.formats.xml import parse
from tqcheck.model import Finding, FixSafety, Location, Severity, Span

from .conftest import DATA, ROOT, invoke

SEED_GLOSSARY = ["--no-default-glossaries", "-g", str(DATA / "seed-glossary.yaml"), "--select", "TQ1"]
KEYS = ("line", "column", "end_column", "start", "end", "text", "suggestion")

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="fr" target-language="en" datatype="plaintext" original="a">
    <body>
      <trans-unit id="1"><source>Combats à Idleb.</source><target>Fighting in Id&#108;eb.</target></trans-unit>
      <trans-unit id="2"><source>Combats à Idleb.</source><target>Shelling in Id<g id="1">le</g>b.</target></trans-unit>
      <trans-unit id="3"><source>Idleb</source><target>Free Syrian</target></trans-unit>
      <trans-unit id="4"><source>Idleb</source><target>Army</target></trans-unit>
    </body>
  </file>
</xliff>
"""
HTML = "<html><body><p>Fighting in Id<b>le</b>b and Id&#108;eb.</p><p>In <i>Idleb</i>.</p></body></html>\n"


def tq101(path: Path, *glossary: str) -> list[tuple[object, ...]]:
    code, out, err = invoke("check", str(path), *(glossary or SEED_GLOSSARY), "-f", "json")
    assert code == 1, err
    return [tuple(f[k] for k in KEYS) for f in json.loads(out)["findings"] if f["rule"] == "TQ101"]


def test_xliff_terms_behind_char_refs_and_inline_tags(tmp_path: Path) -> None:
    p = tmp_path / "a.xlf"
    p.write_text(XLIFF, encoding="utf-8")
    ref = XLIFF.index("Id&#108;eb")
    tag = XLIFF.index('Id<g id="1">le</g>b')
    assert (ref - XLIFF.rindex("\n", 0, ref), tag - XLIFF.rindex("\n", 0, tag)) == (79, 79)  # columns
    assert tq101(p) == [
        (5, 79, 89, ref, ref + 10, "Id&#108;eb", "Idlib"),
        (6, 79, 98, tag, tag + 19, 'Id<g id="1">le</g>b', None),
    ]
    # the file span covers the whole written form; the message quotes the decoded name
    _, out, _ = invoke("check", str(p), *SEED_GLOSSARY, "-f", "json")
    assert json.loads(out)["findings"][0]["message"].startswith("'Idleb' is a variant")
    _, _, err = invoke("check", str(p), *SEED_GLOSSARY, "--fix")
    assert err == "Fixed 1 problem.\n"
    assert p.read_text(encoding="utf-8") == XLIFF.replace("Id&#108;eb", "Idlib")  # the tags untouched


def test_no_match_across_two_segments(tmp_path: Path) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "name: g\nlanguage: en\nentries:\n  - id: fsa\n    canonical: FSA\n"
        "    variants: [Free Syrian Army]\n",
        encoding="utf-8",
    )
    p = tmp_path / "a.xlf"
    p.write_text(XLIFF, encoding="utf-8")
    code, out, _ = invoke(
        "check", str(p), "--no-default-glossaries", "-g", str(glossary), "-f", "json", "--select", "TQ1"
    )
    assert (code, json.loads(out)["findings"]) == (0, [])  # (unit 2 adds a <g>: TQ409, not this test's)


def test_html_terms_behind_inline_tags_and_refs(tmp_path: Path) -> None:
    p = tmp_path / "a.html"
    p.write_text(HTML, encoding="utf-8")
    tag, ref, plain = HTML.index("Id<b>le</b>b"), HTML.index("Id&#108;eb"), HTML.index("Idleb")
    assert tq101(p) == [
        (1, tag + 1, tag + 13, tag, tag + 12, "Id<b>le</b>b", None),
        (1, ref + 1, ref + 11, ref, ref + 10, "Id&#108;eb", "Idlib"),
        (1, plain + 1, plain + 6, plain, plain + 5, "Idleb", "Idlib"),
    ]
    _, _, err = invoke("check", str(p), *SEED_GLOSSARY, "--fix")
    assert err == "Fixed 2 problems.\n"
    assert p.read_text(encoding="utf-8") == HTML.replace("Id&#108;eb", "Idlib").replace(
        "<i>Idleb</i>", "<i>Idlib</i>"
    )


def test_html_block_tags_separate_words(tmp_path: Path) -> None:
    p = tmp_path / "a.html"
    p.write_text("<p>Id</p><p>leb</p><div>Id<br>leb</div>\n", encoding="utf-8")
    doc = load_document(p)
    assert doc.prose is not None and "Idleb" not in doc.prose.text
    _, out, _ = invoke("check", str(p), *SEED_GLOSSARY, "-f", "json")
    assert json.loads(out)["findings"] == []


def test_markdown_emphasis_inside_a_word(tmp_path: Path) -> None:
    text = "Fighting in Id**le**b and Id&#108;eb.\n"
    p = tmp_path / "a.md"
    p.write_text(text, encoding="utf-8")
    assert tq101(p) == [
        (1, 13, 22, 12, 21, "Id**le**b", None),
        (1, 27, 37, 26, 36, "Id&#108;eb", "Idlib"),
    ]


def test_jsonl_unicode_escape_in_a_term(tmp_path: Path) -> None:
    line = '{"source": "Combats \\u00e0 Idleb", "target": "Fighting in Id\\u006ceb and \\"Idleb\\"."}\n'
    p = tmp_path / "a.jsonl"
    p.write_text(line, encoding="utf-8")
    esc = line.index("Id\\u006ceb")
    quoted = line.index('Idleb\\"')
    assert tq101(p) == [
        (1, esc + 1, esc + 11, esc, esc + 10, "Id\\u006ceb", "Idlib"),
        (1, quoted + 1, quoted + 6, quoted, quoted + 5, "Idleb", "Idlib"),
    ]
    invoke("check", str(p), *SEED_GLOSSARY, "--fix")
    assert p.read_text(encoding="utf-8") == line.replace("Id\\u006ceb", "Idlib").replace(
        'Idleb\\"', 'Idlib\\"'
    )


PO = (
    'msgid ""\n'
    'msgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'
    "\n"
    'msgid "Combats \\303\\240 Idleb"\n'
    'msgstr "\\x41leppo, Idl\\x65\\x62, Id\\154eb, \\xc3\\xa9t\\xC3\\xA9"\n'
    "\n"
    'msgid "Idleb"\n'
    'msgstr "Id"\n'
    '"leb"\n'
)


def test_po_hex_and_octal_escapes_are_bytes(tmp_path: Path) -> None:
    p = tmp_path / "a.po"
    p.write_text(PO, encoding="utf-8")
    doc = load_document(p)
    assert [(pair.source.text, pair.target.text) for pair in doc.pairs] == [
        ("Combats à Idleb", "Aleppo, Idleb, Idleb, été"),
        ("Idleb", "Idleb"),
    ]
    target = doc.pairs[0].target
    assert doc.text[target.span(0, 1).start : target.span(0, 1).end] == "\\x41"
    e = target.text.index("é")
    assert doc.text[target.span(e, e + 1).start : target.span(e, e + 1).end] == "\\xc3\\xa9"
    hex_, oct_, split = PO.index("Idl\\x65\\x62"), PO.index("Id\\154eb"), PO.index('Id"\n"leb')
    line5 = PO.index('msgstr "\\x41')
    assert (hex_ - line5, oct_ - line5) == (19, 32)
    assert tq101(p) == [
        (5, 20, 31, hex_, hex_ + 11, "Idl\\x65\\x62", "Idlib"),
        (5, 33, 41, oct_, oct_ + 8, "Id\\154eb", "Idlib"),
        (8, 9, 5, split, split + 8, 'Id"\n"leb', None),  # ends at 9:5, across the string break
    ]
    invoke("check", str(p), *SEED_GLOSSARY, "--fix")
    assert p.read_text(encoding="utf-8") == PO.replace("Idl\\x65\\x62", "Idlib").replace("Id\\154eb", "Idlib")


@pytest.mark.parametrize(
    ("escape", "message"),
    [
        ("\\x", "\\x without hex digits"),
        ("\\xZZ", "\\x without hex digits"),
        ("\\x100", "escape \\x100 is not a byte"),
        ("\\400", "escape \\400 is not a byte"),
        ("\\xff", "escaped bytes are not valid utf-8"),
    ],
)
def test_po_bad_byte_escapes(tmp_path: Path, escape: str, message: str) -> None:
    p = tmp_path / "bad.po"
    p.write_text(f'msgid "a"\nmsgstr "b{escape}"\n', encoding="utf-8")
    code, out, err = invoke("check", str(p))
    assert (code, out, err) == (2, "", f"tqcheck: error: {p}:2: malformed PO string ({message})\n")


CDATA_XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2"><file source-language="fr" target-language="en" original="a"><body>
<trans-unit id="1"><source>x</source><target><![CDATA[ATandT & XandY]]> and ATandT</target></trans-unit>
<trans-unit id="2"><source>x</source><target>Id<![CDATA[le]]>b</target></trans-unit>
</body></file></xliff>
"""


def test_cdata_gets_raw_fixes(tmp_path: Path) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "name: g\nlanguage: en\nentries:\n"
        "  - id: att\n    canonical: AT&T\n    variants: [ATandT]\n"
        "  - id: xy\n    canonical: 'X]]>Y'\n    variants: [XandY]\n"
        "  - id: idlib\n    canonical: Idlib\n    variants: [Idleb]\n",
        encoding="utf-8",
    )
    p = tmp_path / "a.xlf"
    p.write_text(CDATA_XLIFF, encoding="utf-8")
    doc = load_document(p)
    assert [CDATA_XLIFF[s:e] for s, e in doc.cdata] == ["ATandT & XandY", "le"]
    found = tq101(p, "--no-default-glossaries", "-g", str(glossary))
    assert [(f[5], f[6]) for f in found] == [
        ("ATandT", "AT&T"),
        ("XandY", "X]]>Y"),
        ("ATandT", "AT&T"),
        ("Id<![CDATA[le]]>b", None),  # across the CDATA edge: no fix
    ]
    _, _, err = invoke("check", str(p), "--no-default-glossaries", "-g", str(glossary), "--fix")
    assert err == "Fixed 2 problems.\n"
    assert p.read_text(encoding="utf-8") == CDATA_XLIFF.replace(
        "[ATandT & XandY]]> and ATandT", "[AT&T & XandY]]> and AT&amp;T"
    )  # raw in CDATA, escaped outside; 'X]]>Y' would close the section, so it is not written


def _finding(text: str, start: int, end: int, suggestion: str) -> Finding:
    loc = Location("a.xlf", Span(start, end), 1, start + 1, 1, end + 1)
    return Finding("TQ101", Severity.WARNING, "m", loc, text[start:end], suggestion, fix=FixSafety.SAFE)


def test_apply_fixes_cdata_ranges() -> None:
    text = "a<![CDATA[ATandT]]>b ATandT"
    inside = (text.index("ATandT"), text.index("ATandT") + 6)
    outside = (text.rindex("ATandT"), len(text))
    fixes = [_finding(text, *inside, "AT&T"), _finding(text, *outside, "AT&T")]
    assert apply_fixes(text, fixes, "xliff", [inside]) == ("a<![CDATA[AT&T]]>b AT&amp;T", 2)
    assert apply_fixes(text, fixes, "xliff") == ("a<![CDATA[AT&amp;T]]>b AT&amp;T", 2)  # no ranges: old way
    across = _finding(text, 1, inside[1], "x")
    assert apply_fixes(text, [across], "xliff", [inside]) == (text, 0)


def test_mapped_text_covers_only_markup_free_runs() -> None:
    text = "Id&#108;eb Id<b>le</b>b"
    b = MappedBuilder()
    b.add("Id", 0)
    b.add("l", 2, 8)
    b.add("eb", 8)
    b.brk()
    b.add("Id", 11)
    b.add("le", 16)
    b.add("b", 22)
    prose = b.build()
    assert prose.text == "Idleb\nIdleb"
    assert prose.covers(0, 10) and prose.covers(2, 8) and prose.covers(0, 0)
    assert not prose.covers(3, 8)  # inside a reference
    assert not prose.covers(11, len(text))  # across <b>
    assert not prose.covers(0, 13)  # across the break
    assert prose.crosses_break(3, 8) and not prose.crosses_break(0, 5)


def test_jsonl_huge_number_is_an_input_error(tmp_path: Path) -> None:
    p = tmp_path / "big.jsonl"
    p.write_text('{"source": "a", "target": "b"}\n{"source": "a", "target": "b", "n": ' + "7" * 5000 + "}\n")
    code, out, err = invoke("check", str(p))
    assert (code, out, err) == (
        2,
        "",
        f"tqcheck: error: {p}:2: malformed JSON: a number with too many digits\n",
    )


def test_jsonl_deep_nesting_is_an_input_error_in_a_real_process(tmp_path: Path) -> None:
    p = tmp_path / "deep.jsonl"
    p.write_text('{"source": "a", "target": "b", "n": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    proc = subprocess.run(
        [sys.executable, "-m", "tqcheck", "check", str(p)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"tqcheck: error: {p}:1: JSON nested deeper than 100 levels\n"


def test_jsonl_brackets_inside_strings_are_not_nesting(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_text('{"source": "[[[", "target": "' + "[" * 500 + ' Idleb"}\n', encoding="utf-8")
    assert [f[5] for f in tq101(p)] == ["Idleb"]


@pytest.mark.parametrize(
    ("literal", "message"),
    [
        ('"ab\\"', "malformed JSON string (bad escape '\\\\\"')"),
        ('"a\\u12"', "malformed JSON string (\\u needs four hex digits)"),
        ('"a\\uZZZZ"', "malformed JSON string (\\u needs four hex digits)"),
        ('"a\\q"', "malformed JSON string (bad escape '\\\\q')"),
        ('"\\ud83d\\u"', "malformed JSON string (\\u needs four hex digits)"),
    ],
)
def test_jsonl_string_decoder_never_indexes_past_its_input(literal: str, message: str) -> None:
    with pytest.raises(InputError) as exc:
        _string(literal, 0, len(literal), "a.jsonl:3")
    assert str(exc.value) == f"a.jsonl:3: {message}"


def _deep_xliff(depth: int) -> str:
    return (
        '<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="fr" target-language="en">'
        '<body><trans-unit id="1"><source>a</source><target>'
        + "<g>" * depth
        + "Idleb"
        + "</g>" * depth
        + "</target></trans-unit></body></file></xliff>\n"
    )


def test_xml_deep_nesting(tmp_path: Path) -> None:
    deep = tmp_path / "deep.xlf"
    deep.write_text(_deep_xliff(100_000), encoding="utf-8")
    code, out, err = invoke("check", str(deep))
    assert (code, out, err) == (
        2,
        "",
        f"tqcheck: error: {deep}: XML elements nested deeper than 1000 levels\n",
    )
    ok = tmp_path / "ok.xlf"
    ok.write_text(_deep_xliff(990), encoding="utf-8")  # deeper than Python's recursion limit
    doc = load_document(ok)
    assert [p.target.text for p in doc.pairs] == ["Idleb"]
    assert [f[5] for f in tq101(ok)] == ["Idleb"]


def test_element_iter_is_document_order() -> None:
    root = parse("<a><b id='1'><b id='2'/></b><c><b id='3'/></c></a>", "x.xml")
    assert [e.attr("id") for e in root.iter("b")] == ["1", "2", "3"]


def test_glossary_validate_gives_the_variant_its_own_line(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(
        "name: g\nlanguage: en\nentries:\n  - id: idlib\n    canonical: Idlib\n"
        "    variants:\n      - Idleb\n      - Idlib\n",
        encoding="utf-8",
    )
    code, out, _ = invoke("glossary", "validate", str(g))
    assert code == 1
    assert f"{g}:8: idlib: variant 'Idlib' equals an accepted form of the entry" in out.splitlines()
