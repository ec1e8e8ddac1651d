"""Same person, same organisation: one dossier per person across reports and spellings.

    from vigil.resolve import PersonMention, compare, resolve
    compare(PersonMention("1", "Ajzhangul Amirova"), PersonMention("2", "Айжангуль Амирова"))
    resolve(mentions, cannot_link={frozenset({"m1", "m7"})})

Modules: ``fold`` (canonical Latin form), ``names`` (parts of a name, blocking keys),
``namematch`` (name against name), ``match`` (mention against mention, with facts),
``cluster`` (persons), ``orgs`` (organisations), ``variants`` and ``evaluate`` (test data
and scoring). Rules and lexicons are commented YAML files in ``data/``.
"""

from vigil.resolve.cluster import Cluster, Merge, Proposal, resolve
from vigil.resolve.fold import fold
from vigil.resolve.match import MatchDecision, compare
from vigil.resolve.mention import OrgMention, PersonMention, Relative
from vigil.resolve.names import NameKey, ParsedName, parse_name
from vigil.resolve.orgs import resolve_organizations

__all__ = [
    "Cluster",
    "MatchDecision",
    "Merge",
    "NameKey",
    "OrgMention",
    "ParsedName",
    "PersonMention",
    "Proposal",
    "Relative",
    "compare",
    "fold",
    "parse_name",
    "resolve",
    "resolve_organizations",
]
