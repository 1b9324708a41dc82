"""Fuzz tracker through its command line: hostile documents and mutated rule sets.

    python tools/fuzz.py [--docs N] [--rule-sets M] [--seed S] [--batch B] [--keep DIR]

Documents (tools/fuzzcases.py) are scanned in batches, `tracker scan
FOLDER -f jsonl`, each batch holding sentinel documents whose record must
come out however hostile their neighbours are.  A batch that crashes,
hangs or exits wrongly is split in halves until the culprits stand alone,
so every failure is counted against the one document that caused it.
Each mutated rule set (one bundled file edited, loaded with the files it
builds on) goes through `tracker rules check`, which must load it (exit 0)
or print only positioned `path:line:col: error: ...` lines (exit 2).

The commands run in this process through Click's test runner (loading the
rules for each run, as a user's command does, without a process start per
case), under an alarm that counts a run past its time limit as a hang.
Printed: cases tried, crashes (tracebacks), hangs, wrong exits, bad
offsets (a record's `text[start:end]` is not its sentence), lost records
(sentinels missing), bad messages (rule errors that are not one positioned
line); the exit code is 1 if any of them is not zero.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import signal
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner, Result

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # this checkout's tracker, not an installed one

from fuzzcases import BASE_FILES, RULES, SENTINEL, Document, hostile_document, mutated_rule_set  # noqa: E402

import tracker  # noqa: E402
from tracker.cli import main  # noqa: E402

POSITIONED = re.compile(r"^.+:\d+:\d+: (error|warning): [^\n]+$")
PER_DOCUMENT = re.compile(r"^tracker: [^\n]+$")  # one line each: `tracker: path[:line]: what went wrong`
FAILURES = ("crashes", "hangs", "wrong exits", "bad offsets", "lost records", "bad messages")
DOC_SECONDS, RULE_SECONDS = 30, 60  # a single document's and a rule set's limits; a batch gets more
# Where a crash's innermost tracker frame lies says whose code it is: files other sessions are changing.
OTHERS = ("reader.py", "scanning.py", "parallel.py", "/cli/", "/output/", "/ledger/", "quotes.py", "/actors/",
          "tokens.py", "docdate.py", "htmltext.py")


class Hang(BaseException):
    """Raised by the alarm: a BaseException, so that no `except Exception` in tracker takes it for bad input."""


@dataclass
class Tally:
    counts: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)  # failure -> what showed it, a few each
    crash_sites: Counter = field(default_factory=Counter)  # innermost tracker file:line of each crash

    def add(self, failure: str, example: str) -> None:
        self.counts[failure] += 1
        shown = self.examples.setdefault(failure, [])
        if len(shown) < 5:
            shown.append(example)

    def failed(self) -> bool:
        return any(self.counts[f] for f in FAILURES)


def _invoke(args: list[str], seconds: int) -> Result | None:
    """The command's result, or None when it ran past `seconds`."""
    def expired(*_: object) -> None:
        raise Hang
    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        return CliRunner().invoke(main, args)
    except Hang:
        return None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _crash_site(result: Result) -> str:
    """file:line of the innermost tracker frame of a crash."""
    if result.exc_info is None:
        return "?"
    frames = [f for f in traceback.extract_tb(result.exc_info[2]) if "/tracker/" in f.filename]
    if not frames:
        return f"{type(result.exception).__name__} outside tracker"
    last = frames[-1]
    return f"{last.filename.split('/tracker/', 1)[1]}:{last.lineno} {type(result.exception).__name__}"


# --- documents -------------------------------------------------------------------------------


def _expected_texts(doc: Document, path: Path) -> dict[str, str]:
    """What each record's `doc` may be, with the text its offsets point into."""
    if not doc.name.endswith(".jsonl"):
        try:  # a leading byte-order mark is no part of the text (tracker.reader.decode)
            return {str(path): doc.data.decode("utf-8-sig")}
        except UnicodeDecodeError:
            return {}
    texts = {}
    for line in doc.data.decode("utf-8", "surrogatepass").split("\n"):
        try:
            article = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(article, dict) and isinstance(article.get("text"), str) and isinstance(article.get("id"), str):
            texts[f"{path}#{article['id']}"] = article["text"]
    return texts


