"""Persistence: one database URL, SQLite by default, PostgreSQL for teams.

Every difference between the two engines lives in ``dialect``; the rest of the package
talks to ``Database`` and the repository modules (``reports``, ``search``).
"""

from vigil.store.db import Database, open_database

__all__ = ["Database", "open_database"]
