"""`tracker scan --dask`, `tracker.dask` and `tracker ledger import` on a real LocalCluster
(two worker processes): the records of a direct scan, whatever the partitions, through a killed
worker and bad documents, and a ledger import that stores what a direct `scan --ledger` stores."""
from __future__ import annotations

import gzip
import importlib.util
import itertools
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import tracker
from tracker.cli import main
from tracker.records import FIELDS

REPO = Path(__file__).resolve().parents[1]
REUTERS = REPO.parent / "shared" / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"
HAVE_DASK = all(importlib.util.find_spec(m) for m in ("dask", "distributed", "pyarrow"))
needs_dask = pytest.mark.skipif(not HAVE_DASK, reason="needs the dask extra: pip install -e '.[dask]'")
needs_reuters = pytest.mark.skipif(not REUTERS.exists(), reason="needs ../shared/corpora/reuters21578")

SENTENCES = [
    "The minister said that China agreed to ease export curbs.",
    "Washington accused Tokyo of dumping steel.",
    "“We have a deal,” Smith said. “It is a good one.”",
    "The council approved the plan on Monday.",
]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "1000"})


def sorted_lines(text: str) -> list[str]:
    """JSON Lines sorted by document and offset (then the rest of the record): the order records are compared in."""
    records = [json.loads(line) for line in text.splitlines()]
    records.sort(key=lambda r: (r["doc"], r["start"], json.dumps(r, sort_keys=True)))
    return [json.dumps(r, ensure_ascii=False) for r in records]


def parts(out: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(out.glob("part-*.jsonl")))


def manifest(out: Path) -> dict:
    return json.loads((out / "_manifest.json").read_text(encoding="utf-8"))


