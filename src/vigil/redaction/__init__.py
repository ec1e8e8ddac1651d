"""The redaction policy: what the public never sees unless a reviewer releases it.

    from vigil.redaction import redact_text, public_dossier
    redact_text("Call +7 701 555 12 34", confidential=["Dana Amirova"]).text
    public_dossier(dossier, released={"Dana Amirova"})   # JSON-able public shape

The rules are data (``policy.yaml``, commented, reviewable without Python). Public shapes
are built by separate functions from the internal read models, so nothing reaches a public
page or e-mail without passing through here.
"""

from vigil.redaction.policy import Policy, Redacted, Withheld, policy, redact_text
from vigil.redaction.public import (
    PublicFacets,
    public_case_summary,
    public_dossier,
    public_facets,
    public_organizations,
    withheld_whole,
)

__all__ = [
    "Policy",
    "PublicFacets",
    "Redacted",
    "Withheld",
    "policy",
    "public_case_summary",
    "public_dossier",
    "public_facets",
    "public_organizations",
    "redact_text",
    "withheld_whole",
]
