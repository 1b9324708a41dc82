"""One document in, records out: the steps tied together.

text -> sentence views (document.py) -> candidate rules (trigger index) ->
rule runs (run.py) -> records (build.py).
"""
from __future__ import annotations

from collections.abc import Iterator

from tracker.actors.lexicon import Lexicon
from tracker.build import RecordBuilder
from tracker.document import Reader, SentenceView
from tracker.lang.context import OutOfTime
from tracker.lang.match import CompiledPattern
from tracker.records import Record
from tracker.rulefiles.ruleset import RuleSet
from tracker.run import RuleRun, run_rule
from tracker.story import Story
from tracker.trigger_index import NeedIndex

DEFAULT_TIME_BUDGET = 1.0  # seconds per rule and sentence; normal sentences take well under a millisecond


class Extractor:
    """Holds the loaded rules, lexicon and builders; `extract` is called once per document."""

    def __init__(self, ruleset: RuleSet, time_budget: float | None = DEFAULT_TIME_BUDGET) -> None:
        """`time_budget`: seconds one rule may spend on one sentence (None: no limit)."""
        self.ruleset = ruleset
        self.lexicon = Lexicon(ruleset.lexicons)
        self.reader = Reader(self.lexicon, ruleset.words)
        self.builder = RecordBuilder(ruleset, self.lexicon.demonyms)
        self.time_budget = time_budget
        patterns = [p for rule in ruleset.rules for p in (*rule.unless, *rule.patterns)]
        self._needs = NeedIndex([p.expr.needs for p in patterns])
        # Each pattern's need numbers, by the pattern (the rule set keeps every pattern alive), and per
        # rule those of its patterns: a rule none of whose patterns a sentence holds the words of is
        # not run at all (two in three candidates on news).
        self._need_of = {id(p): needs for p, needs in zip(patterns, self._needs.of, strict=True)}
        self._rule_needs = {id(rule): tuple(self._need_of[id(p)] for p in rule.patterns) for rule in ruleset.rules}
        self.warnings: list[str] = []  # rules stopped by the time budget; the caller drains them
        self.sentences = 0  # sentences read, for a scan's progress; the caller drains it

    def views(self, text: str) -> list[SentenceView]:
        return self.reader.views(text)

    def extract(self, doc: str, text: str) -> list[Record]:
        return [rec for piece in self.extract_pieces(doc, text) for rec in piece]

    def extract_pieces(self, doc: str, text: str) -> Iterator[list[Record]]:
        """The records of a document, a piece at a time, so that a caller can
        write them out before the rest of a long document is read."""
        story = Story()
        for views in self.reader.piece_views(text):
            self.sentences += len(views)
            yield [rec for view in views for rec in self.sentence_records(doc, view, story)]

    def runs(self, doc: str, view: SentenceView) -> list[RuleRun]:
        """Every candidate rule run on the sentence that has a pattern the
        sentence holds the required words of (the others could match
        nothing, and records are all a scan reads of a run); a rule over its
        time budget is left out with a warning."""
        runs = []
        words = view.context.index.positions.keys()
        held, need_of, rule_needs = self._needs.held(words), self._need_of, self._rule_needs

        def possible(pattern: CompiledPattern) -> bool:
            return need_of[id(pattern)] <= held
        for rule in self.ruleset.candidates(words):
            if not any(map(held.issuperset, rule_needs[id(rule)])):
                continue
            try:
                runs.append(run_rule(rule, view, self.time_budget, possible))
            except OutOfTime:
                self.warnings.append(f"{doc}:{view.sentence.line}: warning: rule {rule.id} stopped after "
                                     f"{(self.time_budget or 0) * 1000:g} ms on this sentence (time budget); "
                                     "its records there are left out")
        return runs

    def sentence_records(self, doc: str, view: SentenceView, story: Story | None = None) -> list[Record]:
        return self.builder.sentence_records(doc, view, self.runs(doc, view), story)
