"""Benchmark: `tracker scan --dask local:N` on the Reuters-21578 corpus against direct scans.

    pip install -e '.[dask]' && python bench/dask_run.py [--limit N] [--rounds R]

Runs, interleaved, each `--rounds` times (the fastest run of each counts,
as in bench/run.py: the machine is shared): a direct scan with -j 1 and
-j 2, and --dask local:1 and local:2, printing the records back and writing
partitioned output.  Every run is the real command line in a child
process; its wall time is measured here, its CPU time (workers included)
read from its resource usage.  Records are compared: each run's JSON Lines
against the direct -j 1 run's, as bytes and as a set sorted by document
and offset.  Then the overheads the cost model in BENCHMARKS.md needs: a
LocalCluster's start, the scheduler's cost per task (empty tasks), and a
partition's own cost (reading a byte range of the gzipped dump, writing
its files), from the manifest of the local:2 run.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"
FIELDS = ["--text-field", "body", "--id-field", "id", "--date-field", "date", "--time-budget", "0"]
TRACKER = [sys.executable, "-m", "tracker"]
CONFIGS = {
    "direct -j 1": ["--format", "jsonl"],
    "direct -j 2": ["--format", "jsonl", "-j", "2"],
    "--dask local:1": ["--format", "jsonl", "--dask", "local:1"],
    "--dask local:2": ["--format", "jsonl", "--dask", "local:2"],
    "--dask local:1 --output": ["--dask", "local:1", "--output"],
    "--dask local:2 --output": ["--dask", "local:2", "--output"],
}
EMPTY_TASKS = 2000


@dataclass
class Run:
    wall: float
    cpu: float
    records: Path  # the run's JSON Lines: stdout, or the partitions in order


def scan(corpus: Path, name: str, work: Path, round_: int) -> Run:
    args = list(CONFIGS[name])
    out = work / f"{name.replace(' ', '_').replace(':', '')}-{round_}"
    if args[-1] == "--output":
        args.append(str(out))
    sink_path = out.with_suffix(".jsonl")
    with open(sink_path, "wb") as sink:
        start = time.perf_counter()
        child = subprocess.Popen([*TRACKER, "scan", str(corpus), *FIELDS, *args], stdout=sink,
                                 stderr=subprocess.DEVNULL, cwd=REPO)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: {name} failed with status {os.waitstatus_to_exitcode(status)}")
    if out.is_dir():
        with open(sink_path, "wb") as sink:
            for part in sorted(out.glob("part-*.jsonl")):
                sink.write(part.read_bytes())
    return Run(wall, usage.ru_utime + usage.ru_stime, sink_path)


def sorted_records(path: Path) -> list[str]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    records.sort(key=lambda r: (r["doc"], r["start"], json.dumps(r, sort_keys=True)))
    return [json.dumps(r, sort_keys=True) for r in records]


def cluster_overheads() -> tuple[float, float]:
    """Seconds to start a 2-worker LocalCluster, and the scheduler's milliseconds per empty task."""
    from distributed import Client, LocalCluster

    start = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        started = time.perf_counter() - start
        client.gather(client.map(int, range(50)))  # warm the connections
        start = time.perf_counter()
        client.gather(client.map(int, range(EMPTY_TASKS)))
        per_task = (time.perf_counter() - start) / EMPTY_TASKS * 1000
    return started, per_task


def reading_overhead(corpus: Path, parts: int) -> tuple[float, float]:
    """Seconds to read the dump's documents once whole, and as `parts` byte ranges read in turn
    (each range of a .gz decompressing what comes before it)."""
    from tracker.distributed.reading import ReadOptions, read_part
    from tracker.distributed.sources import plan
    from tracker.reader import JsonlFields, read_documents

    fields = JsonlFields("body", "date", "id")
    start = time.perf_counter()
    whole = sum(1 for _ in read_documents([str(corpus)], fields=fields))
    once = time.perf_counter() - start
    size = int.from_bytes(corpus.read_bytes()[-4:], "little")  # the gzip trailer: the text's size
    planned = plan([str(corpus)], (), "body", size // parts + 1, 1)
    start = time.perf_counter()
    ranged = sum(1 for part in planned.parts for _ in read_part(part, ReadOptions(fields)))
    assert ranged == whole, (ranged, whole)
    return once, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N stories")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tracker-dask-bench-"))
    corpus = args.corpus
    if args.limit:
        corpus = work / "corpus.jsonl.gz"
        with gzip.open(args.corpus, "rb") as source, gzip.open(corpus, "wb") as sink:
            sink.writelines(itertools.islice(source, args.limit))
    print(f"load before: {os.getloadavg()[0]:.2f} (1-minute average, {os.cpu_count()} cores)")
    runs: dict[str, list[Run]] = {name: [] for name in CONFIGS}
    for round_ in range(args.rounds):
        for name in CONFIGS:
            runs[name].append(scan(corpus, name, work, round_))
            print(f"  round {round_ + 1} {name}: {runs[name][-1].wall:.1f} s wall, {runs[name][-1].cpu:.1f} s CPU, "
                  f"load {os.getloadavg()[0]:.2f}", flush=True)
    best = {name: min(rs, key=lambda r: r.wall) for name, rs in runs.items()}
    reference = best["direct -j 1"].records
    expected = sorted_records(reference)
    lines = len(expected)
    print(f"\n{lines} records in the direct -j 1 run\n")
    print("| run | wall s (fastest) | all runs | CPU s | vs direct -j 1 | records: bytes / sorted set |")
    print("|---|---:|---|---:|---:|---|")
    for name, run in best.items():
        same_bytes = run.records.read_bytes() == reference.read_bytes()
        same_set = sorted_records(run.records) == expected
        walls = ", ".join(f"{r.wall:.1f}" for r in runs[name])
        print(f"| {name} | {run.wall:.1f} | {walls} | {run.cpu:.1f} | {best['direct -j 1'].wall / run.wall:.2f} | "
              f"{'identical' if same_bytes else 'differ'} / {'identical' if same_set else 'differ'} |")
    started, per_task = cluster_overheads()
    print(f"\nLocalCluster (2 workers) start: {started:.2f} s; scheduler: {per_task:.2f} ms per empty task "
          f"({EMPTY_TASKS} tasks)")
    for parts in (4, 8, 32):
        once, ranged = reading_overhead(corpus, parts)
        print(f"reading the dump: {once:.2f} s whole, {ranged:.2f} s as {parts} ranges")
    for name in ("--dask local:1 --output", "--dask local:2 --output"):
        out = best[name].records.with_suffix("")
        manifest = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
        seconds = [p["seconds"] for p in manifest["partitions"]]
        loaded = sum(p["rules_loaded"] for p in manifest["partitions"])
        print(f"{name}: {len(seconds)} partitions of {manifest['blocksize']} bytes, task seconds "
              f"{min(seconds):.2f}-{max(seconds):.2f} (sum {sum(seconds):.1f}), rules loaded {loaded} times")
    print(f"load after: {os.getloadavg()[0]:.2f}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
