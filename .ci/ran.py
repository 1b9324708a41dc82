"""CI: list the tests of one test file that ran, from pytest's JUnit XML; fail if any skipped or none ran.

    python .ci/ran.py build/junit.xml tests/test_dask.py

A test that needs an optional extra skips cleanly where the extra is
missing; in CI the extra is installed, so a skip there means CI did not
test what it claims to.
"""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path


def main(report: str, test_file: str) -> int:
    module = Path(test_file).with_suffix("").as_posix().replace("/", ".")
    cases = [c for c in ElementTree.parse(report).iter("testcase") if c.get("classname", "").startswith(module)]
    skipped = [c.get("name") for c in cases if c.find("skipped") is not None]
    ran = [c.get("name") for c in cases if c.find("skipped") is None]
    if skipped or not ran:
        print(f"CI: {test_file}: {len(skipped)} skipped ({', '.join(skipped)}), {len(ran)} ran", file=sys.stderr)
        return 1
    print(f"CI: {test_file}: {len(ran)} ran: {', '.join(ran)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
