from __future__ import annotations

import pytest

from vigil.extract import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The spaCy model loads once for the whole test session."""
    return Extractor()
