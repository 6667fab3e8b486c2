"""Writing files whole: a reader sees the old file or the complete new one, never a part.

The temporary file beside the target is named ``.NAME.PID-XXXXXXXX.tmp`` after the writer's
process id; a run killed before its rename leaves it behind, and the next write to ``NAME``
removes such files whose writer is no longer running.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["write_atomically"]


def write_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path.

    The bytes go to a temporary file in the same directory, are flushed to disk, then renamed over
    ``path``. On any failure (an interrupt included) the temporary file is removed and ``path`` is
    untouched; a run killed outright leaves the temporary file, which the next write to ``path``
    removes. The file gets the permissions a new file would (the umask applies). Only a regular
    file (or a symbolic link, which is replaced, not followed) is replaced: a directory, a fifo, a
    device or a socket at ``path`` raises :class:`OSError` and is left as it was.
    """
    target = Path(path)
    _refuse_special(target)
    _remove_leftovers(target)
    prefix = f".{target.name}.{os.getpid()}-"
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _refuse_special(target: Path) -> None:
    # Renaming over a fifo or a device would replace the special file itself (a device node, for
    # a user allowed to write in /dev), which no one asking for an output file means.
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise OSError(errno.EEXIST, "not a regular file", str(target))


def _running(pid: int) -> bool:
    """Whether process ``pid`` may still be at work on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # there, but another user's
    return True


def _remove_leftovers(target: Path) -> None:
    """Remove the temporary files of writers of ``target`` killed before their rename."""
    prefix = f".{target.name}."
    try:
        entries = [entry for entry in target.parent.iterdir() if entry.name.startswith(prefix)]
    except OSError:
        return
    for entry in entries:
        pid_text, dash, _ = entry.name.removeprefix(prefix).partition("-")
        if not (dash and pid_text.isdigit() and entry.name.endswith(".tmp")) or _running(int(pid_text)):
            continue
        try:
            if stat.S_ISREG(entry.lstat().st_mode):
                entry.unlink()
        except OSError:
            continue
