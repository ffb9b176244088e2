"""Reading files: encodings, BOM, CRLF, binary input, offsets -> line:column."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqcheck.document import LineIndex, decode, expand_inputs, load_path
from tqcheck.errors import InputError
from tqcheck.formats import EXTENSIONS
from tqcheck.model import Span


def test_line_index_positions_are_one_based_code_points() -> None:
    text = "Ⓒ AFP\nIdleb était\r\nfin"
    idx = LineIndex(text)
    assert idx.position(0) == (1, 1)
    assert idx.position(text.index("Idleb")) == (2, 1)
    assert idx.position(text.index("était")) == (2, 7)
    assert idx.position(text.index("fin")) == (3, 1)
    assert idx.position(len(text)) == (3, 4)
    assert idx.line_count == 3
    with pytest.raises(ValueError):
        idx.position(len(text) + 1)


def test_utf8_bom_is_removed_and_remembered(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"\xef\xbb\xbfIdleb\r\nHama\r\n")
    doc = load_path(p)
    assert doc.bom is True
    assert doc.text == "Idleb\r\nHama\r\n"  # CRLF kept
    assert doc.newline == "\r\n"
    loc = doc.locate(Span(7, 11))
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (2, 1, 2, 5)
    assert doc.line_text(1) == "Idleb"


def test_latin1_is_detected_and_noted() -> None:
    data = "Les forces du régime ont repris l'aéroport militaire d'Abou Douhour, près d'Idleb, après des combats acharnés.".encode(
        "cp1252"
    )
    text, encoding, _bom, notes = decode(data, "x.txt")
    assert "régime" in text and "aéroport" in text
    assert encoding != "utf-8"
    assert notes and "not UTF-8" in notes[0]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (bytes(range(256)) * 4, "binary file"),
    ],
)
def test_binary_is_an_input_error(tmp_path: Path, data: bytes, message: str) -> None:
    p = tmp_path / "img.txt"
    p.write_bytes(data)
    with pytest.raises(InputError) as exc:
        load_path(p)
    assert message in str(exc.value)
    assert str(p) in str(exc.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        load_path(tmp_path)


def test_expand_inputs_walks_directories_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z")
    (tmp_path / "a.md").write_text("a")
    (tmp_path / "skip.bin").write_text("x")
    (tmp_path / ".hidden.txt").write_text("h")
    found = list(expand_inputs([str(tmp_path)], EXTENSIONS))
    assert found == [str(tmp_path / "a.md"), str(tmp_path / "b" / "z.txt")]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no files ending in"):
        list(expand_inputs([str(empty)], EXTENSIONS))


def test_directory_walk_skips_documentation_and_excluded(tmp_path: Path) -> None:
    for name in ("README.md", "LICENSE.txt", "story.txt", "draft.txt"):
        (tmp_path / name).write_text("x")
    assert list(expand_inputs([str(tmp_path)], EXTENSIONS)) == [
        str(tmp_path / "draft.txt"),
        str(tmp_path / "story.txt"),
    ]
    assert list(expand_inputs([str(tmp_path)], EXTENSIONS, exclude=["draft*"])) == [
        str(tmp_path / "story.txt")
    ]
    assert list(expand_inputs([str(tmp_path / "README.md")], EXTENSIONS)) == [
        str(tmp_path / "README.md")
    ]  # named: read
