"""Benchmark: tracker over the Reuters-21578 corpus, against spaCy's blank tokenizer.

    python bench/run.py [--limit N] [--corpus PATH]

Every figure comes from one run on one machine, and the targets are ratios
between figures of that run, so a busy machine slows both sides alike.  Each
scan runs the real command line (`tracker scan ... --format jsonl`) in a
child process; its CPU time and peak memory are read from the child's own
resource usage.  Throughput ratios use CPU time; the `--jobs` speed-up uses
wall time, since that is what more processes buy.  The timed configurations
run three times, interleaved, and each one's fastest run counts: on a shared
machine a busy spell then costs a run, not a ratio.

The corpus is read where it lies (../shared), never copied; the hostile
texts are generated here.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the floor runs in this process: measure this checkout, not an installed one
CORPUS = REPO.parent / "shared" / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"
FIELDS = ["--text-field", "body", "--id-field", "id", "--date-field", "date"]
TRACKER = [sys.executable, "-m", "tracker"]
# Verbs the variant rules use instead of the bundled rules' own trigger words.
OTHER_VERBS = """buy sell cut raise lower boost expand reduce open close launch acquire merge export import
produce supply ship borrow lend invest pay owe hold keep build destroy repair finance fund hire fire train
test order cancel delay extend renew double halve freeze resume suspend restore shift move transfer
convert issue redeem repay refinance float list delist trade swap hedge insure lease rent charter drill
mine refine smelt grow harvest plant store process package deliver load unload earn lose spend save
borrow report forecast estimate revise adjust rank rate score""".split()
VARIANTS = 9  # copies of each rule besides the rule itself: ten times the rules
MANY_VARIANTS = 99  # a hundred times the rules: run once, after one untimed run has cached them
ROUNDS = 3  # each timed configuration runs this often and its fastest run counts: the machine is shared
KIND_FILES = ("accusations.yaml", "approvals.yaml", "claims.yaml", "commitments.yaml")


@dataclass
class Run:
    wall: float     # seconds
    cpu: float      # seconds, user + system, of the process and its workers
    peak_mb: float  # peak resident memory of the largest process
    output: Path


def scan(inputs: list[str], out: Path, *extra: str) -> Run:
    """`tracker scan` in a child process, its resource usage read at its exit."""
    with open(out, "wb") as sink:
        start = time.perf_counter()
        # No time budget: on a loaded machine it could stop a rule in one run
        # and not in another, and the runs' records are compared.
        child = subprocess.Popen([*TRACKER, "scan", *inputs, *FIELDS, "--format", "jsonl", "--time-budget", "0",
                                  *extra],
                                 stdout=sink, cwd=REPO)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: tracker scan failed with status {os.waitstatus_to_exitcode(status)}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out)


def spacy_tokenize(corpus: Path, limit: int | None) -> tuple[float, float, int]:
    """spaCy's blank English tokenizer over the same texts, read the same way,
    in a child process: (wall, cpu, tokens)."""
    code = ("import sys, time, json, gzip, spacy, itertools\n"
            "nlp = spacy.blank('en')\n"
            "limit = int(sys.argv[2]) if sys.argv[2] != 'all' else None\n"
            "t = time.perf_counter(); c = time.process_time(); n = 0\n"
            "with gzip.open(sys.argv[1], 'rt', encoding='utf-8') as f:\n"
            "    for line in itertools.islice(f, limit):\n"
            "        n += len(nlp.make_doc(json.loads(line).get('body') or ''))\n"
            "print(time.perf_counter() - t, time.process_time() - c, n)\n")
    found = subprocess.run([sys.executable, "-c", code, str(corpus), str(limit or "all")],
                           capture_output=True, text=True, check=True).stdout.split()
    return float(found[0]), float(found[1]), int(found[2])


def corpus_slice(corpus: Path, limit: int | None, folder: Path) -> Path:
    """The corpus itself, or its first `limit` documents in a temporary file."""
    if limit is None:
        return corpus
    part = folder / "corpus.jsonl"
    with gzip.open(corpus, "rt", encoding="utf-8") as src, open(part, "w", encoding="utf-8") as dst:
        for n, line in enumerate(src):
            if n >= limit:
                break
            dst.write(line)
    return part


def corpus_figures(path: Path) -> tuple[int, int, float]:
    """Documents, sentences (as tracker splits them) and megabytes of text."""
    from tracker.rulefiles import load_ruleset
    from tracker.sentences import SentenceSplitter
    splitter = SentenceSplitter(load_ruleset().words)
    opener = gzip.open if path.suffix == ".gz" else open
    docs = sentences = size = 0
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("body") or ""
            docs += 1
            sentences += len(splitter.split(text))
            size += len(text.encode("utf-8"))
    return docs, sentences, size / 1e6


def records_per_kind(path: Path) -> Counter:
    with open(path, encoding="utf-8") as f:
        return Counter(json.loads(line)["kind"] for line in f)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


# -- ten times the rules --------------------------------------------------------------


def variant_rules(folder: Path, copies: int = VARIANTS) -> int:
    """The bundled rules plus `copies` copies of each rule in which its verbs
    and macros are replaced by other verbs, so the copies have other trigger
    words.  Rules without a trigger word (a quotation's speaker) are not
    copied: there is no word to vary.  Returns the number of rules written."""
    shutil.copytree(REPO / "rules", folder)
    written = 0
    for name in KIND_FILES:
        data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        for k in range(1, copies + 1):
            rules = []
            for n, rule in enumerate(data["rules"]):
                patterns = [rule["pattern"]] if "pattern" in rule else rule["patterns"]
                if rule.get("actor") == "speaker" or "triggers" in rule:
                    continue
                copy = {key: value for key, value in rule.items()
                        if key not in ("examples", "counterexamples", "pattern", "patterns")}
                copy["id"] = f"{rule['id']}-v{k}"
                copy["patterns"] = [_other_verbs(p, n, k) for p in patterns]
                rules.append(copy)
            variant = {key: value for key, value in data.items() if key != "rules"}
            variant["rules"] = rules
            written += len(rules)
            (folder / f"{Path(name).stem}-v{k}.yaml").write_text(yaml.safe_dump(variant, sort_keys=False),
                                                                   encoding="utf-8")
    return written


def _other_verbs(pattern: str, rule: int, variant: int) -> str:
    """The pattern with its verbs and macros (but @aux) replaced by other
    verbs, and then the words it is still triggered by ("{content:clause} ,
    according to {actor}", "stopped short of", modal verbs), so that no copy
    waits for its rule's words: a copy with the same trigger words is tried
    on the same sentences, and would measure duplication rather than rule
    count."""
    from tracker.lang.analysis import Analysis
    from tracker.lang.grammar import read_pattern
    count = iter(range(1000))

    def other(found: re.Match) -> str:
        verb = OTHER_VERBS[(rule * 7 + variant * 13 + next(count)) % len(OTHER_VERBS)]
        form = next((g for g in found.groups() if g), None)  # "<say:past>", "@speech:ing": the form stays
        return f"<{verb}:{form}>" if form else f"<{verb}>"

    varied = re.sub(r"<[A-Za-z][A-Za-z'-]*(?::([a-z]+))?>|@(?!aux\b)[A-Za-z_][A-Za-z0-9_-]*(?::([a-z]+))?",
                    other, pattern)
    while words := Analysis({}).trigger(read_pattern(varied)):  # until a new verb triggers it
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        written = re.compile(rf"(?<![\w{{:'<])(?:{alternatives})(?![\w'}}>:])", re.IGNORECASE)
        if not written.search(varied):
            break
        varied = written.sub(other, varied)
    return varied


# -- hostile text ---------------------------------------------------------------------


def hostile() -> list[tuple[str, float, float]]:
    """Texts built to make a matcher backtrack: (what, MB, seconds)."""
    from tracker.extract import Extractor
    from tracker.rulefiles import load_ruleset
    extractor = Extractor(load_ruleset())
    words = "the minister said that China agreed to ease curbs and the US will approve it "
    cases = [
        ("1 MB sentence, no punctuation", (words * (1_000_000 // len(words)))),
        ("0.25 MB sentence, no punctuation", (words * (250_000 // len(words)))),
        ("500 commas in one sentence", "The minister said " + ", ".join(["China agreed to ease curbs"] * 500) + "."),
        ("200 quote marks in one sentence", "Smith said " + " ".join(['"we agreed to ease curbs"'] * 100) + "."),
        ("200 curly quotes, unbalanced", "Smith said " + " ".join(["“we agreed to ease curbs"] * 200) + "."),
    ]
    out = []
    for what, text in cases:
        start = time.process_time()
        extractor.extract("hostile", text)
        out.append((what, len(text.encode()) / 1e6, time.process_time() - start))
    return out


# -- the floor ------------------------------------------------------------------------


def floor(path: Path) -> float:
    """CPU seconds, in this process, of the steps every sentence needs whatever
    the rules: reading (as spaCy's run reads), splitting, tokenizing and actor
    mentions (which carry what a document introduced to its later sentences,
    so none can be skipped).  spaCy's time over this is the most the
    throughput ratio could reach if everything else were free."""
    from tracker.actors import Lexicon, MentionFinder
    from tracker.actors.finders import Tables
    from tracker.rulefiles import load_ruleset
    from tracker.sentences import SentenceSplitter
    from tracker.tokens import tokenize
    ruleset = load_ruleset()
    lexicon, splitter = Lexicon(ruleset.lexicons), SentenceSplitter(ruleset.words)
    tables = Tables.of(lexicon, ruleset.words)
    opener = gzip.open if path.suffix == ".gz" else open
    start = time.process_time()
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            finder = MentionFinder(lexicon, ruleset.words, tables)
            for sentence in splitter.split(json.loads(line).get("body") or ""):
                finder.mentions(tokenize(sentence.text))
    return time.process_time() - start


# -- the report -----------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="JSON Lines (.gz) with a `body` field")
    parser.add_argument("--limit", type=int, help="only the first N documents")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"bench: no corpus at {args.corpus}")
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
        folder = Path(tmp)
        corpus = corpus_slice(args.corpus, args.limit, folder)
        docs, sentences, mb = corpus_figures(corpus)
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {_cpu_name()}")
        print(f"corpus: {args.corpus.name}{f' (first {args.limit} documents)' if args.limit else ''}: "
              f"{docs} documents, {sentences} sentences, {mb:.1f} MB of text\n")

        n_rules = variant_rules(folder / "rules-x10")
        spacy_runs, ones, twos, tens = [], [], [], []
        for _ in range(ROUNDS):  # interleaved, so that a busy spell of the machine hits every configuration
            spacy_runs.append(spacy_tokenize(args.corpus, args.limit))
            ones.append(scan([str(corpus)], folder / "j1.jsonl"))
            twos.append(scan([str(corpus)], folder / "j2.jsonl", "--jobs", "2"))
            tens.append(scan([str(corpus)], folder / "x10.jsonl", "--no-default-rules", "--rules",
                             str(folder / "rules-x10")))
        sp_wall, sp_cpu, sp_tokens = (min(r[0] for r in spacy_runs), min(r[1] for r in spacy_runs),
                                      spacy_runs[0][2])
        one, two, ten = _fastest(ones), _fastest(twos), _fastest(tens)
        twice = scan([str(corpus), str(corpus)], folder / "twice.jsonl")
        start_up = min(scan([str(_one_story(folder, ".", "blank"))], folder / "start.jsonl").cpu
                       for _ in range(ROUNDS))
        one_sentence = min(scan([str(_one_line(folder))], folder / "start1.jsonl").cpu for _ in range(ROUNDS))
        n_many = variant_rules(folder / "rules-x100", MANY_VARIANTS)
        many_rules = ["--no-default-rules", "--rules", str(folder / "rules-x100")]
        scan([str(_one_line(folder))], folder / "start100.jsonl", *many_rules)  # compiles and caches them
        hundred = scan([str(corpus)], folder / "x100.jsonl", *many_rules)

        rows = [
            ("spaCy blank('en').make_doc", sp_wall, sp_cpu, None),
            ("tracker scan, default rules", one.wall, one.cpu, one.peak_mb),
            (f"tracker scan, 10x rules (+{n_rules})", ten.wall, ten.cpu, ten.peak_mb),
            (f"tracker scan, 100x rules (+{n_many}), once", hundred.wall, hundred.cpu, hundred.peak_mb),
            ("tracker scan --jobs 2", two.wall, two.cpu, two.peak_mb),
            ("tracker scan, corpus twice", twice.wall, twice.cpu, twice.peak_mb),
        ]
        print(f"{'run':44} {'wall s':>8} {'cpu s':>8} {'sent/s':>8} {'MB/s':>6} {'peak MB':>8}")
        for name, wall, cpu, peak in rows:
            times = 2 if "twice" in name else 1
            print(f"{name:44} {wall:8.1f} {cpu:8.1f} {times * sentences / cpu:8.0f} {times * mb / cpu:6.2f} "
                  f"{'' if peak is None else f'{peak:8.0f}'}")
        print(f"(spaCy: {sp_tokens} tokens, {sp_tokens / sp_cpu:.0f} tokens/s; sentences/s and MB/s per CPU second)\n")

        kinds = records_per_kind(one.output)
        print("records: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) + f", all {sum(kinds.values())}")
        same = digest(one.output) == digest(two.output)
        print("\ntargets (ratios within this run):")
        _target("tracker throughput / spaCy tokenizer (cpu)", sp_cpu / one.cpu, ">=", 1.0)
        _target("10x rules cost / default rules cost (cpu)", ten.cpu / one.cpu, "<=", 1.2)
        print(f"  {'100x rules cost / default rules cost (cpu)':48} {hundred.cpu / one.cpu:5.2f}  (reported)")
        _target("peak memory, corpus twice / once", twice.peak_mb / one.peak_mb, "<=", 1.1)
        _target("--jobs 2 speed-up over --jobs 1 (wall)", one.wall / two.wall, ">=", 1.8)
        print(f"  --jobs 2 records identical, same order: {'yes' if same else 'NO'}")
        _target("start-up: rules loaded, no words to read, cpu s", start_up, "<=", 0.3)
        print(f"  {'a one-sentence scan (verb tables read), cpu s':48} {one_sentence:5.2f}  (reported)")
        base = floor(corpus)
        print(f"\nreading, splitting, tokenizing and actor mentions alone (in process): {base:.1f} s cpu; "
              f"spaCy's time over it, {sp_cpu / base:.2f}, is as far as the throughput ratio could go")

    print("\nhostile text (in process, default rules):")
    for what, size, seconds in hostile():
        print(f"  {what:36} {size:6.2f} MB {seconds:7.2f} s")


def _one_line(folder: Path) -> Path:
    """A corpus of one short story: a scan of it is start-up, rules loaded, the
    first words looked up in lemminflect's tables, and little else."""
    return _one_story(folder, "Nothing happened.", "one")


def _one_story(folder: Path, body: str, name: str) -> Path:
    """A corpus of one story with this text.  A lone full stop is a scan with
    no input to speak of: the rules are loaded and nothing is looked up."""
    path = folder / f"{name}.jsonl"
    path.write_text(json.dumps({"id": "1", "body": body, "date": "1987-01-01"}) + "\n", encoding="utf-8")
    return path


def _fastest(runs: list[Run]) -> Run:
    """The best wall and CPU time of repeated runs of one configuration (the
    output of the last, which every run wrote alike)."""
    return Run(min(r.wall for r in runs), min(r.cpu for r in runs), max(r.peak_mb for r in runs), runs[-1].output)


def _target(what: str, value: float, op: str, goal: float) -> None:
    met = value >= goal if op == ">=" else value <= goal
    print(f"  {what:48} {value:5.2f}  (target {op} {goal}: {'met' if met else 'NOT met'})")


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


if __name__ == "__main__":
    main()