def rows(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as connection:
        return {table: connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
                for table in ("documents", "records", "links")}


@pytest.fixture(scope="module")
def client() -> Iterator:
    """One LocalCluster for the module: two worker processes, one thread each, as `--dask local:2` starts."""
    if not HAVE_DASK:
        pytest.skip("needs the dask extra: pip install -e '.[dask]'")
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as connected:
        yield connected


@pytest.fixture(scope="module")
def address(client) -> str:
    return client.scheduler.address


@pytest.fixture(scope="module")
def reuters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 240 Reuters stories as a plain JSON Lines dump."""
    if not REUTERS.exists():
        pytest.skip("needs ../shared/corpora/reuters21578")
    path = tmp_path_factory.mktemp("reuters") / "reuters.jsonl"
    with gzip.open(REUTERS, "rt", encoding="utf-8") as source:
        path.write_text("".join(itertools.islice(source, 240)), encoding="utf-8")
    return path


@pytest.fixture
def numbered(tmp_path: Path) -> Path:
    """Forty articles without ids (so they are named by line), a blank line and a broken one among them."""
    lines = [json.dumps({"text": " ".join(SENTENCES[n % 4:] + SENTENCES[:n % 4]), "date": f"2025-05-{n % 28 + 1:02d}"})
             for n in range(40)]
    lines[12:12] = ["", "{not json"]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_without_the_extra_dask_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now raises ImportError
    result = invoke("scan", str(REPO / "seeds"), "--dask", "local:2")
    assert result.exit_code == 2
    assert "pip install 'tracker[dask]'" in result.stderr
    assert "Traceback" not in result.output
    import tracker.dask

    with pytest.raises(ImportError, match=r"pip install 'tracker\[dask\]'"):
        tracker.dask.scan(str(REPO / "seeds"))


@needs_dask
@needs_reuters
def test_records_are_a_direct_scans_on_the_seed_and_reuters(address: str, reuters: Path, tmp_path: Path) -> None:
    inputs = [str(REPO / "seeds"), str(reuters), "--text-field", "body"]
    direct = invoke("scan", *inputs, "-f", "jsonl")
    assert direct.exit_code == 0 and direct.stdout
    back = invoke("scan", *inputs, "-f", "jsonl", "--dask", address, "--blocksize", "64kB")
    assert back.exit_code == 0, back.stderr
    assert back.stdout == direct.stdout  # records come back in input order
    out = tmp_path / "out"
    written = invoke("scan", *inputs, "--dask", address, "--blocksize", "64kB", "--output", str(out))
    assert written.exit_code == 0, written.stderr
    assert (out / "_SUCCESS").exists()
    assert sorted_lines(parts(out)) == sorted_lines(direct.stdout)
    assert parts(out) == direct.stdout  # the parts in order are the direct scan's JSON Lines
    done = manifest(out)
    assert len(done["partitions"]) > 2 and done["records"] == len(direct.stdout.splitlines())
    assert len({p["worker"] for p in done["partitions"]}) == 2
    # the rules are loaded once per worker, not per partition or document
    assert sum(p["rules_loaded"] for p in done["partitions"]) <= 2


@needs_dask
def test_byte_ranges_cut_anywhere_give_the_lines_a_direct_scan_reads(address: str, numbered: Path) -> None:
    """Ranges of 300 bytes cut lines in the middle; articles named by their line number and the
    broken line's error must still be those of a direct scan, for the plain and the gzipped dump."""
    packed = numbered.with_suffix(".jsonl.gz")
    packed.write_bytes(gzip.compress(numbered.read_bytes()))
    for dump in (numbered, packed):
        direct = invoke("scan", str(dump), "-f", "jsonl")
        ranged = invoke("scan", str(dump), "-f", "jsonl", "--dask", address, "--blocksize", "300B")
        assert direct.exit_code == ranged.exit_code == 1
        assert ranged.stdout == direct.stdout
        assert f"{dump}:14: not JSON" in ranged.stderr
        assert ranged.stderr.splitlines()[-1] == direct.stderr.splitlines()[-1]
        wrong = [invoke("scan", str(dump), "--text-field", "body", *dask)
                 for dask in ((), ("--dask", address, "--blocksize", "300B"))]
        assert wrong[0].exit_code == wrong[1].exit_code == 1
        assert wrong[1].stderr == wrong[0].stderr  # the wrong field said once for the dump, by its first range


def die_once(marker: Path, name: str) -> Callable:
    """A step of a bag that kills its worker process at document `name`, on the first attempt only."""
    def step(document: tracker.reader.Document) -> tracker.reader.Document:
        if document.name == name and not marker.exists():
            marker.touch()
            os._exit(1)
        return document
    return step


@needs_dask
def test_a_worker_killed_mid_task_loses_and_duplicates_nothing(client, ruleset, tmp_path: Path) -> None:
    import dask.bag

    import tracker.dask
    from tracker.reader import Document

    documents = [Document(f"story-{n:02d}", " ".join(SENTENCES[n % 4:] + SENTENCES[:n % 4])) for n in range(24)]
    marker = tmp_path / "killed"
    bag = dask.bag.from_sequence(documents, npartitions=4).map(die_once(marker, "story-14"))
    out = tmp_path / "out"
    written = tracker.dask.write(bag, out, client=client)
    expected = "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n"
                       for r in tracker.scan(rules=ruleset, texts=[(d.name, d.text) for d in documents]))
    assert marker.exists()  # the worker did die in the middle of partition 2
    assert parts(out) == expected  # every record once, in order
    assert [p["index"] for p in written["partitions"]] == [0, 1, 2, 3]
    assert written["complete"] and (out / "_SUCCESS").exists() and not (out / "_temporary").exists()
    print(f"\nkilled worker at story-14 (partition 2); {written['records']} records in "
          f"{len(written['partitions'])} partitions, equal to the direct scan's {len(expected.splitlines())}")


def choke_on(name: str) -> None:
    """Make this worker's extractor raise on document `name`, as on a document it cannot handle."""
    from tracker.extract import Extractor

    real = Extractor.extract_pieces

    def choke(self, doc, text):
        if doc == name:
            raise RecursionError("maximum recursion depth exceeded")
        yield from real(self, doc, text)
    choke.real = real  # type: ignore[attr-defined]
    Extractor.extract_pieces = choke  # type: ignore[method-assign]


def unchoke() -> None:
    from tracker.extract import Extractor

    Extractor.extract_pieces = Extractor.extract_pieces.real  # type: ignore[attr-defined]


