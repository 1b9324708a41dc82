"""Helpers shared by test modules (fixtures live in conftest.py)."""
from __future__ import annotations

import contextlib
import signal
import textwrap
from functools import cache
from pathlib import Path

from tracker.records import Record
from tracker.rulefiles import load_ruleset
from tracker.rulefiles.words import Words
from tracker.sentences import Sentence, SentenceSplitter


@contextlib.contextmanager
def ceiling(seconds: int):
    """Fail instead of hanging: far above the normal run time, so it only trips on a hang or blow-up."""
    def expired(*_):
        raise TimeoutError(f"still running after {seconds}s")
    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def write(path: Path, text: str) -> Path:
    """Write a dedented test file, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def record(doc: str, sentence: str, kind: str, actor: str, content: str, **fields) -> Record:
    """A record as the extractor makes one, built by hand for ledger tests."""
    values = dict(doc=doc, sentence=sentence, start=18, end=18 + len(sentence), kind=kind, actor=actor,
                  actor_text=actor, actor_group=None, target=None, target_text=None, content=content,
                  speaker=None, modality="asserted", condition=None, when=None, rule="test/hand", line=3)
    values.update(fields)
    return Record(**values)


@cache
def bundled_words() -> Words:
    """The word lists of the bundled rules, as `tracker scan` loads them."""
    return load_ruleset().words


def split_sentences(text: str) -> list[Sentence]:
    """Sentences as a scan with the bundled rules splits them."""
    return SentenceSplitter(bundled_words()).split(text)
