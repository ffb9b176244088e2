"""Property tests over every input format and glossary loader (hypothesis).

Whatever the bytes, loading gives a Document or the documented one-line InputError, never
another exception; every finding honours the JSON contract (``decoded[start:end] == text``,
line and column consistent with the offsets); and ``--fix`` writes back exactly the fixed text
in the file's own encoding, BOM and line endings.

In CI the profile is fixed (derandomized, bounded examples); ``TQCHECK_FUZZ=long`` runs many more
(see conftest.py).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tqcheck.checks.base import Context  # noqa: E402
from tqcheck.config import Config  # noqa: E402
from tqcheck.document import Document, decode  # noqa: E402
from tqcheck.engine import Engine  # noqa: E402
from tqcheck.errors import InputError  # noqa: E402
from tqcheck.fix import apply_fixes  # noqa: E402
from tqcheck.formats import load_document  # noqa: E402
from tqcheck.glossary import load_glossaries  # noqa: E402
from tqcheck.glossary.matcher import Matcher  # noqa: E402
from tqcheck.glossary.validate import validate  # noqa: E402
from tqcheck.reporters.json import report_dict  # noqa: E402
from tqcheck.runner import build_context, load_documents  # noqa: E402
from tqcheck.settings import Flags, RunSettings, resolve  # noqa: E402

FUZZ = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

#: Pieces real MT news is made of, and pieces that break naive code.
WORDS = [
    "Idleb",
    "Idlib",
    "OSDH",
    "SOHR",
    "Hayat Tahrir al-Cham",
    "Hayat Tahrir al-Sham",
    "Abu",
    "al-",
    "bin",
    "the Syrian Observatory for Human Rights (OSDH)",
    "(OCH)",
    "(UN)",
    "his allies",
    ". .",
    "the the",
    "Sign in / Join",
    "AFP",
    "Núñez",
    "Kadhafi",
    "Gaddafi",
    "Zelensky",
    "1,200",
    "7,4 milliards",
    "12 January",
    "Monday",
    "«",
    "»",
    '"',
    "(",
    ")",
    "&",
    "&amp;",
    "&#108;",
    "<b>",
    "</b>",
    '<g id="1">',
    "</g>",
    "{name}",
    "%d",
    "\\",
    "\\n",
    "\\x41",
    "\t",
    "\r\n",
    "\n",
    "\u00a0",
    "\u200b",
    "\u202e",
    "\x1b[2J",
    "é",
    "ﬁ",
    "ß",
    "İstanbul",
    "Straße",
    "中文",
    "👍🏽",
    "e\u0301",
    "]]>",
    "<![CDATA[",
    "\ufeff",
    "--",
    "—",
    "…",
    " ",
]
_SAFE_CHARS = st.characters(blacklist_categories=("Cs",))
TEXT = st.lists(st.one_of(st.sampled_from(WORDS), st.text(_SAFE_CHARS, max_size=8)), max_size=40).map(
    " ".join
)


def _xml_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _po_text(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def xliff(src: str, tgt: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="fr" '
        'target-language="en" datatype="plaintext" original="a"><body>\n'
        f'<trans-unit id="1"><source>{_xml_text(src)}</source><target>{_xml_text(tgt)}</target></trans-unit>\n'
        f'<trans-unit id="2"><source>x</source><target><![CDATA[{tgt.replace("]]>", "")}]]></target></trans-unit>\n'
        "</body></file></xliff>\n"
    )


def tmx(src: str, tgt: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="fr" adminlang="en" '
        'segtype="sentence" datatype="plaintext" o-tmf="x" creationtool="t" creationtoolversion="1"/><body>\n'
        f'<tu><tuv xml:lang="fr"><seg>{_xml_text(src)}</seg></tuv><tuv xml:lang="en"><seg>{_xml_text(tgt)}'
        "</seg></tuv></tu>\n</body></tmx>\n"
    )


def po(src: str, tgt: str) -> str:
    return f'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "{_po_text(src)}"\nmsgstr "{_po_text(tgt)}"\n'


def jsonl(src: str, tgt: str) -> str:
    return json.dumps({"id": "1", "source": src, "target": tgt}, ensure_ascii=False) + "\n"


def html(src: str, tgt: str) -> str:
    return f"<html><head><title>x</title></head><body><p>{_xml_text(tgt)}</p><p>{tgt}</p></body></html>\n"


def markdown(src: str, tgt: str) -> str:
    return f"# {tgt}\n\n{tgt}\n\n```\n{src}\n```\n\n[{tgt}](http://x) `{src}`\n"


def text(src: str, tgt: str) -> str:
    return tgt


BUILDERS = {
    ".txt": text,
    ".xlf": xliff,
    ".tmx": tmx,
    ".po": po,
    ".jsonl": jsonl,
    ".html": html,
    ".md": markdown,
}


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="tqcheck-fuzz-") as d:
        yield Path(d)


@pytest.fixture(scope="module")
def run_settings() -> RunSettings:
    return resolve(Flags(), Config())  # the shipped glossaries and every rule


@pytest.fixture(scope="module")
def context(run_settings: RunSettings) -> Context:
    ctx: Context = build_context(run_settings)
    return ctx


def _line_col(decoded: str, offset: int) -> tuple[int, int]:
    before = decoded[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def assert_contract(doc: Document, report: dict[str, object]) -> None:
    findings = report["findings"]
    assert isinstance(findings, list)
    for f in findings:
        if f["path"] != doc.path:
            continue
        start, end = f["start"], f["end"]
        assert 0 <= start <= end <= len(doc.text)
        assert doc.text[start:end] == f["text"]
        assert (f["line"], f["column"]) == _line_col(doc.text, start)
        assert (f["end_line"], f["end_column"]) == _line_col(doc.text, end)


@FUZZ
@given(ext=st.sampled_from(sorted(BUILDERS)), src=TEXT, tgt=TEXT)
def test_every_format_loads_and_every_finding_honours_the_contract(
    folder: Path, run_settings: RunSettings, context: Context, ext: str, src: str, tgt: str
) -> None:
    path = folder / f"doc{ext}"
    path.write_text(BUILDERS[ext](src, tgt), encoding="utf-8")
    try:
        docs = load_documents([str(path)], run_settings)
    except InputError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
        return
    (doc,) = docs
    assert len(doc.content) == len(doc.text)
    for pair in doc.pairs:
        assert 0 <= pair.target.file_span.start <= pair.target.file_span.end <= len(doc.text)
    context.forget()
    report = Engine(context, run_settings.engine).run(docs)
    assert_contract(doc, report_dict(report))


@FUZZ
@given(ext=st.sampled_from(sorted(BUILDERS)), data=st.binary(max_size=400), cut=st.integers(0, 400))
def test_any_bytes_in_any_format_load_or_are_refused_in_one_line(
    folder: Path, ext: str, data: bytes, cut: int
) -> None:
    """Random bytes, and a valid file cut short or with bytes spliced in."""
    path = folder / f"raw{ext}"
    valid = BUILDERS[ext]("Les combats à Idleb.", "Fighting in Idleb & Alep.").encode()
    for payload in (data, valid[:cut], valid[:cut] + data + valid[cut:]):
        path.write_bytes(payload)
        try:
            doc = load_document(path)
        except InputError as exc:
            assert "\n" not in str(exc)
            continue
        assert len(doc.content) == len(doc.text)


ENCODINGS = [("utf-8", False), ("utf-8", True), ("utf-16", True), ("cp1252", False), ("latin-1", False)]


@pytest.mark.slow
@FUZZ
@given(
    words=st.lists(
        st.sampled_from([*WORDS[:20], "Fighting", "in", "went", "on", "and", "Aleppo."]),
        min_size=1,
        max_size=30,
    ),
    encoding=st.sampled_from(ENCODINGS),
    crlf=st.booleans(),
)
def test_fix_writes_back_exactly_the_fixed_text(
    folder: Path,
    run_settings: RunSettings,
    context: Context,
    words: list[str],
    encoding: tuple[str, bool],
    crlf: bool,
) -> None:
    from typer.testing import CliRunner

    from tqcheck.cli import app

    name, bom = encoding
    body = "\n".join(" ".join(words[i : i + 5]) for i in range(0, len(words), 5)) + "\n"
    if crlf:
        body = body.replace("\n", "\r\n")
    try:
        raw = body.encode(name)
    except UnicodeEncodeError:
        return
    if bom and name == "utf-8":
        raw = b"\xef\xbb\xbf" + raw
    path = folder / "fix.txt"
    path.write_bytes(raw)
    forced = ["--encoding", name] if name in ("cp1252", "latin-1") else []
    forced_name = forced[1] if forced else None
    text, _, _, _ = decode(raw, str(path), encoding=forced_name, langs=["en"])
    context.forget()
    docs = load_documents([str(path)], run_settings, encoding=forced_name)
    before = Engine(context, run_settings.engine).run(docs)
    expected, applied = apply_fixes(text, before.findings, docs[0].format)
    result = CliRunner().invoke(app, ["check", str(path), "--fix", "--fail-on", "never", *forced])
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    if not applied:
        assert after == raw
        return
    if bom:
        assert after.startswith({"utf-8": b"\xef\xbb\xbf", "utf-16": raw[:2]}[name])
    assert after.decode("utf-8-sig" if name == "utf-8" else name).lstrip("\ufeff") == expected
    assert after.count(b"\r\n") == raw.count(b"\r\n") or not crlf


YAML_PIECES = [
    "entries:",
    "  - id: x",
    "    canonical: Idlib",
    "    variants: [Idleb]",
    "    source: [OSDH]",
    "    fr: Idleb",
    "    de: {preferred: Idlib, acronym: IS, also: [x]}",
    "    territory: SY",
    "    homographs: [Idleb]",
    "languages: [en, fr]",
    "name: x",
    "language: en",
    "- ",
    ": ",
    "&a [*a]",
    "!!python/object:os.system",
    "{",
    "[",
    "'",
    '"',
]


@FUZZ
@given(
    kind=st.sampled_from(["yaml", "csv", "tsv", "tbx"]),
    lines=st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(_SAFE_CHARS, max_size=20)), max_size=12),
)
def test_glossary_loaders_load_or_refuse_in_one_line(folder: Path, kind: str, lines: list[str]) -> None:
    path = folder / f"g.{kind}"
    if kind == "tbx":
        body = (
            '<?xml version="1.0"?><martif type="TBX" xml:lang="en"><text><body><termEntry id="a">'
            + "".join(
                f'<langSet xml:lang="en"><tig><term>{_xml_text(t)}</term></tig></langSet>' for t in lines
            )
            + "</termEntry></body></text></martif>"
        )
    elif kind in ("csv", "tsv"):
        sep = "," if kind == "csv" else "\t"
        body = f"id{sep}canonical{sep}variants\n" + "\n".join(
            f"e{i}{sep}{t}{sep}{t}x" for i, t in enumerate(lines)
        )
    else:
        body = "\n".join(lines)
    path.write_text(body, encoding="utf-8")
    try:
        glossary = load_glossaries([path])
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    matcher = Matcher(glossary)
    validate(glossary)
    for m in matcher.find("Fighting in Idleb, said the OSDH. " + " ".join(lines)):
        assert m.start < m.end