@needs_dask
def test_bad_documents_are_in_the_manifest_and_the_rest_complete(client, address: str, tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    for n, sentence in enumerate(SENTENCES):
        (news / f"good-{n}.txt").write_text(sentence + "\n", encoding="utf-8")
    (news / "latin1.txt").write_bytes("Le ministre a déclaré.".encode("latin-1"))
    (news / "raises.txt").write_text(SENTENCES[1] + "\n", encoding="utf-8")
    (news / "dump.jsonl").write_text(json.dumps({"id": 7, "text": SENTENCES[0]}) + "\n{broken\n", encoding="utf-8")
    inputs = [str(news), str(tmp_path / "missing.txt")]  # the folder's dump is read with it
    out = tmp_path / "out"
    client.wait_for_workers(2)  # a worker restarted by an earlier test has joined, and is patched too
    client.run(choke_on, str(news / "raises.txt"))
    try:
        result = invoke("scan", *inputs, "--dask", address, "--blocksize", "1B", "--output", str(out))
    finally:
        client.run(unchoke)
    assert result.exit_code == 1
    failed = {f["name"]: f["reason"] for f in manifest(out)["failed"]}
    assert failed == {
        str(tmp_path / "missing.txt"): "no such file or folder",
        str(news / "latin1.txt"): "cannot decode as utf-8 at byte 15 (try --encoding or --errors replace)",
        str(news / "raises.txt"): "could not be scanned (RecursionError: maximum recursion depth exceeded)",
        f"{news / 'dump.jsonl'}:2": "not JSON: Expecting property name enclosed in double quotes at column 2",
    }
    assert result.stderr.splitlines()[-1].startswith("tracker: 4 input(s) failed: ")
    assert (out / "_SUCCESS").exists()
    docs = {json.loads(line)["doc"] for line in parts(out).splitlines()}
    assert docs == {str(news / f"good-{n}.txt") for n in range(4)} | {f"{news / 'dump.jsonl'}#7"}


@needs_dask
def test_exit_codes_and_usage_errors_are_a_direct_scans(address: str, tmp_path: Path) -> None:
    seeds = str(REPO / "seeds")
    broken = tmp_path / "rules"
    broken.mkdir()
    (broken / "bad.yaml").write_text("kind: accusation\nrules:\n  - id: x\n    pattern: \"{actor} <accuse\"\n")
    assert invoke("scan", seeds, "--dask", address, "--rules", str(broken)).exit_code == 2
    assert invoke("scan", seeds, "--dask", address, "-j", "2").exit_code == 2
    assert invoke("scan", "-", "--dask", address).exit_code == 2
    assert invoke("scan", seeds, "--dask", "nowhere").exit_code == 2
    (tmp_path / "folder").mkdir()
    direct = invoke("scan", seeds, "--output", str(tmp_path / "folder"))  # without --dask, --output is a file
    assert direct.exit_code == 2 and "cannot write" in direct.stderr
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "keep.txt").write_text("earlier output\n")
    refused = invoke("scan", seeds, "--dask", address, "--output", str(taken))
    assert refused.exit_code == 2 and "not empty" in refused.stderr
    assert (taken / "keep.txt").read_text() == "earlier output\n"
    missing = invoke("scan", seeds, str(tmp_path / "nope.txt"), "--dask", address, "-f", "jsonl")
    assert missing.exit_code == 1 and missing.stdout == invoke("scan", seeds, "-f", "jsonl").stdout
    assert missing.stderr.splitlines()[-1] == f"tracker: 1 input(s) failed: {tmp_path / 'nope.txt'}"


@needs_dask
@needs_reuters
def test_ledger_import_stores_what_a_direct_scan_stores_and_twice_adds_nothing(address: str, reuters: Path,
                                                                                tmp_path: Path) -> None:
    inputs = [str(REPO / "seeds"), str(reuters), "--text-field", "body"]
    assert invoke("scan", *inputs, "--ledger", str(tmp_path / "direct.db"), "-f", "jsonl").exit_code == 0
    out = tmp_path / "out"
    assert invoke("scan", *inputs, "--dask", address, "--blocksize", "64kB", "--output", str(out)).exit_code == 0
    imported = tmp_path / "imported.db"
    first = invoke("ledger", "import", str(out), "--ledger", str(imported))
    assert first.exit_code == 0, first.stderr
    direct = rows(tmp_path / "direct.db")
    assert direct["links"] and rows(imported) == direct
    again = invoke("ledger", "import", str(out), "--ledger", str(imported))
    assert again.exit_code == 0 and " 0 added with 0 records" in again.stdout
    assert rows(imported) == direct
    on_dask = tmp_path / "on-dask.db"
    assert invoke("scan", *inputs, "--dask", address, "--ledger", str(on_dask), "-f", "jsonl").exit_code == 0
    assert rows(on_dask) == direct


