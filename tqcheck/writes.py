"""Writing files without damaging what is there: reports (``-o``) and fixed inputs (``--fix``).

A regular file is replaced atomically (a temp file beside it, fsync, rename) through symlinks to
the real file, keeping its mode and owner. A file with several hard links, or one whose owner
the rename could not keep, is rewritten in place under the lock, so every link sees the fix.
A device, FIFO or ``-`` is written through, never replaced (``-o /dev/null`` must stay a
device). Temp files have a short recognisable name (``.tqcheck-PID-XXXXXXXX.tmp``, safe beside
a 255-byte file name), are removed on every exit path we can see, and those a killed run left
behind are removed by the next write into that folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass

from tqcheck.errors import InputError, os_reason

try:  # advisory locks: POSIX only; elsewhere concurrent --fix runs are not serialised
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

TEMP_PREFIX = ".tqcheck-"
TEMP_SUFFIX = ".tmp"
_TEMP = re.compile(r"\.tqcheck-(\d+)-[A-Za-z0-9_]+\.tmp\Z")
#: A temp file older than this is stale even if its PID now belongs to another process.
STALE_AFTER_S = 24 * 3600
#: Folders whose entries are devices or kernel views, never files to replace.
_SPECIAL_ROOTS = ("/dev/", "/proc/", "/sys/")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # it exists (another user's), or it is no PID we can judge
    return True


def clean_stale(folder: str) -> int:
    """Remove temp files of tqcheck runs that died (``kill -9``) in ``folder``; how many."""
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    now = time.time()
    for name in names:
        m = _TEMP.match(name)
        if m is None:
            continue
        path = os.path.join(folder, name)
        try:
            st = os.lstat(path)
            pid = int(m.group(1))
            dead = pid != os.getpid() and not _pid_alive(pid)
            if stat.S_ISREG(st.st_mode) and (dead or now - st.st_mtime > STALE_AFTER_S):
                os.unlink(path)
                removed += 1
        except (OSError, ValueError):
            continue
    return removed


def _temp_beside(real: str) -> tuple[int, str]:
    folder = os.path.dirname(real) or "."
    clean_stale(folder)
    return tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=folder)


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _fsync_folder(folder: str) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder or ".", os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _replace(real: str, data: bytes | memoryview, old: os.stat_result | None) -> bool:
    """Atomically replace ``real`` by ``data`` (keeping ``old``'s mode and owner).

    Returns False, writing nothing, when the owner could not be kept (the caller then writes
    in place, which keeps it).
    """
    fd, tmp = _temp_beside(real)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
            if old is not None:
                os.fchmod(fd, stat.S_IMODE(old.st_mode))
                mine = os.fstat(fd)
                if (mine.st_uid, mine.st_gid) != (old.st_uid, old.st_gid):
                    try:
                        os.fchown(fd, old.st_uid, old.st_gid)
                    except PermissionError:
                        return False
            else:  # a new file gets the usual permissions, not mkstemp's private 0600
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(fd, 0o666 & ~umask)
        finally:
            os.close(fd)
        os.replace(tmp, real)
        _fsync_folder(os.path.dirname(real))
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _write_in_place(real: str, data: bytes | memoryview) -> None:
    """Rewrite the file's own inode: hard links, owner and mode all stay as they are."""
    fd = os.open(real, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        _write_all(fd, data)
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    finally:
        os.close(fd)


def _special(path: str) -> bool:
    """A device, FIFO or socket, or a path that is or links through /dev, /proc or /sys.

    ``/dev/stdout`` and any symlink to ``/proc/self/fd/1`` name whatever stdout is (a terminal,
    a pipe, a file the shell opened): writing through is right, replacing never is.
    """
    hop = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on symlink hops
        if hop.startswith(_SPECIAL_ROOTS):
            return True
        try:
            target = os.readlink(hop)
        except OSError:  # not a link (or gone): the chain ends here
            break
        hop = os.path.normpath(os.path.join(os.path.dirname(hop), target))
    try:
        st = os.stat(path)
    except OSError:
        return False
    return not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode)


def write_output(target: str, data: bytes | memoryview) -> None:
    """Write a report to ``target``: ``-`` is stdout, a device or FIFO is written through,
    a regular file (or the file a symlink points to) is replaced atomically."""
    if target == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        if _special(target):
            with open(target, "wb") as handle:
                handle.write(data)
            return
        real = os.path.realpath(target)
        if os.path.isdir(real):
            raise InputError("is a directory", target)
        folder = os.path.dirname(real) or "."
        if not os.path.isdir(folder):
            raise InputError(f"folder {os.path.dirname(target) or folder!r} does not exist", target)
        try:
            old: os.stat_result | None = os.stat(real)
        except FileNotFoundError:
            old = None
        if (old is not None and old.st_nlink > 1) or not _replace(real, data, old):
            _write_in_place(real, data)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"cannot write: {os_reason(exc)}", target) from None


def silence_stdout() -> None:
    """The reader of stdout went away: send what is still buffered to /dev/null, not a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def same_file(a: str, b: str) -> bool:
    """Whether two paths name one file (through symlinks and hard links); False if either is missing."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


@dataclass(frozen=True)
class Locked:
    """A file held under an exclusive advisory lock: its real path, stat and current bytes."""

    real: str
    stat: os.stat_result
    data: bytes

    @property
    def read_only(self) -> bool:
        """No write permission bit at all (0444): root could rewrite it, a person meant it not to be."""
        return not self.stat.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


@contextlib.contextmanager
def locked(path: str, attempts: int = 20) -> Iterator[Locked]:
    """Hold an exclusive ``flock`` on the real file behind ``path`` while the caller re-reads,
    re-checks and rewrites it, so two concurrent ``--fix`` runs never lose each other's fixes.

    The lock belongs to an inode; when another run replaced the file while we waited, the lock
    is on the old one, so we try again on the file that is there now.
    """
    real = os.path.realpath(path)
    for _ in range(attempts):
        try:
            fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        except OSError as exc:
            raise InputError(f"cannot open for --fix: {os_reason(exc)}", path) from None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise InputError("not a regular file; --fix only rewrites files", path)
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                now = os.stat(real)
            except FileNotFoundError:
                raise InputError("file was removed while being fixed", path) from None
            if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
                continue  # replaced while we waited: lock the new one
            chunks = []
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
            yield Locked(real, os.fstat(fd), b"".join(chunks))
            return
        except OSError as exc:
            raise InputError(f"cannot fix: {os_reason(exc)}", path) from None
        finally:
            os.close(fd)  # closing the descriptor releases the lock
    raise InputError("file keeps changing while being fixed; not fixed", path)


def rewrite(held: Locked, data: bytes, where: str) -> None:
    """Write ``data`` over a file held by :func:`locked`, keeping links, owner and mode."""
    try:
        if held.stat.st_nlink > 1 or not _replace(held.real, data, held.stat):
            _write_in_place(held.real, data)
    except OSError as exc:
        raise InputError(f"cannot write the fix: {os_reason(exc)}", where) from None
