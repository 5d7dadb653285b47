"""The encoder's version: bumped whenever a change could alter results.

It keys the result store's jobs and every kept proven bound (kept_bounds.py), so that claims made
by an older encoding (one whose symmetry rule was later found unsound, say) are never carried
forward.
"""

ENCODER_VERSION = "4"
