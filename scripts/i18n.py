"""Message catalogues: extract the template and update every language's catalogue.

    python scripts/i18n.py          # write src/vigil/web/locale/messages.pot, merge it into
                                    # each <code>/LC_MESSAGES/messages.po, report what is left

New or changed strings arrive in each .po with an empty msgstr; translate them there.
tests/web/test_i18n.py fails while the .pot is stale or a .po has an empty or fuzzy entry.
"""

from __future__ import annotations

import sys

from vigil import i18n
from vigil.i18n_extract import TEMPLATE, render, template, update


def main() -> int:
    fresh = template()
    TEMPLATE.write_bytes(render(fresh))
    print(f"{TEMPLATE}: {len([m for m in fresh if m.id])} messages")
    left = 0
    for code in i18n.languages()[1:]:
        total, untranslated = update(code, fresh)
        left += untranslated
        print(f"{code}: {total} messages, {untranslated} to translate")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