def _scan(folder: Path, docs: list[Document], tally: Tally, write: bool = True) -> bool:
    """Scan these documents (and the sentinels among them) once; True when the run held."""
    if write:
        for old in folder.iterdir():
            old.unlink()
        for doc in docs:
            (folder / doc.name).write_bytes(doc.data)
    seconds = DOC_SECONDS * (1 + len(docs) // 4)
    result = _invoke(["scan", str(folder), "-f", "jsonl", "-q"], seconds)
    if result is None:
        return _blame(folder, docs, tally, "hangs", f"past {seconds} s")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return _blame(folder, docs, tally, "crashes", _crash_site(result))
    stderr = [line for line in result.stderr.splitlines() if line.strip()]
    bad_lines = [line for line in stderr if not PER_DOCUMENT.match(line) or "Traceback" in line]
    if result.exit_code not in (0, 1) or bad_lines or (result.exit_code == 1 and not stderr):
        return _blame(folder, docs, tally, "wrong exits", f"exit {result.exit_code}: {(bad_lines or stderr)[:2]}")
    texts = {k: v for doc in docs for k, v in _expected_texts(doc, folder / doc.name).items()}
    seen = set()
    for line in result.stdout.split("\n"):  # not splitlines(): U+2028 and kin stand unescaped inside records
        if not line:
            continue
        try:
            record = json.loads(line)
        except ValueError:
            tally.add("bad offsets", f"unreadable record: {line[:80]!r}")
            continue
        seen.add(record["doc"])
        text = texts.get(record["doc"])
        if text is not None and text[record["start"]:record["end"]] != record["sentence"]:
            tally.add("bad offsets", f"{record['doc']} {record['start']}:{record['end']}")
    for doc in docs:
        name = str(folder / doc.name)
        wanted = f"{name}#good" if doc.name.endswith(".jsonl") else name
        if (doc.name.endswith(".jsonl") or doc.data == SENTINEL.encode()) and wanted not in seen:
            tally.add("lost records", f"{wanted} (scanned with {len(docs)} documents)")
    return True


def _count(folder: Path, doc: Document, tally: Tally, failure: str, detail: str) -> None:
    tally.add(failure, f"{doc.name}: {detail}")
    keep = folder.parent / "failed"
    keep.mkdir(exist_ok=True)
    (keep / doc.name).write_bytes(doc.data)


def _api_culprits(folder: Path, docs: list[Document]) -> dict[str, str]:
    """The documents that fail alone through the Python API (`tracker.scan`
    with the rules loaded once): a cheap first look for a batch's culprits."""
    if not hasattr(_api_culprits, "ruleset"):
        _api_culprits.ruleset = tracker.load_rules()  # type: ignore[attr-defined]
    found = {}
    for doc in docs:
        def expired(*_: object) -> None:
            raise Hang
        old = signal.signal(signal.SIGALRM, expired)
        signal.alarm(DOC_SECONDS)
        try:
            for _ in tracker.scan([folder / doc.name], _api_culprits.ruleset, on_error=lambda _e: None):  # type: ignore[attr-defined]
                pass
        except Hang:
            found[doc.name] = "hangs"
        except Exception as err:  # noqa: BLE001  # any escape is the finding
            frames = [f for f in traceback.extract_tb(err.__traceback__) if "/tracker/" in f.filename]
            site = f"{frames[-1].filename.split('/tracker/', 1)[1]}:{frames[-1].lineno}" if frames else "?"
            found[doc.name] = f"crashes:{site} {type(err).__name__}"
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)
    return found


def _blame(folder: Path, docs: list[Document], tally: Tally, failure: str, detail: str) -> bool:
    """Find the documents that failed a batch and count each; the others are
    scanned again, and must then hold.  Culprits are looked for through the
    API first; a failure the API does not show is split in halves until each
    failing document stands alone."""
    if len(docs) == 1:
        if failure == "crashes":
            tally.crash_sites[detail] += 1
        _count(folder, docs[0], tally, failure, detail)
        return False
    culprits = _api_culprits(folder, docs)
    if culprits:
        for doc in docs:
            if doc.name in culprits:
                kind, _, site = culprits[doc.name].partition(":")
                if kind == "crashes":
                    tally.crash_sites[site] += 1
                _count(folder, doc, tally, kind, site or culprits[doc.name])
        rest = [d for d in docs if d.name not in culprits]
        if rest:
            _scan(folder, rest, tally)
        return False
    half = len(docs) // 2
    for part in (docs[:half], docs[half:]):
        _scan(folder, part, tally)
    return False


