"""Scanning on a Dask cluster (`tracker scan --dask`, `tracker.dask`), and reading what it wrote.

    sources.py        inputs -> parts: text files grouped, JSON Lines by byte range, Parquet by row group
    reading.py        a part -> its documents, read on the worker as a direct scan reads them
    results.py        what scanning a document gives (records, hash, error), and a partition's tally
    worker.py         the tasks: rules loaded once per worker, each document through parallel.scan_one
    output.py         partitioned JSON Lines or Parquet, written atomically; the manifest and _SUCCESS
    cluster.py        `local`, `local:N` or a scheduler's address -> a distributed.Client
    job.py            the client's side: plan, submit, gather in input order, write the manifest
    ledger_import.py  partitioned output -> the SQLite ledger, by one writer, as a direct scan stores it

Only cluster.py, job.py and worker.py's callers need dask; reading output
(the ledger import) needs pyarrow only for Parquet.
"""

OUTPUT_FORMATS = ("jsonl", "parquet")  # of partitioned output; here so that checking one needs no fsspec
