"""Loading rule folders: YAML files -> validated, compiled rules and a trigger index.

Everything a user can get wrong in a rule file is reported here as a
Diagnostic with the file, line and column, and loading stops with a
RuleError listing them all, so a user fixes every mistake in one pass.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection

import jsonschema

from tracker.match import CompiledPattern
from tracker.patterns import (Alt, Capture, Compiler, Gap, Macro, Node, Not, Optional, PatternError, PatternExpression, Seq, Words,
                              anchor, read_pattern, start_filter, triggers, verb_forms, walk)
from tracker.schema import FILE_TYPES, file_type
from tracker.trigger_index import TriggerIndex
from tracker.tokens import tokenize, words_of
from tracker.yamlpos import Located, Position, YamlError, load_file

DEFAULT_RULES = Path(__file__).resolve().parent.parent / "rules"


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    col: int
    message: str
    level: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.level}: {self.message}"


class RuleError(Exception):
    """Rule files with errors; `diagnostics` holds one line per problem, and
    `warnings` what would have ridden on the RuleSet (`tracker rules check`
    shows both)."""

    def __init__(self, diagnostics: list[Diagnostic], warnings: list[Diagnostic] | None = None) -> None:
        super().__init__("\n".join(map(str, diagnostics)))
        self.diagnostics = diagnostics
        self.warnings = warnings or []


@dataclass
class Example:
    text: str
    expect: dict[str, str | None]
    line: int


@dataclass
class Rule:
    id: str           # FILE-STEM/RULE-ID, as records carry it
    kind: str
    path: Path
    line: int
    patterns: list[CompiledPattern]
    triggers: frozenset[str] | None
    unless: list[CompiledPattern] = field(default_factory=list)
    actor_from: str | None = None  # "speaker" or "parties": where the actor comes from when not captured
    modality: str | None = None
    description: str = ""
    examples: list[Example] = field(default_factory=list)
    counterexamples: list[Example] = field(default_factory=list)
    macros: dict[str, Node] = field(default_factory=dict)  # the macros its patterns could use, for explain


@dataclass
class Cues:
    """Modality cue patterns, each under its modality, and time-expression
    patterns under "when", in one index by trigger word: a sentence is
    searched only for the cues whose words it holds, in one pass for all."""

    index: TriggerIndex[tuple[str, CompiledPattern]] = field(default_factory=lambda: TriggerIndex([], []))
    speech_verbs: frozenset[str] = frozenset()


@dataclass
class RuleSet:
    rules: list[Rule]
    lexicons: list[tuple[Path, dict[str, Any]]]
    cues: Cues
    warnings: list[Diagnostic]
    index: TriggerIndex[Rule] = field(init=False)

    def __post_init__(self) -> None:
        self.index = TriggerIndex(self.rules, [rule.triggers for rule in self.rules])

    def candidates(self, words: Collection[str]) -> list[Rule]:
        """Rules that may match a sentence with these (folded) words, in file order."""
        return self.index.candidates(words)


class _Loader:
    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.shared_macros: dict[str, tuple[Node, Path, Located, tuple]] = {}
        self.used_macros: set[str] = set()  # macros named by the patterns compiled so far
        self.aliases: dict[tuple[str, ...], tuple[str, str]] = {}  # alias form -> (actor, where)

    def error(self, path: Path, pos: Position, message: str, level: str = "error") -> None:
        self.diagnostics.append(Diagnostic(str(path), pos.line, pos.col, message, level))

    def read(self, path: Path) -> tuple[str, Located] | None:
        try:
            located = load_file(path)
        except YamlError as err:
            self.error(path, Position(err.line, err.col), err.message)
            return None
        except OSError as err:
            self.error(path, Position(1, 1), f"cannot read: {err.strerror}")
            return None
        kind = file_type(located.data)
        if kind is None:
            keys = ", ".join(FILE_TYPES)
            self.error(path, Position(1, 1), f"not a tracker file: expected a top-level key, one of: {keys}")
            return None
        if not self.validate(path, located, FILE_TYPES[kind]):
            return None
        return kind, located

    def validate(self, path: Path, located: Located, schema: dict[str, Any]) -> bool:
        validator = jsonschema.Draft202012Validator(schema)
        errors = sorted(validator.iter_errors(located.data), key=lambda e: (list(map(str, e.absolute_path))))
        for err in errors:
            self.schema_error(path, located, err)
        return not errors

    def schema_error(self, path: Path, located: Located, err: jsonschema.ValidationError) -> None:
        where = tuple(err.absolute_path)
        if err.validator == "additionalProperties":
            allowed = sorted(err.schema.get("properties", {}))
            extra = sorted(set(err.instance) - set(allowed))
            for key in extra:
                self.error(path, located.where(where + (key, "<key>")),
                           f"unknown key '{key}' (allowed: {', '.join(allowed)})")
            return
        if err.validator == "required":
            missing = err.message.split("'")[1] if "'" in err.message else err.message
            self.error(path, located.where(where), f"missing field '{missing}'")
            return
        if err.validator == "oneOf" and isinstance(err.instance, dict) and "id" in err.instance:
            both = "pattern" in err.instance and "patterns" in err.instance
            self.error(path, located.where(where),
                       "use either 'pattern' or 'patterns', not both" if both else "missing field 'pattern'")
            return
        if err.validator == "enum":
            choices = ", ".join(map(str, err.validator_value))
            self.error(path, located.where(where), f"'{err.instance}' is not one of: {choices}")
            return
        name = ".".join(map(str, where)) or "file"
        self.error(path, located.where(where), f"{name}: {err.message}")

    def parse(self, path: Path, located: Located, where: tuple, text: str) -> Node | None:
        try:
            return read_pattern(text)
        except PatternError as err:
            self.error(path, located.where_in(where, err.col), err.message)
            return None

    def macros_of(self, path: Path, located: Located, data: dict[str, Any]) -> dict[str, tuple]:
        out = {}
        for name, text in (data.get("macros") or {}).items():
            tree = self.parse(path, located, ("macros", name), text)
            if tree is not None:
                out[name] = (tree, path, located, ("macros", name))
        return out

    def compile(self, path: Path, located: Located, where: tuple, text: str,
                macros: dict[str, tuple]) -> CompiledPattern | None:
        tree = self.parse(path, located, where, text)
        if tree is None:
            return None
        self.used_macros.update(n.name for n in walk(tree) if isinstance(n, Macro))
        compiler = Compiler({name: m[0] for name, m in macros.items()})
        try:
            expr = compiler.compile(tree)
        except PatternError as err:
            if err.macro and err.macro in macros:
                _, mpath, mlocated, mwhere = macros[err.macro]
                self.error(mpath, mlocated.where_in(mwhere, err.col), err.message)
            else:
                self.error(path, located.where_in(where, err.col), err.message)
            return None
        if _matches_empty(tree, compiler.macros):
            self.error(path, located.where_in(where, tree.col),
                       "this pattern can match no words at all (all its parts are optional, gaps or negated); "
                       "give it a word it must find")
            return None
        self.check_blowup(path, located, where, tree)
        return CompiledPattern(text, tree, PatternExpression(expr, text), start_filter(tree, compiler.macros),
                               anchor(tree, compiler.macros), triggers(tree, compiler.macros))

    def check_blowup(self, path: Path, located: Located, where: tuple, tree: Node) -> None:
        """Warn where gaps stand next to each other, or with only optional or
        negated parts between them: each one multiplies the work."""
        for node in walk(tree):
            gap_before = False
            for item in getattr(node, "items", None) or []:
                if isinstance(item, Gap):
                    if gap_before:
                        self.error(path, located.where_in(where, item.col),
                                   "two gaps in a row multiply the work; merge them into one", "warning")
                    gap_before = True
                elif not isinstance(item, (Optional, Not)):
                    gap_before = False

    def check_unused_macros(self, names: list[str], macros: dict[str, tuple]) -> set[str]:
        """Compile the macros no pattern has used, so a mistake in one is
        reported now rather than the day a rule first uses it.  Returns the
        macros the file's patterns reach, directly or through other macros."""
        reached = _reached(self.used_macros, macros)
        for name in names:
            if name in reached:
                continue
            try:
                Compiler({n: m[0] for n, m in macros.items()}).compile(Macro(0, name))
            except PatternError as err:
                _, mpath, mlocated, mwhere = macros[err.macro or name]
                self.error(mpath, mlocated.where_in(mwhere, err.col), err.message)
            reached |= _reached({name}, macros)
        return reached

    def check_aliases(self, path: Path, located: Located) -> None:
        """Warn where an alias (as written, or in capitals) already names
        another actor: the lexicon keeps the first, so the second is never found."""
        for i, entry in enumerate(located.data.get("actors") or []):
            names = [(entry["name"], ("actors", i, "name"))]
            names += [(a, ("actors", i, "aliases", j)) for j, a in enumerate(entry.get("aliases") or [])]
            for alias, where in names:
                pos = located.where(where)
                words = tuple(t.text for t in tokenize(alias))
                for form in dict.fromkeys([words, tuple(w.upper() for w in words)]):
                    other, other_where = self.aliases.setdefault(form, (entry["name"], f"{path}:{pos.line}"))
                    if other != entry["name"]:
                        self.error(path, pos, f"alias '{alias}' already names '{other}' ({other_where}), "
                                              f"so it cannot find '{entry['name']}'", "warning")
                        break