@needs_dask
def test_an_unfinished_output_is_not_imported(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "_manifest.json").write_text("{}")
    result = invoke("ledger", "import", str(tmp_path / "out"), "--ledger", str(tmp_path / "story.db"))
    assert result.exit_code == 2 and "no _SUCCESS" in result.stderr
    assert not (tmp_path / "story.db").exists()


@needs_dask
@needs_reuters
def test_parquet_in_and_out_holds_the_same_records(address: str, reuters: Path, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    articles = [json.loads(line) for line in reuters.read_text(encoding="utf-8").splitlines()]
    table = pa.table({"id": [a["id"] for a in articles], "body": [a["body"] for a in articles],
                      "date": [a["date"] for a in articles]})
    parquet = tmp_path / "reuters.parquet"
    pq.write_table(table, parquet, row_group_size=40)
    direct = invoke("scan", str(reuters), "--text-field", "body", "-f", "jsonl").stdout
    out = tmp_path / "out"
    result = invoke("scan", str(parquet), "--text-field", "body", "--dask", address, "--blocksize", "1B",
                    "--output", str(out), "--format", "parquet")
    assert result.exit_code == 0, result.stderr
    assert len(manifest(out)["partitions"]) == 6  # one per row group
    read = pq.read_table(out).to_pylist()  # the folder reads as one table: only records files lack the leading _
    assert list(read[0]) == list(FIELDS)
    renamed = [{**r, "doc": r["doc"].replace(str(parquet), str(reuters))} for r in read]
    assert sorted_lines("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in renamed)) == sorted_lines(direct)
    imported = tmp_path / "imported.db"
    assert invoke("ledger", "import", str(out), "--ledger", str(imported)).exit_code == 0
    assert invoke("scan", str(parquet), "--text-field", "body", "--dask", address,
                  "--ledger", str(tmp_path / "on-dask.db"), "-f", "jsonl").exit_code == 0
    assert rows(imported) == rows(tmp_path / "on-dask.db")


@needs_dask
def test_python_api_takes_paths_urls_and_bags(client, ruleset, numbered: Path) -> None:
    import dask.bag

    import tracker.dask

    direct = list(tracker.scan(str(REPO / "seeds"), ruleset))
    assert list(tracker.dask.scan(str(REPO / "seeds"), client=client)) == direct
    url = (REPO / "seeds").as_uri()
    by_url = list(tracker.dask.scan(url, client=client))
    assert [r.doc for r in by_url] == [url + "/" + Path(r.doc).name for r in direct]
    articles = dask.bag.read_text(str(numbered)).filter(lambda line: line.startswith("{\"")).map(json.loads)
    from_bag = list(tracker.dask.scan(articles, client=client, id_field="none"))
    assert len(from_bag) == len(list(tracker.scan(str(numbered), ruleset, on_error=lambda _: None)))
    with pytest.raises(TypeError, match="not a loaded RuleSet"):
        tracker.dask.scan(str(REPO / "seeds"), ruleset, client=client)


@needs_dask
def test_the_automatic_blocksize_gives_each_worker_four_parts_and_no_sliver(tmp_path: Path) -> None:
    from tracker.distributed.sources import JsonlRange, plan

    dump = tmp_path / "big.jsonl"
    line = json.dumps({"id": 0, "text": " ".join(SENTENCES)}) + "\n"
    dump.write_text(line * (12_000_000 // len(line)), encoding="utf-8")  # above 8 x MIN_BLOCKSIZE
    planned = plan([str(dump)], (), "text", None, workers=2)
    ranges = [p for p in planned.parts if isinstance(p, JsonlRange)]
    assert len(ranges) == 8
    assert [r.start for r in ranges[1:]] == [r.end for r in ranges[:-1]] and ranges[-1].end is None
    assert dump.stat().st_size - ranges[-1].start > planned.blocksize // 2
