"""`python -m app.extraction FILE... [--manifest FILE] [--published DATE]`: one spec JSON claim per line."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from .jsonl import extract_files, spec_lines
from .sources import SourceError


def main(argv: list[str] | None = None) -> int:
    """Run the extractor over files and print their claims; the exit status (2 for unreadable input)."""
    parser = argparse.ArgumentParser(prog="python -m app.extraction", description=__doc__)
    parser.add_argument("files", nargs="+", help="article files (.txt, .html) or folders of them")
    parser.add_argument("--manifest", help="JSON list of {file, title, outlet, url, published}")
    parser.add_argument("--published", type=date.fromisoformat, help="publication date (YYYY-MM-DD) for undated files")
    args = parser.parse_args(argv)
    try:
        for line in spec_lines(extract_files(args.files, manifest=args.manifest, published=args.published)):
            sys.stdout.write(line + "\n")
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
