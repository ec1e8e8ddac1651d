"""Extraction: a report's text in, the record a careful documenter would make out.

    from vigil.extract import Extractor
    result = Extractor().extract(text, published="2012-01-06")
    result.record   # GUIDELINES schema (minus "doc")
    result.claims   # one Claim per fact, with evidence spans into ``text``

Stages are registered in ``vigil.extract.registry`` under versioned names and run in order.
"""

from __future__ import annotations

from vigil.extract.extractor import Extractor
from vigil.extract.model import Claim, ExtractionResult
from vigil.extract.registry import stage

__all__ = ["Claim", "ExtractionResult", "Extractor", "stage"]
