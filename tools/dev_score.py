"""Score this checkout on the development sets in ../shared and print the scorers' tables.

    python tools/dev_score.py              the dev set (48 Reuters stories): who-whom per kind
    python tools/dev_score.py --errors     ... and what was missed or spurious, with the sentence
    python tools/dev_score.py --polnear    also PolNeAR's dev split: speech attributions found with their source

The stories are exported from ../shared into a temporary folder, scanned
with this checkout's `tracker scan`, and scored by the shared scorers
(../shared/eval/score.py, ../shared/eval/attribution_score.py), exactly as
the dev set's README says; nothing of ../shared is copied into the project.
tests/test_dev_score.py runs the same and holds the floors reached so far.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV = SHARED / "eval" / "dev"
POLNEAR = SHARED / "corpora" / "polnear" / "dev"


def _run(*args: str | Path) -> str:
    done = subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True, cwd=REPO, check=False)
    if done.returncode != 0:
        sys.exit(f"dev_score: {' '.join(map(str, args[:2]))} failed:\n{done.stderr}")
    return done.stdout


def scan(folder: Path, out: Path) -> None:
    out.write_text(_run("-m", "tracker", "scan", folder, "--format", "jsonl", "--jobs", "2"), encoding="utf-8")


def dev_scores(work: Path, *scorer_args: str) -> str:
    """The shared scorer's output on the dev set (`--json` among the args for its JSON)."""
    docs, pred = work / "dev-docs", work / "dev.jsonl"
    _run(DEV / "export.py", docs)
    scan(docs, pred)
    return _run(SHARED / "eval" / "score.py", DEV / "gold", pred, *scorer_args)


def polnear_scores(work: Path) -> str:
    """attribution_score.py's summary lines on PolNeAR's dev split."""
    scorer, docs, pred = SHARED / "eval" / "attribution_score.py", work / "pn-docs", work / "pn.jsonl"
    _run(scorer, POLNEAR, "export", docs)
    scan(docs, pred)
    return _run(scorer, POLNEAR, "score", pred)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list missed and spurious records")
    parser.add_argument("--polnear", action="store_true", help="also score claims on PolNeAR's dev split")
    parser.add_argument("--json", action="store_true", help="the dev scorer's JSON instead of its table")
    args = parser.parse_args()
    if not DEV.is_dir():
        sys.exit(f"dev_score: no development set at {DEV}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        extra = ["--json"] if args.json else ["--errors"] if args.errors else []
        out = dev_scores(work, *extra)
        print(json.dumps(json.loads(out), indent=2) if args.json else out, end="")
        if args.polnear:
            print("\nPolNeAR dev split:")
            print(polnear_scores(work), end="")


if __name__ == "__main__":
    main()
