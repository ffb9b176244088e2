"""Writes that respect what is there: ``-o`` and ``--fix`` on devices, FIFOs, symlinks, hard links,
other users' and read-only files, inputs given as the report path, stale temp files and
concurrent runs. Device nodes are made in a temp folder, never the system's."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tqcheck.writes import TEMP_PREFIX, clean_stale, locked, rewrite, write_output

from .conftest import DATA, invoke, run_tqcheck

GLOSSARY = ["--no-default-glossaries", "-g", str(DATA / "seed-glossary.yaml")]
ARTICLE = "Fighting went on in Idleb . . The army said so.\n"
FIXED = "Fighting went on in Idlib . The army said so.\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    return p


def test_report_to_a_device_writes_through_and_keeps_the_node(tmp_path: Path, article: Path) -> None:
    if not IS_ROOT:
        pytest.skip("mknod of a character device needs root")
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    code, out, err = invoke("check", str(article), *GLOSSARY, "-o", str(null))
    assert (code, out, err) == (1, "", "")
    assert stat.S_ISCHR(os.stat(null).st_mode) and os.stat(null).st_rdev == os.makedev(1, 3)


def test_report_to_a_fifo_is_read_by_its_reader(tmp_path: Path, article: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code, _, _ = invoke("check", str(article), *GLOSSARY, "-f", "json", "-o", str(fifo))
    reader.join(timeout=30)
    assert code == 1 and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [f["text"] for f in json.loads(got[0])["findings"]] == ["Idleb", ". ."]


def test_report_through_a_link_to_stdout_writes_through(tmp_path: Path, article: Path) -> None:
    """``-o /dev/stdout``: a link to ``/proc/self/fd/1`` made in a temp folder, stdout a pipe or a file."""
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    piped = run_tqcheck("check", str(article), *GLOSSARY, "-f", "json", "-o", str(link))
    assert piped.returncode == 1 and json.loads(piped.stdout)["summary"]["warnings"] == 2
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"
    out = tmp_path / "shell-redirect.json"
    with out.open("w") as handle:
        inode = os.fstat(handle.fileno()).st_ino
        redirected = run_tqcheck(
            "check", str(article), *GLOSSARY, "-f", "json", "-o", str(link), stdout=handle
        )
    assert redirected.returncode == 1 and out.stat().st_ino == inode  # written into, not replaced
    assert json.loads(out.read_text())["summary"]["warnings"] == 2


def test_report_through_a_symlink_replaces_the_target_not_the_link(tmp_path: Path, article: Path) -> None:
    real = tmp_path / "reports" / "r.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    code, _, _ = invoke("check", str(article), *GLOSSARY, "-f", "json", "-o", str(link))
    assert code == 1 and link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text())["summary"]["files"] == 1


def test_report_dash_is_stdout_and_no_file_named_dash(
    tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_tqcheck("check", str(article), *GLOSSARY, "-f", "json", "-o", "-")
    assert result.returncode == 1 and json.loads(result.stdout)["summary"]["warnings"] == 2
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink"])
def test_report_onto_an_input_is_refused(tmp_path: Path, article: Path, how: str) -> None:
    target = article
    if how == "symlink":
        target = tmp_path / "alias.txt"
        target.symlink_to(article)
    elif how == "hardlink":
        target = tmp_path / "other-name.txt"
        os.link(article, target)
    for extra in ([], ["--fix"]):
        code, out, err = invoke("check", str(article), *GLOSSARY, *extra, "-f", "json", "-o", str(target))
        assert code == 2 and out == ""
        assert (
            err
            == f"tqcheck: error: {target}: the report would overwrite the input {str(article)!r}; choose another -o path\n"
        )
        assert article.read_text() == ARTICLE  # neither reported over nor fixed


def test_report_onto_the_glossary_is_refused(tmp_path: Path, article: Path) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_bytes((DATA / "seed-glossary.yaml").read_bytes())
    code, _, err = invoke(
        "check", str(article), "--no-default-glossaries", "-g", str(glossary), "-o", str(glossary)
    )
    assert code == 2 and "would overwrite the input" in err
    assert glossary.read_bytes() == (DATA / "seed-glossary.yaml").read_bytes()


@pytest.mark.parametrize(
    ("where", "message"),
    [("missing/r.json", "folder 'MISSING' does not exist"), (".", "is a directory")],
)
def test_report_into_a_missing_folder_or_onto_a_folder(
    tmp_path: Path, article: Path, where: str, message: str
) -> None:
    target = str(tmp_path / where) if where != "." else str(tmp_path)
    code, _, err = invoke("check", str(article), *GLOSSARY, "-o", target)
    assert code == 2
    assert err == f"tqcheck: error: {target}: {message.replace('MISSING', str(tmp_path / 'missing'))}\n"


def test_fix_through_a_symlink_fixes_the_real_file_and_keeps_the_link(tmp_path: Path, article: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(article.name)
    code, _, err = invoke("check", str(link), *GLOSSARY, "--fix")
    assert (code, err) == (0, "Fixed 2 problems.\n")
    assert link.is_symlink() and os.readlink(link) == "a.txt" and article.read_text() == FIXED


def test_fix_keeps_hard_links(tmp_path: Path, article: Path) -> None:
    twin = tmp_path / "twin.txt"
    os.link(article, twin)
    inode = article.stat().st_ino
    code, _, _ = invoke("check", str(article), *GLOSSARY, "--fix")
    assert code == 0
    assert article.stat().st_ino == inode == twin.stat().st_ino and twin.stat().st_nlink == 2
    assert twin.read_text() == FIXED


def test_fix_keeps_owner_group_and_mode(tmp_path: Path, article: Path) -> None:
    if not IS_ROOT:
        pytest.skip("giving a file to another user needs root")
    os.chown(article, 65534, 65534)
    os.chmod(article, 0o640)
    code, _, _ = invoke("check", str(article), *GLOSSARY, "--fix")
    st = article.stat()
    assert code == 0 and article.read_text() == FIXED
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (65534, 65534, 0o640)


def test_read_only_file_is_not_rewritten_without_force(tmp_path: Path, article: Path) -> None:
    other = tmp_path / "b.txt"
    other.write_text(ARTICLE)
    os.chmod(article, 0o444)
    code, out, err = invoke("check", str(article), str(other), *GLOSSARY, "--fix", "-f", "json")
    assert code == 2
    assert err == (
        f"tqcheck: error: {article}: read-only file not fixed (use --force to rewrite it)\nFixed 2 problems.\n"
    )
    assert article.read_text() == ARTICLE and other.read_text() == FIXED  # the other file goes on
    assert [f["path"] for f in json.loads(out)["findings"]] == [str(article), str(article)]
    code, _, _ = invoke("check", str(article), *GLOSSARY, "--fix", "--force")
    assert code == 0 and article.read_text() == FIXED and stat.S_IMODE(article.stat().st_mode) == 0o444


def test_fix_of_a_250_character_file_name(tmp_path: Path) -> None:
    p = tmp_path / ("x" * 246 + ".txt")
    p.write_text(ARTICLE)
    code, _, _ = invoke("check", str(p), *GLOSSARY, "--fix")
    assert code == 0 and p.read_text() == FIXED
    assert [q.name for q in tmp_path.iterdir()] == [p.name]


def test_fix_the_encoding_cannot_hold_is_left_as_a_finding(tmp_path: Path) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "entries:\n  - id: basar\n    canonical: Bașar\n    variants: [Bachar]\n", encoding="utf-8"
    )
    p = tmp_path / "latin1.txt"
    data = "Bachar a parlé à Núñez.\n".encode("latin-1")
    p.write_bytes(data)
    code, out, _ = invoke(
        "check",
        str(p),
        "--no-default-glossaries",
        "-g",
        str(glossary),
        "--fix",
        "-f",
        "json",
        "--encoding",
        "latin-1",
    )
    assert code == 1 and p.read_bytes() == data
    assert [(f["text"], f["suggestion"]) for f in json.loads(out)["findings"]] == [("Bachar", "Bașar")]


def test_stale_temp_files_of_dead_runs_are_removed(tmp_path: Path, article: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"{TEMP_PREFIX}{dead.pid}-abc123.tmp"
    stale.write_bytes(b"x" * 1000)
    live = tmp_path / f"{TEMP_PREFIX}{os.getppid()}-def456.tmp"  # a running process: not ours to remove
    live.write_bytes(b"y")
    code, _, _ = invoke("check", str(article), *GLOSSARY, "--fix")
    assert code == 0 and not stale.exists() and live.exists()
    assert clean_stale(str(tmp_path)) == 0


def test_temp_file_is_removed_when_the_write_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.json"

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(Exception, match="No space left on device"):
        write_output(str(target), b"{}")
    assert list(tmp_path.iterdir()) == []


def test_fix_of_a_file_changed_since_it_was_read_keeps_both_changes(tmp_path: Path, article: Path) -> None:
    """A concurrent run fixed the doubled stop after this run read the file: this run checks the
    file again under the lock and fixes what is there now, losing neither change."""
    from tqcheck.config import Config
    from tqcheck.document import Document
    from tqcheck.engine import Engine
    from tqcheck.errors import InputError
    from tqcheck.fixfiles import FixOptions, fix_files
    from tqcheck.runner import build_context, load_documents
    from tqcheck.settings import Flags, resolve

    settings = resolve(
        Flags(glossaries=[DATA / "seed-glossary.yaml"], no_default_glossaries=True, select=["TQ101"]),
        Config(),
    )
    docs = load_documents([str(article)], settings)
    engine = Engine(build_context(settings), settings.engine)
    report = engine.run(docs)
    article.write_text(ARTICLE.replace(" . .", " ."))  # the other run's fix lands first

    def reload(doc: Document) -> Document:
        return load_documents([str(article)], settings)[0]

    errors: list[InputError] = []
    after = fix_files(report, docs, engine, reload, FixOptions(), errors.append)
    assert article.read_text() == FIXED and errors == [] and after.report.findings == ()
    assert after.applied == 1


def test_concurrent_fix_runs_lose_nothing(tmp_path: Path) -> None:
    body = "".join(f"Fighting in Idleb on day {n} . . The army said so.\n" for n in range(300))
    p = tmp_path / "c.txt"
    for _ in range(2):
        p.write_text(body)
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "tqcheck", "check", str(p), *GLOSSARY, "--fix", "--select", sel],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for sel in ("TQ101", "TQ502")
        ]
        assert [r.wait(timeout=120) for r in runs] == [0, 0]
        assert p.read_text() == body.replace("Idleb", "Idlib").replace(" . .", " .")


def test_locked_rewrite_in_place_for_linked_files(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("one")
    os.link(a, tmp_path / "b.txt")
    with locked(str(a)) as held:
        assert held.data == b"one" and not held.read_only
        rewrite(held, b"two!", str(a))
    assert (tmp_path / "b.txt").read_text() == "two!"


def test_unwritable_places_are_one_line_errors(
    tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--fix in a read-only folder and -o into it: exit 2, one line naming the file, no traceback.

    Root may write anywhere, so as root the folder's refusal is what the OS would say to a user.
    """
    folder = tmp_path / "ro"
    folder.mkdir()
    p = folder / "a.txt"
    p.write_text(ARTICLE)
    os.chmod(folder, 0o555)
    if IS_ROOT:
        from tqcheck import writes

        def refuse(real: str) -> tuple[int, str]:
            raise PermissionError(13, "Permission denied", real)

        monkeypatch.setattr(writes, "_temp_beside", refuse)
    try:
        code, _, err = invoke("check", str(p), *GLOSSARY, "--fix")
        assert code == 2 and p.read_text() == ARTICLE
        assert err == f"tqcheck: error: {p}: cannot write the fix: permission denied\nFixed 0 problems.\n"
        code, _, err = invoke("check", str(article), *GLOSSARY, "-o", str(folder / "r.json"))
        assert (code, err) == (2, f"tqcheck: error: {folder / 'r.json'}: cannot write: permission denied\n")
    finally:
        os.chmod(folder, 0o755)
