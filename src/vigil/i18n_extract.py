"""Making the message template (``messages.pot``) from the code, and merging it into each
language's catalogue: what ``scripts/i18n.py`` runs and the catalogue test compares.

Where strings are is ``babel.cfg`` at the repository root; what marks them is
``vigil.i18n.KEYWORDS``. Wording kept in YAML data (``alerts/data/draft.yaml``) is read by
``extract_yaml``: every string value there is a message id. The fact schema
(``facts/facts.yaml``) is read by ``extract_facts``: its field labels (context "fact field")
and its vocabularies' values (context: the vocabulary's name, "event type"), which pages
translate with the ``term`` filter.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from vigil import i18n

ROOT = Path(__file__).resolve().parents[2]
MAPPING = ROOT / "babel.cfg"
TEMPLATE = i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot"


def extract_yaml(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, None, str, list[str]]]:
    """A Babel extraction method: every string value of a YAML file (not keys, not
    comments), with its line."""
    import yaml

    root = yaml.compose(fileobj.read().decode("utf-8"))
    stack = [root] if root is not None else []
    found: list[tuple[int, None, str, list[str]]] = []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(value for _key, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str") and node.value:
            note = ["Keep the {placeholders}: Vigil fills them in."] if "{" in node.value else []
            found.append((node.start_mark.line + 1, None, node.value, note))
    yield from sorted(found)


def extract_facts(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """A Babel extraction method for the fact schema: each field's ``label`` and each
    vocabulary value, as ``pgettext`` messages with their context."""
    import yaml

    root = yaml.compose(fileobj.read().decode("utf-8"))
    found: list[tuple[int, str, tuple[str, str], list[str]]] = []
    for key, section in root.value if isinstance(root, yaml.MappingNode) else []:
        if key.value == "vocabularies":
            for name, values in section.value:
                context = name.value.replace("_", " ")
                for value, _about in values.value:
                    message = value.value.replace("_", " ")
                    found.append((value.start_mark.line + 1, "pgettext", (context, message), []))
        elif key.value == "kinds":
            for _kind, spec in section.value:
                for part, fields in spec.value:
                    if part.value != "fields":
                        continue
                    for _name, field in fields.value:
                        for attr, label in field.value:
                            if attr.value == "label":
                                line = label.start_mark.line + 1
                                found.append((line, "pgettext", ("fact field", label.value), []))
    yield from sorted(found)


def template() -> Catalog:
    """Every marked string of the code, templates and wording data, with where it is."""
    with MAPPING.open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)  # type: ignore[no-untyped-call]
    catalog = Catalog(
        project="Vigil",
        msgid_bugs_address="",
        copyright_holder="Vigil contributors",
        charset="utf-8",
        fuzzy=False,
    )
    found = extract_from_dir(
        str(ROOT),
        method_map,
        options_map,
        keywords=i18n.KEYWORDS,  # type: ignore[arg-type]
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(
            message,
            None,
            [(filename, lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def render(catalog: Catalog) -> bytes:
    """A catalogue as .po/.pot text, without the dates that change on every run."""
    buffer = BytesIO()
    write_po(buffer, catalog, width=96, omit_header=False, sort_output=False)
    lines = buffer.getvalue().decode("utf-8").splitlines(keepends=True)
    kept = [ln for ln in lines if not ln.startswith(('"POT-Creation-Date:', '"PO-Revision-Date:'))]
    return "".join(kept).encode("utf-8")


def update(code: str, fresh: Catalog) -> tuple[int, int]:
    """Merge the template into one language's catalogue (new ids come in empty, gone ones
    are dropped); returns (messages, untranslated)."""
    path = i18n.catalogue_path(code)
    if path.exists():
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=code, domain=i18n.DOMAIN)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = Catalog(locale=code, domain=i18n.DOMAIN, project="Vigil", fuzzy=False)
    catalog.update(fresh, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    path.write_bytes(render(catalog))
    untranslated = sum(1 for m in catalog if m.id and not _translated(m.string))
    return len([m for m in catalog if m.id]), untranslated


def _translated(string: object) -> bool:
    if isinstance(string, (tuple, list)):
        return all(string)
    return bool(string)
