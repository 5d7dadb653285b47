"""Checks of the paths a command will write, made before the command does any work.

A study that computes for an hour and then cannot write its report, or a solve whose ``-o`` names a
missing folder, wastes the whole run. So every command checks its output paths first: a file must
lie in an existing folder it can create files in, and must not be a folder or a device; a report
folder is created at once. The check creates and removes a probe file instead of asking
``os.access``, which says yes to everything when the process runs as root (in containers, often).
"""

from __future__ import annotations

import os
import stat
import tempfile

from circuits.errors import InputError, os_error_reason, quoted

#: The output path that means standard output.
STDOUT = "-"


def _probe(folder: str, option: str, target: str) -> None:
    """Create and remove a file in ``folder``: the only sure test that files can be written there."""
    try:
        with tempfile.TemporaryFile(dir=folder or "."):
            pass
    except OSError as err:
        raise InputError(f"{option} {quoted(target)}: cannot write in {quoted(folder or '.')}: {os_error_reason(err)}") from None


def check_output_file(path: str | None, option: str = "-o") -> None:
    """Refuse, before any work, a file path that cannot be written: a folder, a device, a missing
    or unwritable folder. None and ``-`` (standard output) pass."""
    if path is None or path == STDOUT:
        return
    if os.path.isdir(path):
        raise InputError(f"{option} {quoted(path)} is a folder; give a file name")
    if os.path.exists(path):
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"{option} {quoted(path)} is a device or other special file, not a regular file (use {option} - for standard output)")
    folder = os.path.dirname(path)
    if folder and not os.path.isdir(folder):
        what = "is not a folder" if os.path.exists(folder) else "does not exist"
        raise InputError(f"{option} {quoted(path)}: the folder {quoted(folder)} {what}")
    _probe(folder, option, path)


def check_output_folder(path: str, option: str = "--out") -> None:
    """Create the report folder ``path`` now (with its parents) and check files can be written in it."""
    if os.path.exists(path) and not os.path.isdir(path):
        raise InputError(f"{option} {quoted(path)} is a file, not a folder")
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as err:
        raise InputError(f"{option} {quoted(path)}: cannot create the folder: {os_error_reason(err)}") from None
    _probe(path, option, path)