def documents(n: int, seed: int, batch: int, work: Path, tally: Tally) -> None:
    rng = random.Random(seed)
    folder = work / "docs"
    folder.mkdir()
    made = 0
    while made < n:
        docs: list[Document] = []
        for _ in range(min(batch, n - made)):
            docs.append(hostile_document(rng, made))
            made += 1
            if made % 10 == 0:
                docs.append(Document(f"{made - 1:06d}-good.txt", SENTINEL.encode()))
        tally.counts["documents"] += sum(d.data != SENTINEL.encode() for d in docs)
        _scan(folder, docs, tally)
        print(f"  documents: {made}/{n}, {_failures(tally)}", file=sys.stderr)


# --- rule sets -------------------------------------------------------------------------------


def _rule_files(work: Path, target: str, text: str) -> list[str]:
    """The files a mutated rule set loads: its edited file in place of the original, and what it builds on."""
    edited = work / "rules" / target
    edited.parent.mkdir(parents=True, exist_ok=True)
    edited.write_text(text, encoding="utf-8", errors="surrogatepass")
    base = [RULES / b for b in BASE_FILES]
    replaced = [p for p in base if p.is_file() and p.name == Path(target).name and Path(target).parent == Path(".")]
    files = [str(edited)]
    for path in base:
        if path in replaced:
            continue
        if path.is_dir() and Path(target).parent.name == path.name:  # language/x.yaml edited: the folder's others
            files += [str(p) for p in sorted(path.glob("*.yaml")) if p.name != Path(target).name]
        else:
            files.append(str(path))
    return files


def rule_sets(m: int, seed: int, work: Path, tally: Tally) -> None:
    rng = random.Random(seed + 1)
    for k in range(m):
        case = mutated_rule_set(rng)
        files = _rule_files(work / f"set{k % 2}", case.target, case.text)
        tally.counts["rule sets"] += 1
        result = _invoke(["rules", "check", "--no-default-rules", *files], RULE_SECONDS)
        what = f"set {k} ({case.target}: {case.edit})"
        if result is None:
            tally.add("hangs", what)
        elif result.exception is not None and not isinstance(result.exception, SystemExit):
            tally.crash_sites[_crash_site(result)] += 1
            tally.add("crashes", f"{what}: {_crash_site(result)}")
        elif result.exit_code not in (0, 2):
            tally.add("wrong exits", f"{what}: exit {result.exit_code}")
        else:
            lines = [line for line in result.stdout.splitlines() if line.strip()]
            bad = [line for line in lines if not POSITIONED.match(line)]
            errors = [line for line in lines if ": error: " in line]
            if bad or (result.exit_code == 2) != bool(errors):
                tally.add("bad messages", f"{what}: {(bad or lines or [result.stderr])[:2]}")
        if (k + 1) % 100 == 0:
            print(f"  rule sets: {k + 1}/{m}, {_failures(tally)}", file=sys.stderr)


# --- the report ------------------------------------------------------------------------------


def _failures(tally: Tally) -> str:
    return ", ".join(f"{f} {tally.counts[f]}" for f in FAILURES)


def report(tally: Tally) -> Iterator[str]:
    yield (f"cases tried: {tally.counts['documents']} documents, {tally.counts['rule sets']} rule sets; "
           + _failures(tally))
    for failure, shown in tally.examples.items():
        yield f"{failure}:"
        yield from (f"  {example}" for example in shown)
    if tally.crash_sites:
        others = sum(n for site, n in tally.crash_sites.items() if any(o in "/" + site for o in OTHERS))
        yield f"crash sites ({others} in files other sessions are changing):"
        yield from (f"  {n:5d}  {site}" for site, n in tally.crash_sites.most_common())


def run(docs: int, sets: int, seed: int, batch: int, keep: Path | None = None) -> Tally:
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="tracker-fuzz-") as tmp:
        work = keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        documents(docs, seed, batch, work, tally)
        rule_sets(sets, seed, work, tally)
    return tally


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1_000, help="hostile documents to scan")
    parser.add_argument("--rule-sets", type=int, default=200, help="mutated rule sets to check")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch", type=int, default=250, help="documents per scan")
    parser.add_argument("--keep", type=Path, help="work here and keep the failing cases (DIR/failed)")
    args = parser.parse_args()
    tally = run(args.docs, args.rule_sets, args.seed, args.batch, args.keep)
    print("\n".join(report(tally)))
    sys.exit(1 if tally.failed() else 0)


if __name__ == "__main__":
    main_()
