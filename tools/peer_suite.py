#!/usr/bin/env python3
"""Run tracker over the PETRARCH/TABARI validation sentences and count hits and false alarms.

    python tools/peer_suite.py [--shared PATH] [--rules DIR ...] [--subset all|news|constructed|fictional]
                               [--errors N]

The sentences and their expected codes live in ../shared/eval/peer/ (see its
README) and stay there: this script exports them to a temporary folder with
the shared scorer's own `export` (so the subset, canonical && unique &&
usable_for_text_eval, is exactly the scorer's), runs tracker in-process on each
file, and prints

- per expected kind (the record's `kind`, as the shared scorer counts it):
  how many sentences got a record of the mapped tracker kind;
- per tracker kind: false alarms, i.e. records of that kind on sentences where
  none of the record's `kinds` maps to it, and on how many sentences; a
  sentence whose events are all of kinds mapped to nothing (`other`: meet,
  visit, restore ties, expel ...) is not judged, as the coders code a pledge
  or an agreement as the act pledged or agreed and leave the saying uncoded:
  records there are counted apart;
- how many sentences expecting no event at all got any record (as the shared
  scorer counts them), how many of those the coders marked `no_events`
  (the others are records they leave uncoded: complex sentences, discarded
  stories, input errors), and how many got a record other than a claim;

for all sentences and per `text_type` (news / constructed / fictional), since
the fictional ones are stylized coder tests rather than news.  `--errors N`
prints N misses and N false alarms per kind for rule authors.

Exit codes: 0 done; 2 no peer suite under --shared, or rule-file errors.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from tracker.extract import Extractor  # noqa: E402
from tracker.records import KINDS, Record  # noqa: E402
from tracker.rulefiles import RuleError, load_ruleset  # noqa: E402

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
EXPECTED_KINDS = ("accusation", "accusation_weak", "commitment", "agreement", "approval", "claim")
TEXT_TYPES = ("news", "constructed", "fictional")
EXIT_USAGE = 2
SNIPPET = 120


@dataclass
class Sentence:
    """One exported suite sentence: its file stem, the suite record and what tracker produced."""

    stem: str
    peer: dict[str, Any]
    produced: list[Record]


@dataclass
class Tally:
    """The counts the report prints, plus the examples behind them for --errors."""

    sentences: int = 0
    found: Counter = field(default_factory=Counter)            # expected kind -> sentences found
    expected: Counter = field(default_factory=Counter)         # expected kind -> sentences
    alarm_records: Counter = field(default_factory=Counter)    # our kind -> records where not expected
    alarm_sentences: Counter = field(default_factory=Counter)  # our kind -> sentences with such records
    not_expecting: Counter = field(default_factory=Counter)    # our kind -> sentences not expecting it
    unjudged_records: Counter = field(default_factory=Counter)    # our kind -> records on other-only sentences
    unjudged_sentences: Counter = field(default_factory=Counter)  # our kind -> other-only sentences with such records
    unjudged_total: int = 0
    none_hit: int = 0
    none_total: int = 0
    no_events_hit: int = 0    # of the none-sentences, those the coders marked no_events
    no_events_total: int = 0
    none_beyond_claims: int = 0  # none-sentences with a record other than a claim
    misses: dict[str, list[Sentence]] = field(default_factory=dict)
    alarms: dict[str, list[tuple[Sentence, Record]]] = field(default_factory=dict)


def expected_ours(peer: dict[str, Any], mapping: dict[str, str]) -> set[str]:
    """Tracker kinds any expected event maps to: a commitment next to the primary accusation is no false alarm."""
    return {mapping[k] for k in peer.get("kinds") or [peer["kind"]] if k in mapping}


def count(sentences: Iterable[Sentence], mapping: dict[str, str]) -> Tally:
    """Hits per primary expected kind, counted as the shared scorer does; false alarms per tracker kind."""
    tally = Tally()
    for s in sentences:
        tally.sentences += 1
        kind, got = s.peer["kind"], {r.kind for r in s.produced}
        if kind == "none":
            tally.none_total += 1
            tally.none_hit += bool(s.produced)
            tally.none_beyond_claims += bool(got - {"claim"})
            if s.peer.get("expected_outcome") == "no_events":
                tally.no_events_total += 1
                tally.no_events_hit += bool(s.produced)
        elif kind in mapping:
            tally.expected[kind] += 1
            if mapping[kind] in got:
                tally.found[kind] += 1
            else:
                tally.misses.setdefault(kind, []).append(s)
        if kind == "other":  # events of kinds mapped to nothing: a record may read the same event
            tally.unjudged_total += 1
            for ours in KINDS:
                extra = sum(r.kind == ours for r in s.produced)
                tally.unjudged_records[ours] += extra
                tally.unjudged_sentences[ours] += bool(extra)
            continue
        wanted = expected_ours(s.peer, mapping)
        for ours in KINDS:
            if ours in wanted:
                continue
            tally.not_expecting[ours] += 1
            extra = [r for r in s.produced if r.kind == ours]
            tally.alarm_records[ours] += len(extra)
            tally.alarm_sentences[ours] += bool(extra)
            if extra:
                tally.alarms.setdefault(ours, []).append((s, extra[0]))
    return tally


def load_scorer(shared: Path) -> ModuleType:
    """The shared exporter/scorer, imported from ../shared so its filter and kind map are the only ones."""
    path = shared / "eval" / "peer_score.py"
    spec = importlib.util.spec_from_file_location("peer_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_suite(shared: Path, rules: list[Path]) -> tuple[list[Sentence], dict[str, str]]:
    """Export the suite to a temporary folder and run tracker on every file, named by its stem like the CLI."""
    scorer = load_scorer(shared)
    extractor = Extractor(load_ruleset(rules))
    peers = {f"peer-{n}": r for n, r in scorer.usable()}
    sentences = []
    with tempfile.TemporaryDirectory(prefix="peer-suite-") as tmp:
        scorer.export(tmp)
        for path in sorted(Path(tmp).glob("peer-*.txt"), key=lambda p: int(p.stem.split("-")[1])):
            records = extractor.extract(path.name, path.read_text(encoding="utf-8"))
            sentences.append(Sentence(path.stem, peers[path.stem], records))
    return sentences, dict(scorer.MAP)


def rate(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "-"


def report(title: str, tally: Tally, mapping: dict[str, str]) -> list[str]:
    """One block of the report: hits per expected kind, false alarms per tracker kind, none-sentences."""
    lines = [f"== {title}: {tally.sentences} sentences ==",
             f"{'expected kind':16} {'-> ours':11} {'found':>5} {'expected':>8} {'rate':>5}"]
    for kind in EXPECTED_KINDS:
        lines.append(f"{kind:16} {mapping[kind]:11} {tally.found[kind]:5} {tally.expected[kind]:8} "
                     f"{rate(tally.found[kind], tally.expected[kind]):>5}")
    found, expected = sum(tally.found.values()), sum(tally.expected.values())
    lines.append(f"{'all':16} {'':11} {found:5} {expected:8} {rate(found, expected):>5}")
    lines.append(f"{'our kind':16} {'':11} {'false alarms':>12} {'in sentences':>12} {'of not expecting it':>19}")
    for ours in KINDS:
        lines.append(f"{ours:16} {'':11} {tally.alarm_records[ours]:12} {tally.alarm_sentences[ours]:12} "
                     f"{tally.not_expecting[ours]:19}")
    unjudged = ", ".join(f"{ours} {tally.unjudged_records[ours]} in {tally.unjudged_sentences[ours]}"
                         for ours in KINDS)
    lines.append(f"not judged, on the {tally.unjudged_total} sentences with only unmapped (other) events: {unjudged}")
    lines.append(f"none-sentences with any record: {tally.none_hit} of {tally.none_total}")
    lines.append(f"  of them coded no_events (not complex, discarded or error): "
                 f"{tally.no_events_hit} of {tally.no_events_total}")
    lines.append(f"  with a record other than a claim: {tally.none_beyond_claims} of {tally.none_total}")
    return lines


def snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[:SNIPPET - 1] + "…"


def examples(tally: Tally, n: int) -> list[str]:
    """Up to n misses per expected kind and n false alarms per tracker kind, with the rule that fired."""
    lines = [f"== examples (up to {n} per kind) =="]
    for kind in EXPECTED_KINDS:
        for s in tally.misses.get(kind, [])[:n]:
            lines.append(f"miss  {kind:16} {s.peer['id']} [{s.peer.get('text_type')}] {snippet(s.peer['text'])}")
    for ours in KINDS:
        for s, rec in tally.alarms.get(ours, [])[:n]:
            lines.append(f"alarm {ours:16} {s.peer['id']} (expected {s.peer['kind']}) {rec.rule}: "
                         f"{rec.actor} -> {rec.target or '-'} | {snippet(s.peer['text'])}")
    return lines


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help=f"the shared folder holding eval/peer (default: {DEFAULT_SHARED})")
    parser.add_argument("--rules", nargs="+", action="extend", type=Path, default=[], metavar="DIR",
                        help="more rule folders or files, loaded after the bundled rules/")
    parser.add_argument("--subset", choices=("all",) + TEXT_TYPES, default="all",
                        help="only sentences of this text_type (default: all, then each text_type)")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="print N misses and N false alarms per kind")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    suite = args.shared / "eval" / "peer" / "cameo_validation.jsonl"
    if not suite.is_file() or not (args.shared / "eval" / "peer_score.py").is_file():
        print(f"peer_suite: no peer suite under {args.shared} (need eval/peer_score.py and {suite.name})",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        sentences, mapping = run_suite(args.shared, args.rules)
    except RuleError as err:
        print("\n".join(map(str, err.diagnostics)), file=sys.stderr)
        return EXIT_USAGE
    if args.subset != "all":
        sentences = [s for s in sentences if s.peer.get("text_type") == args.subset]
    whole = count(sentences, mapping)
    lines = report(args.subset, whole, mapping)
    if args.subset == "all":
        for text_type in TEXT_TYPES:
            part = [s for s in sentences if s.peer.get("text_type") == text_type]
            lines += [""] + report(text_type, count(part, mapping), mapping)
    if args.errors > 0:
        lines += [""] + examples(whole, args.errors)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
