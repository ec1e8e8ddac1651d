"""resolve_organizations(): names and aliases of one organisation."""

from __future__ import annotations

from vigil.resolve.mention import OrgMention
from vigil.resolve.orgs import acronym, org_key, resolve_organizations


def test_aliases_link_names_across_reports() -> None:
    mentions = [
        OrgMention("1", "Halyk Maidan", aliases=("Popular Front",)),
        OrgMention("2", "Popular Front"),
        OrgMention("3", "Халық Майданы"),
        OrgMention("4", "Human Rights Watch"),
    ]
    clusters = resolve_organizations(mentions)
    assert {c.mention_ids for c in clusters} == {("1", "2", "3"), ("4",)}


def test_legal_forms_and_articles_do_not_count() -> None:
    assert org_key('ОО "Халық Майданы"') == org_key("Halyk Maidany")
    assert org_key("The Human Rights Watch") == org_key("Human Rights Watch")


def test_acronyms_are_proposed_not_merged() -> None:
    assert acronym("KIBHR") == acronym("Kazakhstan International Bureau for Human Rights")
    mentions = [
        OrgMention("1", "KIBHR"),
        OrgMention("2", "Kazakhstan International Bureau for Human Rights"),
    ]
    clusters = resolve_organizations(mentions)
    assert len(clusters) == 2 and all(c.proposals for c in clusters)


def test_cannot_link_holds() -> None:
    mentions = [OrgMention("1", "Popular Front"), OrgMention("2", "Popular Front")]
    assert len(resolve_organizations(mentions, cannot_link={frozenset({"1", "2"})})) == 2
