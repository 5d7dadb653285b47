"""The conjecture study (docs/study.md): problems -> synthesis -> enumeration -> analysis -> verdicts.

``run_study`` runs the protocol through the batch engine and returns a ``StudyRun``; ``summary``
turns it into the terminal table and the ``--json`` document, ``report`` into the HTML report.
"""

from circuits.study.config import QUICK_PROBLEMS, StudyConfig, parse_bases, select_problems
from circuits.study.protocol import StudyRun, run_study

__all__ = ["QUICK_PROBLEMS", "StudyConfig", "StudyRun", "parse_bases", "run_study", "select_problems"]
