"""Error types shared by the whole project.

User mistakes (a malformed truth table, an unknown basis, a broken file) raise ``InputError``; the CLI
turns it into one line on stderr and exit code 2. A circuit that fails verification raises
``VerificationError``: that is a bug in the tool, never a user mistake, so it is kept distinct.
"""


class InputError(ValueError):
    """Bad input from a user: reported as one line, exit code 2."""


class VerificationError(AssertionError):
    """A circuit produced by the tool does not compute its specification (a bug)."""
