"""Split annotated reports by site into a tuning part and a test part.

    python scripts/split_by_site.py DIR [DIR ...] --list tune|test
    python scripts/split_by_site.py DIR [DIR ...] --into OUT

A report's site is the registrable domain of its URL line (www. and staging prefixes
dropped: cpj-preprod.go-vip.net counts as cpj). Every report of a site lands in the same
part, decided by a hash of the site alone, so the split never depends on which reports
exist and a site never straddles the parts. About 60 % of sites tune, 40 % test.
``--into OUT`` copies each NAME.txt + NAME.gold.json to OUT/tune or OUT/test and writes a
SOURCES.md in each part from the SOURCES.md lines of the input folders.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

TUNE_SHARE = 60
# Two-label public suffixes seen in human-rights sources (bbc.co.uk, news24.com.na ...).
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "or", "ne", "go", "edu"}
# Mirrors and staging hosts that belong to another site.
_SAME_SITE = {
    "go-vip.net": "cpj.org",
    "globalvoicesonline.org": "globalvoices.org",
    # RFE/RL's services and the mirrors it publishes through
    "azattyq.org": "rferl.org",
    "azathabar.com": "rferl.org",
    "severreal.org": "rferl.org",
    "svoboda.org": "rferl.org",
    "cloudfront.net": "rferl.org",
    "radioazadi.org": "rferl.org",
    "ozodi.org": "rferl.org",
    "ozodlik.org": "rferl.org",
    "azattyk.org": "rferl.org",
    "currenttime.tv": "rferl.org",
    # Kavkaz-uzel (Caucasian Knot) under its several domains
    "caucasianknot.com": "kavkaz-uzel.eu",
    "kavkazuzel.com": "kavkaz-uzel.eu",
    # Mediazona
    "mediazona.ca": "zona.media",
}


def site_of(url: str) -> str:
    host = (urlsplit(url.strip()).hostname or url.strip() or "unknown").lower()
    labels = host.removeprefix("www.").split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    site = ".".join(labels[-keep:])
    return _SAME_SITE.get(site, site)


def part_of(site: str) -> str:
    digest = int(hashlib.sha256(site.encode("utf-8")).hexdigest()[:8], 16)
    return "tune" if digest % 100 < TUNE_SHARE else "test"


def reports(folders: list[Path]) -> list[tuple[Path, str]]:
    found = []
    for folder in folders:
        for txt in sorted(folder.glob("*.txt")):
            first = txt.read_text(encoding="utf-8").split("\n", 1)[0]
            found.append((txt, site_of(first.removeprefix("URL:").strip())))
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--list", choices=("tune", "test"))
    parser.add_argument("--into", type=Path)
    args = parser.parse_args(argv)
    found = reports(args.folders)
    if args.list:
        for txt, site in found:
            if part_of(site) == args.list:
                print(txt)
        return 0
    if args.into:
        sources: dict[str, str] = {}
        for folder in args.folders:
            listing = folder / "SOURCES.md"
            if listing.exists():
                for line in listing.read_text(encoding="utf-8").splitlines():
                    if line.startswith("- ") and "|" in line:
                        sources[line[2:].split("|")[0].strip()] = line
        lines: dict[str, list[str]] = {"tune": [], "test": []}
        for txt, site in found:
            part = part_of(site)
            dest = args.into / part
            dest.mkdir(parents=True, exist_ok=True)
            stem = txt.name.removesuffix(".txt")
            shutil.copy2(txt, dest / txt.name)
            shutil.copy2(txt.with_name(stem + ".gold.json"), dest / (stem + ".gold.json"))
            lines[part].append(sources.get(stem, f"- {stem} | (no SOURCES.md line) | | | {site}"))
        for part, entries in lines.items():
            sites = {site for _, site in found if part_of(site) == part}
            head = f"# Sources of the {part} part ({len(entries)} reports, {len(sites)} sites)\n\n"
            body = "One line per report: NAME | URL | country | words | site (kind).\n\n"
            (args.into / part).mkdir(parents=True, exist_ok=True)
            text = head + body + "\n".join(sorted(entries)) + "\n"
            (args.into / part / "SOURCES.md").write_text(text, encoding="utf-8")
            print(f"{part}: {len(entries)} reports from {len(sites)} sites")
        return 0
    for txt, site in found:
        print(f"{part_of(site)}\t{site}\t{txt.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
