#!/usr/bin/env bash
# Clear the xfail mark of corpus cases that now pass (strict XPASS): tools/unxfail.sh
cd "$(dirname "$0")/.."
.venv/bin/pytest -q tests/extraction/test_cases.py -p no:cacheprovider 2>&1 \
  | grep -oE "FAILED tests/extraction/test_cases.py::test_extractor_reads_case\[[a-z0-9_]+\]" \
  | sed -E 's/.*\[([a-z0-9_]+)\]/\1/' | while read -r name; do
    f="tests/extraction/cases/$name.yaml"
    if grep -q '^xfail: "' "$f"; then sed -i -E 's/^xfail: ".*"$/xfail: null/' "$f"; echo "cleared $name"; fi
  done
