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

import codecs
import gzip
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from itertools import chain
from pathlib import Path

from tracker.bounded import DEFAULT_MAX_DOC_BYTES, TooLarge, lines_at_most, read_at_most
from tracker.docdate import document_date
from tracker.htmltext import is_html, read_page
from tracker.internal import internal_error
from tracker.surrogates import without_surrogates

# What a folder scan reads, whatever the case of the extension (.TXT, .Html).
DEFAULT_GLOBS = ("*.txt", "*.md", "*.html", "*.htm", "*.jsonl", "*.jsonl.gz", "*.ndjson", "*.ndjson.gz")


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
    except UnicodeError as err:  # codecs that report no position (punycode, idna)
        raise InputErrorException(InputError(name, f"cannot decode as {encoding}: {err}")) from None
    except LookupError:
        raise InputErrorException(InputError(name, f"unknown encoding '{encoding}'")) from None


_SAMPLE = "Date: 2025-06-11\nThe US said so.\n"
# Text codecs of the standard library that are no character sets: they turn host names or
# string literals into text, and read a plain ASCII line back (punycode) or not at all.
_TRANSFORMS = {"punycode", "idna", "unicode-escape", "raw-unicode-escape"}


def unusable_encoding(encoding: str) -> str | None:
    """Why `encoding` cannot decode documents, or None when it can.

    Checked before anything is read, so that `--encoding punycode` (a codec
    for host names) or `rot13` (no text encoding) is a usage error instead
    of a failure of every input: a usable codec is a text encoding that
    gives back a line of plain text it wrote, and no transform of text."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        return "unknown encoding"
    try:
        usable = (info._is_text_encoding and info.name.replace("_", "-") not in _TRANSFORMS
                  and _SAMPLE.encode(encoding).decode(encoding) == _SAMPLE)
    except (UnicodeError, TypeError):
        usable = False
    return None if usable else "not an encoding of text files"


class InputErrorException(Exception):
    def __init__(self, error: InputError) -> None:
        super().__init__(str(error))
        self.error = error


def expand(paths: list[str], globs: tuple[str, ...], follow_links: bool = False) -> Iterator[str | InputError]:
    """Input paths with folders expanded (recursively, sorted), in the order given.

    File patterns match names case-insensitively, as users of Windows and
    macOS folders expect ("*.txt" finds REPORT.TXT); a folder with nothing to
    scan is an input error, so that a mistyped --glob is not a silent success.
    A folder's symbolic links are not followed out of it (a link to a file
    elsewhere, to a folder anywhere) unless `follow_links`: scanning a story
    folder must not read, or store in a ledger, files the user never put
    there.  A path given by name is read wherever it points."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = _files_in(path, [g.lower() for g in globs], follow_links)
            if not found:
                yield InputError(raw, f"no files to scan in this folder (none named {' '.join(globs)}; "
                                      "--glob picks others)")
            yield from (str(p) for p in found)
        elif path.exists():
            yield raw
        else:
            yield InputError(raw, "no such file or folder")


def _files_in(folder: Path, patterns: list[str], follow_links: bool) -> list[Path]:
    root = folder.resolve()
    found, seen = [], set()
    for top, folders, names in os.walk(folder, followlinks=follow_links):
        real = os.path.realpath(top)
        if real in seen:  # a link back up the tree: its folders were walked already
            folders.clear()
            continue
        seen.add(real)
        for name in names:
            path = Path(top, name)
            if not any(fnmatchcase(name.lower(), g) for g in patterns) or not path.is_file():
                continue
            if follow_links or not path.is_symlink() or path.resolve().is_relative_to(root):
                found.append(path)
    return sorted(found)


def is_jsonl(name: str) -> bool:
    return name.lower().endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"))


def read_documents(paths: list[str], globs: tuple[str, ...] = DEFAULT_GLOBS, fields: JsonlFields | None = None,
                   encoding: str = "utf-8", errors: str = "strict", date: str | None = None,
                   stdin_jsonl: bool | None = None, *, follow_links: bool = False,
                   max_bytes: int | None = DEFAULT_MAX_DOC_BYTES) -> Iterator[Document | InputError]:
    """Documents of all inputs, one at a time, or an InputError in place of a bad one.

    Standard input ("-") is a JSON Lines dump when `stdin_jsonl` says so, a
    text when it says not, and otherwise a dump when its first line is a JSON
    object, which no article's first line is: `zcat dump.jsonl.gz | tracker
    scan -` must not scan JSON as prose.

    `max_bytes` bounds one document (a file, or a line of a dump; None: no
    bound), see tracker.bounded; `follow_links` lets a folder scan read
    files linked from outside the folder (see expand)."""
    fields = fields or JsonlFields()
    for item in expand(paths, globs, follow_links):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            if item == "-":
                yield from _stdin(fields, encoding, errors, date, stdin_jsonl, max_bytes)
            else:
                with (gzip.open if item.lower().endswith(".gz") else open)(item, "rb") as stream:
                    if is_jsonl(item):
                        yield from jsonl_documents(item, lines_at_most(stream, max_bytes), fields, date, max_bytes)
                    else:
                        yield file_document(item, read_at_most(stream, max_bytes), encoding, errors, date)
        except TooLarge:
            yield InputError(item, f"larger than --max-doc-bytes ({max_bytes} bytes), not read; raise the limit "
                                   "to read it")
        except InputErrorException as err:
            yield err.error
        except (OSError, EOFError, zlib.error) as err:
            yield InputError(item, f"cannot read: {getattr(err, 'strerror', None) or err}")
        except Exception as err:  # a bug met reading this input (an HTML page, say) costs only this input
            yield InputError(item, internal_error(err))


