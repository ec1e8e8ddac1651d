"""The review workbench: one report at a time, its facts as the documenter's record.

- ``record``: a report's claims grouped as documenters think of them (persons with their
  aliases, birth, affiliations and relatives; organisations; events; charges; sentences).
- ``queue``: every report with its review state, filtered and sorted, with counts.
- ``actions``: decide a fact, accept the rest, add a missed fact; each does its side effects
  (progress, cases, audit entry) once, for the web and the CLI alike.
"""
