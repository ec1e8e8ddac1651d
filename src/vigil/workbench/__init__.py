"""The review workbench: one report at a time, its facts as the documenter's record.

- ``record``: a report's claims grouped as documenters think of them (persons with their
  aliases, birth, affiliations and relatives; organisations; events; charges; sentences).
- ``queue``: every report with its review state, filtered and sorted, with counts.
- ``actions``: decide a fact, with the checks the page needs around the operations layer;
  accepting the rest and adding a missed fact are operations (``vigil.operations.claims``),
  each with its side effects (progress, cases, audit entry) once, for the web and the CLI.
"""
