from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def extractor() -> Any:
    """The spaCy model loads once for the whole test session."""
    from vigil.extract import Extractor

    return Extractor()
