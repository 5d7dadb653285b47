"""The synthesis pipeline a command runs for one function: the starting bound from the heuristic
circuit and a short rewriting pass (circuits.improve), then the exact search (sat_encoding).

It sits above both, so a script and the command line get the same answer from one call.
"""

from circuits.pipeline.solve import solve_function

__all__ = ["solve_function"]
