"""Reading inputs: files, folders, standard input, and JSON Lines news dumps.

Documents are yielded one at a time so that a scan streams: output for the
first document is written before the last one is read.  A file that cannot
be read or decoded becomes an InputError for that file alone; the caller
reports it and goes on with the rest.

Memory: a text or HTML file is read whole, because records carry offsets
into the whole document.  While one is read, its bytes and its text are held
together (about twice the file's size for text in a Latin script, .gz files
add their compressed bytes); once its Document is yielded only the text is
left.  JSON Lines dumps are read one line, so one article, at a time.
"""
from __future__ import annotations

import gzip
import json
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker.docdate import document_date
from tracker.htmltext import html_text, is_html

DEFAULT_GLOBS = ("*.txt", "*.md", "*.html", "*.htm")


@dataclass
class Document:
    name: str          # the input path as given (or "-"), with "#ID" for a JSON Lines article
    text: str
    date: str | None = None


@dataclass
class InputError:
    """An input that could not be read; `name` is the path as given."""

    name: str
    message: str

    def __str__(self) -> str:
        return f"{self.name}: {self.message}"


@dataclass
class JsonlFields:
    """Which fields of a JSON Lines article hold its text, date and id."""

    text: str = "text"
    date: str = "date"
    id: str = "id"


def decode(data: bytes, name: str, encoding: str = "utf-8", errors: str = "strict") -> str:
    """Bytes to text: a BOM picks UTF-8 or UTF-16; otherwise `encoding`.

    Raises InputErrorException with the byte offset of the first bad byte.
    """
    bom = 0
    if data.startswith(b"\xef\xbb\xbf"):
        bom, encoding = 3, "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif b"\x00" in data[:8192] and encoding.lower().replace("-", "").replace("_", "") == "utf8":
        raise InputErrorException(InputError(
            name, "binary file (NUL bytes), not text (UTF-16 without a BOM? try --encoding utf-16)"))
    try:
        return data.decode(encoding, errors)
    except UnicodeDecodeError as err:
        at = err.start + bom if encoding == "utf-8-sig" else err.start
        raise InputErrorException(InputError(
            name, f"cannot decode as {err.encoding} at byte {at} (try --encoding or --errors replace)")) from None
    except LookupError:
        raise InputErrorException(InputError(name, f"unknown encoding '{encoding}'")) from None


class InputErrorException(Exception):
    def __init__(self, error: InputError) -> None:
        super().__init__(str(error))
        self.error = error


def expand(paths: list[str], globs: tuple[str, ...]) -> Iterator[str | InputError]:
    """Input paths with folders expanded (recursively, sorted), in the order given."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted({p for g in globs for p in path.rglob(g) if p.is_file()})
            yield from (str(p) for p in found)
        elif path.exists():
            yield raw
        else:
            yield InputError(raw, "no such file or folder")


def is_jsonl(name: str) -> bool:
    return name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"))


def read_documents(paths: list[str], globs: tuple[str, ...] = DEFAULT_GLOBS, fields: JsonlFields | None = None,
                   encoding: str = "utf-8", errors: str = "strict",
                   date: str | None = None) -> Iterator[Document | InputError]:
    """Documents of all inputs, one at a time, or an InputError in place of a bad one."""
    fields = fields or JsonlFields()
    for item in expand(paths, globs):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            if is_jsonl(item):
                yield from _jsonl(item, fields, date)
                continue
            text = _read_text(item, encoding, errors)
        except InputErrorException as err:
            yield err.error
            continue
        except (OSError, EOFError, zlib.error) as err:
            yield InputError(item, f"cannot read: {getattr(err, 'strerror', None) or err}")
            continue
        yield Document(item, text, date or document_date(text))


def _read_text(name: str, encoding: str, errors: str) -> str:
    """The text of one input; its bytes are freed when this returns."""
    return file_text(sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes(), name, encoding, errors)


def file_text(data: bytes, name: str, encoding: str = "utf-8", errors: str = "strict") -> str:
    """A text or HTML file's bytes as its text, as a scan reads it (a .gz
    decompressed, HTML reduced to its text); wherever the bytes came from
    (a file here, or an object store for tracker.dask)."""
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    text = decode(data, name, encoding, errors)
    del data
    return html_text(text) if is_html(name) else text


def _jsonl(name: str, fields: JsonlFields, date: str | None) -> Iterator[Document | InputError]:
    """Articles of a dump; a bad line is an InputError of its own (`name:LINE`)
    and the lines after it are still read."""
    opener = gzip.open if name.endswith(".gz") else open
    with opener(name, "rb") as stream:
        offset = 0
        for n, raw in enumerate(stream, 1):
            start, offset = offset, offset + len(raw)
            item = jsonl_article(name, raw, start, n, fields, date)
            if item is not None:
                yield item


def jsonl_article(name: str, raw: bytes, start: int, line: int | Callable[[], int], fields: JsonlFields,
                  date: str | None) -> Document | InputError | None:
    """One line of a dump, which starts at byte `start`: its article, an
    InputError, or None for a blank line.  `line` is the line's number, or a
    function giving it, called only for an error or an article without an
    id: a reader that starts in the middle of a dump (tracker.dask) must
    count the lines before to know it."""
    def number() -> int:
        return line if isinstance(line, int) else line()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return InputError(f"{name}:{number()}", f"cannot decode as utf-8 at byte {start + err.start}")
    if not text.strip():
        return None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        return InputError(f"{name}:{number()}", f"not JSON: {err.msg} at column {err.colno}")
    if not isinstance(obj, dict) or not isinstance(obj.get(fields.text), str):
        return InputError(f"{name}:{number()}", f"no text field '{fields.text}'")
    ident = obj[fields.id] if fields.id in obj else number()
    return Document(f"{name}#{ident}", obj[fields.text], date or iso_day(obj.get(fields.date)))


def iso_day(value: object) -> str | None:
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10]
    return None
