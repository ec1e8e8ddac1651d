"""What the resolver knows about one mention of a person or organisation in one report."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Relative:
    """A person the report names as related to the mentioned person ("brother", "wife")."""

    name: str
    relation: str


@dataclass(frozen=True)
class PersonMention:
    """One person as one report describes them. ``id`` is unique per mention.

    ``birth_date`` is ISO text, possibly partial ("1985", "1985-03", "1985-03-02").
    """

    id: str
    name: str
    report_id: str = ""
    aliases: tuple[str, ...] = ()
    birth_date: str | None = None
    birth_place: str | None = None
    country: str | None = None
    affiliations: tuple[str, ...] = ()
    relatives: tuple[Relative, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class OrgMention:
    """One organisation as one report names it, with the other names the report gives it."""

    id: str
    name: str
    report_id: str = ""
    aliases: tuple[str, ...] = ()
    country: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)
