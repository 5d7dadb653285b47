"""Batch benchmarking: many syntheses at once, on local processes or a Dask cluster, kept on disk.

* ``suites``    named collections of truth tables (``npn4``, ``all4``, ``problems``, ``random:…``, ``file:…``);
* ``engine``    runs independent jobs on a process pool or Dask workers and stores each result;
* ``store``     the SQLite result store shared with ``circuits study`` (resumable runs, kept bounds);
* ``synthesis`` turns a suite into synthesis jobs and condenses their results into the summary;
* ``report``    live progress, the summary table and the plot of ``circuits bench``.
"""