def _matches_empty(node: Node, macros: dict[str, Node]) -> bool:
    """Whether a compiled pattern can match zero tokens: such a rule would
    fire on every sentence (or, as an `unless`, silence its rule everywhere)."""
    if isinstance(node, (Optional, Not, Gap)):
        return True
    if isinstance(node, Words):
        return not node.words
    if isinstance(node, Alt):
        return any(_matches_empty(o, macros) for o in node.options)
    if isinstance(node, Seq):
        return all(_matches_empty(i, macros) for i in node.items)
    if isinstance(node, Capture):
        return node.item is not None and _matches_empty(node.item, macros)
    if isinstance(node, Macro):
        return _matches_empty(macros[node.name], macros)
    return False


def _reached(names: set[str], macros: dict[str, tuple]) -> set[str]:
    """The macros `names` stand for and every macro those use in turn."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen or name not in macros:
            continue
        seen.add(name)
        todo.extend(n.name for n in walk(macros[name][0]) if isinstance(n, Macro))
    return seen


def _example(item: Any, located: Located, where: tuple) -> Example:
    if isinstance(item, str):
        return Example(item, {}, located.where(where).line)
    expect = {k: v for k, v in item.items() if k != "text"}
    return Example(item["text"], expect, located.where(where).line)


def rule_files(folders: list[Path]) -> list[Path]:
    files: list[Path] = []
    for folder in folders:
        if folder.is_file():
            files.append(folder)
        else:
            files.extend(sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()))
    return files


def load_ruleset(folders: list[Path] | None = None, defaults: bool = True) -> RuleSet:
    """Load rule folders (the bundled `rules/` first unless `defaults` is off).

    Raises RuleError with every problem found; warnings ride on the RuleSet.
    """
    folders = ([DEFAULT_RULES] if defaults else []) + [Path(f) for f in folders or []]
    loader = _Loader()
    for folder in folders:
        if not folder.exists():
            loader.error(folder, Position(1, 1), "no such rule file or folder")
    parsed = [(p, r) for p in rule_files([f for f in folders if f.exists()]) if (r := loader.read(p))]
    for path, (kind, located) in parsed:
        if kind == "macros":
            for name, macro in loader.macros_of(path, located, located.data).items():
                if name in loader.shared_macros:
                    other = loader.shared_macros[name][1]
                    loader.error(path, located.where(("macros", name, "<key>")),
                                 f"macro '{name}' is already defined in {other}")
                loader.shared_macros[name] = macro
    rules: list[Rule] = []
    seen_ids: dict[str, tuple[Path, int]] = {}
    lexicons: list[tuple[Path, dict[str, Any]]] = []
    cue_lists: dict[str, list[CompiledPattern]] = {}
    when: list[CompiledPattern] = []
    speech_verbs: frozenset[str] = frozenset()
    shared_reached: set[str] = set()
    for path, (kind, located) in parsed:
        data = located.data
        loader.used_macros = set()
        own = loader.macros_of(path, located, data) if kind in ("cues", "rules") else {}
        macros = {**loader.shared_macros, **own}
        if kind == "actors":
            lexicons.append((path, data))
            loader.check_aliases(path, located)
        elif kind == "cues":
            for modality, texts in (data.get("cues") or {}).items():
                for i, text in enumerate(texts):
                    if (c := loader.compile(path, located, ("cues", modality, i), text, macros)):
                        cue_lists.setdefault(modality, []).append(c)
            speech_verbs |= frozenset(f for v in data.get("speech_verbs") or [] for f in verb_forms(v.lower()))
            for i, text in enumerate(data.get("when") or []):
                if (c := loader.compile(path, located, ("when", i), text, macros)):
                    when.append(c)
        elif kind == "rules":
            for n, raw in enumerate(data["rules"]):
                rule = _build_rule(loader, path, located, data, n, raw, macros)
                if rule is None:
                    continue
                line = located.where(("rules", n)).line
                if rule.id in seen_ids:
                    other, other_line = seen_ids[rule.id]
                    loader.error(path, located.where(("rules", n, "id")),
                                 f"duplicate rule id '{raw['id']}' (first at {other}:{other_line})")
                    continue
                seen_ids[rule.id] = (path, line)
                rules.append(rule)
        shared_reached |= loader.check_unused_macros(list(own), macros) - own.keys()
    loader.used_macros = shared_reached
    loader.check_unused_macros(list(loader.shared_macros), loader.shared_macros)
    # A broken macro is reported once, however many patterns use it.
    diagnostics = list(dict.fromkeys(loader.diagnostics))
    errors = [d for d in diagnostics if d.level == "error"]
    warnings = [d for d in diagnostics if d.level != "error"]
    if errors:
        raise RuleError(errors, warnings)
    tagged = [(name, p) for name, patterns in cue_lists.items() for p in patterns] + [("when", p) for p in when]
    cues = Cues(TriggerIndex(tagged, [p.trigger for _, p in tagged]), speech_verbs)
    return RuleSet(rules, lexicons, cues, warnings)


def _build_rule(loader: _Loader, path: Path, located: Located, data: dict[str, Any], n: int,
                raw: dict[str, Any], macros: dict[str, tuple]) -> Rule | None:
    here = ("rules", n)
    kind = raw.get("kind") or data.get("kind")
    if kind is None:
        loader.error(path, located.where(here), "missing field 'kind' (give it on the rule or at the top of the file)")
        return None
    texts = [raw["pattern"]] if "pattern" in raw else raw["patterns"]
    wheres = [here + ("pattern",)] if "pattern" in raw else [here + ("patterns", i) for i in range(len(texts))]
    patterns = [c for t, w in zip(texts, wheres) if (c := loader.compile(path, located, w, t, macros))]
    unless = [c for i, t in enumerate(raw.get("unless") or [])
              if (c := loader.compile(path, located, here + ("unless", i), t, macros))]
    if len(patterns) != len(texts):
        return None
    compiler_macros = {name: m[0] for name, m in macros.items()}
    if "triggers" in raw:
        trig: frozenset[str] | None = frozenset(w for t in raw["triggers"] for w in words_of(t))
    else:
        found = [p.trigger for p in patterns]
        trig = None if any(t is None for t in found) else frozenset().union(*found)
        if trig is None and raw.get("actor") is None:
            loader.error(path, located.where(here + ("id",)),
                         f"rule '{raw['id']}' has no trigger word: it runs on every sentence "
                         "(add a required word or a 'triggers' list)", "warning")
    return Rule(
        id=f"{path.stem}/{raw['id']}", kind=kind, path=path, line=located.where(here).line,
        patterns=patterns, triggers=trig, unless=unless, actor_from=raw.get("actor"),
        modality=raw.get("modality"), description=raw.get("description", ""),
        examples=[_example(e, located, here + ("examples", i)) for i, e in enumerate(raw.get("examples") or [])],
        counterexamples=[_example(e, located, here + ("counterexamples", i))
                         for i, e in enumerate(raw.get("counterexamples") or [])],
        macros=compiler_macros,
    )
