"""Error types shared by the whole project.

User mistakes (a malformed truth table, an unknown basis, a broken file) raise ``InputError``; the CLI
turns it into one line on stderr and exit code 2. A circuit that fails verification raises
``VerificationError``: that is a bug in the tool, never a user mistake, so it is kept distinct. So is
``CertificationError``: a second, independent proof disagreed with the first (``--certify``).
"""


class InputError(ValueError):
    """Bad input from a user: reported as one line, exit code 2."""


class VerificationError(AssertionError):
    """A circuit produced by the tool does not compute its specification (a bug)."""


class CertificationError(Exception):
    """An UNSAT answer behind a lower bound did not survive re-proving: a bug in a solver, a rule of
    the encoding or a bound. Reported as an error (exit code 3), never as a result."""
