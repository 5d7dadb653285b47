"""Error types shared by the whole project.

User mistakes (a malformed truth table, an unknown basis, a broken file) raise ``InputError``; the CLI
turns it into one line on stderr and exit code 2. A circuit that fails verification raises
``VerificationError``: that is a bug in the tool, never a user mistake, so it is kept distinct. So is
``CertificationError``: a second, independent proof disagreed with the first (``--certify``).
"""

import errno
import re


class InputError(ValueError):
    """Bad input from a user: reported as one line, exit code 2."""


class VerificationError(AssertionError):
    """A circuit produced by the tool does not compute its specification (a bug)."""


class CertificationError(Exception):
    """An UNSAT answer behind a lower bound did not survive re-proving: a bug in a solver, a rule of
    the encoding or a bound. Reported as an error (exit code 3), never as a result."""


#: Most characters of a user's input an error message quotes: a 100,000-digit table must not come
#: back as a 100,000-character error line. A path is quoted whole up to PATH_QUOTE_LIMIT: the folder
#: part is what tells the user which file was meant.
QUOTE_LIMIT = 60
PATH_QUOTE_LIMIT = 200


def quoted(text: str, limit: int | None = None) -> str:
    """``text`` in quotes for an error message, cut to ``limit`` characters with the length said
    (default: QUOTE_LIMIT, or PATH_QUOTE_LIMIT for a path)."""
    if limit is None:
        limit = PATH_QUOTE_LIMIT if "/" in text else QUOTE_LIMIT
    if len(text) <= limit:
        return repr(text)
    return repr(text[: limit - 3] + "...") + f" ({len(text):,} characters)"


_LONG_QUOTE = re.compile(r"'([^'\n]{%d,})'" % (QUOTE_LIMIT + 1))


def clipped(message: str) -> str:
    """A message with every quoted part longer than QUOTE_LIMIT cut (a backstop for messages built by
    libraries, e.g. click's "invalid choice" line, that quote a whole input)."""
    return _LONG_QUOTE.sub(lambda match: quoted(match.group(1)), message)


#: Plain words for the errno values a user meets when a path is wrong.
_PLAIN_ERRNO = {
    errno.ENOENT: "no such file or folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.EACCES: "permission denied",
    errno.EPERM: "the operation is not permitted",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EEXIST: "it already exists",
    errno.ENAMETOOLONG: "the name is too long",
}


def os_error_reason(err: OSError) -> str:
    """What went wrong in a failed file operation, in plain words (no ``[Errno N]``)."""
    return _PLAIN_ERRNO.get(err.errno or -1) or (err.strerror or str(err)).lower()


def plain_os_error(err: OSError) -> str:
    """One readable line for a failed file operation: the path and what went wrong."""
    where = f"{quoted(str(err.filename))}: " if err.filename is not None else ""
    return f"{where}{os_error_reason(err)}"
