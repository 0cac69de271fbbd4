"""Writing files that hold case text: atomically, privately, and with a plain answer when it fails.

A file is written to a temporary file beside the target (``.<name>.XXXXXXXX<suffix>``, created
0600 so no other account can read it even for a moment), flushed to disk, renamed over the target
and the folder synced: the target is the old file or the complete new one, never half of either.
A crash between creating and renaming leaves the temporary file behind; the next write into that
folder sweeps such orphans (ours by their name, and old enough that no running write owns them).
Temporary folders of ours in the system's temporary directory (LibreOffice profiles and renders,
which hold case text) are swept the same way when the app or an export starts.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path
from typing import Callable

# Our own temporary names, and only those, are swept: `.report.docx.k3j9x0qa.docx`.
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}(?P<suffix>\.[A-Za-z0-9]+)$")
TEMPORARY_FOLDER_PREFIX = "shadowreport-"
# The folders that hold case text while a document is exported or rendered (others, a benchmark's, are left alone).
SWEPT_FOLDER_KINDS = ("lo-", "pdf-", "pages-", "render-", "ui-export-")
ORPHAN_AGE_SECONDS = 60  # a write in progress is younger than this
FOLDER_AGE_SECONDS = 3600  # a LibreOffice render may take minutes; an hour-old folder is abandoned


class WriteError(OSError):
    """A file could not be written; the message is one sentence naming the path and what to do."""

    def __init__(self, code: int | None, message: str) -> None:
        super().__init__(code, message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def temporary_name_for(path: Path) -> tuple[str, str]:
    """The prefix and suffix mkstemp uses for a temporary file beside ``path``."""
    return f".{path.name}.", path.suffix


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(temporary_path)`` and move the result over ``path``; on any failure nothing is left.

    ``write`` fills a file that already exists (empty, mode 0600). OS errors come back as a
    ``WriteError`` whose message says what went wrong and what to do.
    """
    path = Path(path)
    created = _make_parents(path)
    temporary: Path | None = None
    try:
        sweep_orphans(path.parent)
        prefix, suffix = temporary_name_for(path)
        handle, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=path.parent)  # mode 0600
        os.close(handle)
        temporary = Path(name)
        write(temporary)
        _fsync_file(temporary)
        os.replace(temporary, path)
        temporary = None
        _fsync_folder(path.parent)
    except OSError as error:
        raise WriteError(error.errno, explain(path, error)) from None
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        if temporary is not None or not path.exists():
            _remove_empty(created)


def write_text_atomically(path: Path, text: str) -> None:
    def write(target: Path) -> None:
        with open(target, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)

    write_atomically(path, write)


def explain(path: Path, error: OSError) -> str:
    """One sentence: which file, what went wrong, what to do."""
    if isinstance(error, WriteError):
        return str(error)
    code = error.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return f"{path} could not be written: the disk is full; free some space or choose another folder, then export again."
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{path} could not be written: the folder {path.parent} does not allow it (permission denied or read-only); choose a folder you can write to."
    if code in (errno.ENOTDIR, errno.EEXIST) and not path.is_dir():
        blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), path.parent)
        return f"{path} could not be written: {blocker} is a file, not a folder; choose another place for the output."
    if code == errno.EISDIR or path.is_dir():
        return f"{path} is a folder; give the output a file name, such as {path / ('report' + (path.suffix or '.docx'))}."
    if code == errno.ENAMETOOLONG:
        return f"{path} could not be written: the name is too long; choose a shorter file name."
    if code == errno.ENOENT:
        return f"{path} could not be written: the folder {path.parent} cannot hold files; choose another folder."
    reason = error.strerror or type(error).__name__
    return f"{path} could not be written ({reason}); choose another folder or check the disk, then export again."


def reason(error: OSError) -> str:
    """What went wrong, in a few words, without the path."""
    code = error.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "the disk is full"
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "writing there is not allowed"
    return (error.strerror or type(error).__name__).lower()


def sweep_orphans(folder: Path, max_age: float = ORPHAN_AGE_SECONDS) -> list[Path]:
    """Remove our own temporary files left in ``folder`` by an interrupted write; returns what was removed."""
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if not match or not match["name"].endswith(match["suffix"]):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > max_age:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def sweep_temporary_folders(max_age: float = FOLDER_AGE_SECONDS) -> list[Path]:
    """Remove our abandoned export and LibreOffice folders (``shadowreport-lo-*`` ...) in the system's temporary directory."""
    removed = []
    now = time.time()
    root = Path(tempfile.gettempdir())
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(tuple(TEMPORARY_FOLDER_PREFIX + kind for kind in SWEPT_FOLDER_KINDS)):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and now - info.st_mtime > max_age:
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _make_parents(path: Path) -> list[Path]:
    """Create missing folders above ``path``; returns those created (deepest last)."""
    missing = []
    for parent in path.parents:
        if os.path.lexists(parent):
            break
        missing.append(parent)
    created = []
    try:
        for folder in reversed(missing):
            folder.mkdir(mode=0o700)
            created.append(folder)
    except OSError as error:
        _remove_empty(created)
        raise WriteError(error.errno, explain(path, error)) from None
    return created


def _remove_empty(folders: list[Path]) -> None:
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:
            break


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as stream:
        os.fsync(stream.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system can open a folder, which is harmless."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