def _stdin(fields: JsonlFields, encoding: str, errors: str, date: str | None, jsonl: bool | None,
           max_bytes: int | None) -> Iterator[Document | InputError]:
    stream = sys.stdin.buffer
    lines = lines_at_most(stream, max_bytes)
    first, length = next(lines, (b"", 0))
    if jsonl or (jsonl is None and first is not None and _json_object(first)):
        yield from jsonl_documents("-", chain([(first, length)], lines), fields, date, max_bytes)
    elif first is None:
        raise TooLarge
    else:
        rest = read_at_most(stream, None if max_bytes is None else max_bytes - len(first))
        yield file_document("-", first + rest, encoding, errors, date)


def _json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or too deep to be an article
        return False


def file_document(name: str, data: bytes, encoding: str, errors: str, date: str | None) -> Document | InputError:
    """One text or HTML input from its bytes, decompressed, wherever they came
    from (a file here, an object store for tracker.dask); they are freed when
    this returns."""
    text = decode(data, name, encoding, errors)
    del data
    if is_html(name):
        page = read_page(text)
        if not page.text:
            return InputError(name, "no article text found in this page")
        return Document(name, page.text, date or page.date or document_date(page.text))
    if not text.strip():
        return InputError(name, "empty: no text to scan")
    return Document(name, text, date or document_date(text))


def jsonl_documents(name: str, lines: Iterable[tuple[bytes | None, int]], fields: JsonlFields, date: str | None,
                    max_bytes: int | None = None, start: int = 0, numbering: Callable[[int], int] | None = None,
                    complete: bool = True) -> Iterator[Document | InputError]:
    """Articles of a dump; a bad line is an InputError of its own (`name:LINE`)
    and the lines after it are still read.  A dump without articles is an error
    too, and so is one whose first article lacks the text field: the field was
    named wrong, and one error says so better than one per line.

    tracker.dask reads a dump in byte ranges: `lines` then holds the lines
    from byte `start` on, `numbering` numbers its nth line (counting the lines
    before costs a read, so only an error or an article without an id asks),
    and `complete` is false when the stream stops before the dump's end."""
    number = numbering or (lambda n: n)
    beginning, offset = start == 0, start
    articles = 0
    for n, (raw, length) in enumerate(lines, 1):
        start, offset = offset, offset + length
        if raw is None:
            articles += 1
            yield InputError(f"{name}:{number(n)}", f"line longer than --max-doc-bytes ({max_bytes} bytes), "
                                                    "skipped; raise the limit to read it")
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            yield InputError(f"{name}:{number(n)}", f"cannot decode as utf-8 at byte {start + err.start}")
            continue
        if not line.strip():
            continue
        articles += 1
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(f"{name}:{number(n)}", f"not JSON: {err.msg} at column {err.colno}")
            continue
        except ValueError as err:  # an integer past Python's digit limit
            yield InputError(f"{name}:{number(n)}", f"not JSON: {err}")
            continue
        except RecursionError:
            yield InputError(f"{name}:{number(n)}", "not JSON: nested too deeply to read")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get(fields.text), str):
            if articles == 1 and beginning and isinstance(obj, dict) and fields.text not in obj:  # the wrong field for
                # the whole dump, said once (a text field that is no string is that line's own error)
                found = ", ".join(k for k, v in obj.items() if isinstance(v, str))
                yield InputError(name, f"no text field '{fields.text}' in its first article (its text fields: "
                                       f"{found or 'none'}); --text-field names the one holding the text")
                return
            if isinstance(obj, dict) and fields.text in obj:
                yield InputError(f"{name}:{number(n)}", f"text field '{fields.text}' holds no string")
            else:
                yield InputError(f"{name}:{number(n)}", f"no text field '{fields.text}' (--text-field names it)")
            continue
        if not obj[fields.text].strip():
            yield InputError(f"{name}:{number(n)}", f"empty text field '{fields.text}'")
            continue
        ident = without_surrogates(str(obj[fields.id] if fields.id in obj else number(n)))
        text = without_surrogates(obj[fields.text])
        yield Document(f"{name}#{ident}", text, date or iso_day(obj.get(fields.date)))
    if not articles and beginning and complete:
        yield InputError(name, "empty: no articles in this JSON Lines dump")


def iso_day(value: object) -> str | None:
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return without_surrogates(value[:10])
    return None
