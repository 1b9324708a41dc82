"""Loading rule folders: YAML files -> validated, compiled rules and a trigger index.

Everything a user can get wrong in a rule file is reported here as a
Diagnostic with the file, line and column, and loading stops with a
RuleError listing them all, so a user fixes every mistake in one pass.

Files are read in two rounds.  The first takes what other files build on:
word lists and the time vocabulary (merged in load order, each list or
table also usable as `@name` in a pattern), shared macros, kinds, and the
ledger's link rules.  The second compiles cues, `when` patterns and rules
against them.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import jsonschema

from tracker.lang import compile_pattern
from tracker.lang.compiler import Compiler, ElementPool
from tracker.lang.cost import blowups
from tracker.lang.elements import Phrasing
from tracker.lang.grammar import read_pattern
from tracker.lang.match import CompiledPattern
from tracker.lang.tree import Alt, Macro, Node, PatternError, walk
from tracker.ledger.timeexpr import Vocabulary
from tracker.records import KINDS
from tracker.rulefiles.bundled import Traversable, bundled_rules
from tracker.rulefiles.folders import exists, file_stem, rule_files
from tracker.rulefiles.linkfiles import merge_links
from tracker.rulefiles.macros import MacroDef, at_position
from tracker.rulefiles.merge import CHANGES, changed_list
from tracker.rulefiles.nesting import Nesting
from tracker.rulefiles.ruleset import Cues, Diagnostic, Example, Kind, Rule, RuleError, RuleSet, phrasing_of
from tracker.rulefiles.schema import FILE_TYPES, file_type
from tracker.rulefiles.timefiles import merge_time, tried
from tracker.rulefiles.whenphrases import unresolved
from tracker.rulefiles.words import LISTS, Words, as_macro, build_words, entry
from tracker.rulefiles.yamlpos import Located, Position, YamlError, load_file
from tracker.tokens import tokenize, words_of
from tracker.trigger_index import TriggerIndex


@dataclass
class _Loader:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    shared_macros: dict[str, MacroDef] = field(default_factory=dict)
    used_macros: set[str] = field(default_factory=set)  # macros named by the patterns compiled so far
    aliases: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)  # alias form -> (actor, where)
    words: Words = field(default_factory=Words)
    phrasing: Phrasing = field(default_factory=lambda: phrasing_of(Words()))
    generated: set[str] = field(default_factory=set)  # macros made from word lists
    pool: ElementPool = field(default_factory=ElementPool)  # the compiled elements the patterns share
    invalid_rules: dict[str, set[int]] = field(default_factory=dict)  # path -> rules the schema refused
    nesting: dict[int, tuple[dict[str, MacroDef], Nesting]] = field(default_factory=dict)  # per macro set

    def error(self, path: Traversable, pos: Position, message: str, level: str = "error") -> None:
        self.diagnostics.append(Diagnostic(str(path), pos.line, pos.col, message, level))

    def read(self, path: Traversable) -> tuple[str, Located] | None:
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
        errors = self.validate(path, located, FILE_TYPES[kind])
        if not errors:
            return kind, located
        refused = {int(e.absolute_path[1]) for e in errors if _in_a_rule(e)}
        if kind == "rules" and all(_in_a_rule(e) for e in errors):
            # Only some rules are wrong: the others are still compiled, so that their
            # mistakes are reported in the same run, not after these are fixed.
            self.invalid_rules[str(path)] = refused
            return kind, located
        return None

    def validate(self, path: Traversable, located: Located, schema: dict[str, Any]) -> list[jsonschema.ValidationError]:
        """Report every schema error of a file; return them."""
        validator = jsonschema.Draft202012Validator(schema)
        errors = sorted(validator.iter_errors(located.data), key=lambda e: (list(map(str, e.absolute_path))))
        for err in errors:
            self.schema_error(path, located, err)
        return errors

    def schema_error(self, path: Traversable, located: Located, err: jsonschema.ValidationError) -> None:
        where = tuple(err.absolute_path)
        if err.validator in ("oneOf", "anyOf") and err.context and not (isinstance(err.instance, dict)
                                                                      and "id" in err.instance):
            context = _meant_branch(err)
            deepest = max(context, key=lambda e: len(e.absolute_path))  # the branch that got furthest
            if len(deepest.absolute_path) > len(err.absolute_path):
                self.schema_error(path, located, deepest)
                return
            # a branch of the value's own type (a list, or a mapping of changes) says what is wrong in it
            fitting = [e for e in context if e.validator != "type" and len(e.absolute_path) == len(where)]
            if fitting:
                self.schema_error(path, located, fitting[0])
                return
        if err.validator == "type" and where in located.scalars and not isinstance(err.instance, (dict, list)):
            node = located.scalars[where]
            wanted = _listed(err.validator_value)
            if not node.style and "string" in wanted and isinstance(err.instance, (bool, int, float, type(None))):
                self.error(path, located.where(where),
                           f"YAML reads {node.value} as {_yaml_type(err.instance)}, not text: "
                           f"write it in quotes, \"{node.value}\"")
                return
            if not node.style and (isinstance(err.instance, bool) or err.instance is None):
                self.error(path, located.where(where),
                           f"YAML reads {node.value or '(nothing)'} as {_yaml_type(err.instance)}, "
                           f"not {' or '.join(wanted)}")
                return
        instance: Any = err.instance
        if err.validator == "additionalProperties":
            schema: Any = err.schema
            allowed = sorted(schema.get("properties", {}))
            extra = sorted(set(instance) - set(allowed))
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
            allowed_values: Any = err.validator_value
            choices = ", ".join(map(str, allowed_values))
            self.error(path, located.where(where), f"'{err.instance}' is not one of: {choices}")
            return
        name = ".".join(map(str, where)) or "file"
        self.error(path, located.where(where), f"{name}: {err.message}")

    def parse(self, path: Traversable, located: Located, where: tuple, text: str) -> Node | None:
        try:
            return read_pattern(text)
        except PatternError as err:
            self.error(path, located.where_in(where, err.col), err.message)
            return None

    def macros_of(self, path: Traversable, located: Located, data: dict[str, Any]) -> dict[str, MacroDef]:
        """A file's macros: a pattern, or a list of alternatives one per line
        (`- <accuse>`), which reads as the pattern (<accuse> | ...)."""
        out = {}
        for name, value in (data.get("macros") or {}).items():
            where = ("macros", name)
            if isinstance(value, str):
                tree = self.parse(path, located, where, value)
                if tree is not None:
                    out[name] = MacroDef(tree, path, partial(located.where_in, where))
                continue
            trees = [self.parse(path, located, where + (k,), item) for k, item in enumerate(value)]
            if all(t is not None for t in trees):
                out[name] = _list_macro(path, located, where, [t for t in trees if t is not None], value)
        return out

    def compile(self, path: Traversable, located: Located, where: tuple, text: str,
                macros: dict[str, MacroDef]) -> CompiledPattern | None:
        tree = self.parse(path, located, where, text)
        if tree is None:
            return None
        self.used_macros.update(n.name for n in walk(tree) if isinstance(n, Macro))
        trees = {name: m.tree for name, m in macros.items()}
        if not self.nests_in_bounds(path, located, where, tree, macros):
            return None
        try:
            compiled = compile_pattern(text, tree, trees, self.phrasing,
                                       self.words.frequent_words, self.pool)
        except PatternError as err:
            if err.macro and err.macro in macros:
                macro = macros[err.macro]
                self.error(macro.path, macro.locate(err.col), err.message)
            else:
                self.error(path, located.where_in(where, err.col), err.message)
            return None
        if compiled.facts.empty:
            self.error(path, located.where_in(where, tree.col),
                       "this pattern can match no words at all (all its parts are optional, gaps or negated); "
                       "give it a word it must find")
            return None
        for found in blowups(tree, trees):
            self.error(path, located.where_in(where, found.second.col), found.message(), "warning")
        return compiled

    def nests_in_bounds(self, path: Traversable, located: Located | None, where: tuple, tree: Node,
                        macros: dict[str, MacroDef]) -> bool:
        """Report a macro cycle or nesting too deep to compile (at the macro
        where it closes, or in the pattern); `located` None: `tree` is no pattern's."""
        cached = self.nesting.get(id(macros))
        if cached is None or cached[0] is not macros:
            cached = self.nesting[id(macros)] = (macros, Nesting({n: m.tree for n, m in macros.items()}))
        problem = cached[1].problem(tree)
        if problem is None:
            return True
        if problem.macro is not None:
            macro = macros[problem.macro]
            self.error(macro.path, macro.locate(problem.col), problem.message)
        elif located is not None:
            self.error(path, located.where_in(where, problem.col), problem.message)
        return False

    def check_resolves(self, path: Traversable, located: Located, where: tuple, tree: Node,
                       macros: dict[str, MacroDef], time: Vocabulary) -> None:
        """Warn where a `when` pattern can find a phrase the time vocabulary does not date."""
        found = unresolved(tree, {name: m.tree for name, m in macros.items()}, self.generated, time, tried(time))
        if found is not None:
            self.error(path, located.where_in(where, tree.col), found, "warning")

    def check_unused_macros(self, names: list[str], macros: dict[str, MacroDef]) -> set[str]:
        """Compile the macros no pattern has used, so a mistake in one is
        reported now rather than the day a rule first uses it.  Returns the
        macros the file's patterns reach, directly or through other macros."""
        reached = _reached(self.used_macros, macros)
        for name in names:
            if name in reached or name in self.generated:
                continue
            macro = macros[name]
            if not self.nests_in_bounds(macro.path, None, (), macro.tree, macros):
                reached |= _reached({name}, macros)
                continue
            try:
                Compiler({n: m.tree for n, m in macros.items()}, self.phrasing).compile(Macro(0, name))
            except PatternError as err:
                macro = macros[err.macro or name]
                self.error(macro.path, macro.locate(err.col), err.message)
            reached |= _reached({name}, macros)
        return reached

    def check_aliases(self, path: Traversable, located: Located) -> None:
        """Warn where an alias (as written, or in capitals) already names
        another actor: the lexicon keeps the first, so the second is never found."""
        for i, actor in enumerate(located.data.get("actors") or []):
            names: list[tuple[str, tuple[Any, ...]]] = [(actor["name"], ("actors", i, "name"))]
            names += [(a, ("actors", i, "aliases", j)) for j, a in enumerate(actor.get("aliases") or [])]
            for alias, where in names:
                pos = located.where(where)
                words = tuple(t.text for t in tokenize(alias))
                for form in dict.fromkeys([words, tuple(w.upper() for w in words)]):
                    other, other_where = self.aliases.setdefault(form, (actor["name"], f"{path}:{pos.line}"))
                    if other != actor["name"]:
                        self.error(path, pos, f"alias '{alias}' already names '{other}' ({other_where}), "
                                              f"so it cannot find '{actor['name']}'", "warning")
                        break

    def merge_words(self, files: list[tuple[Traversable, Located]]) -> None:
        """Merge the word lists of all `words:` files in load order, and make
        each list a macro of the same name."""
        merged: dict[str, dict[Any, None]] = {name: {} for name in LISTS}
        first_at: dict[str, tuple[Traversable, Located]] = {}
        for path, located in files:
            for name, value in located.data["words"].items():
                kind = LISTS[name][0]
                first_at.setdefault(name, (path, located))
                merged[name] = changed_list(merged[name], value, partial(entry, kind))
        self.words = build_words({name: list(values) for name, values in merged.items()})
        self.phrasing = phrasing_of(self.words)
        for name, (path, located) in first_at.items():
            values = getattr(self.words, name)
            if values:
                self.shared_macros[name] = MacroDef(as_macro(LISTS[name][0], values), path,
                                                    at_position(located.where(("words", name))))
                self.generated.add(name)


def _in_a_rule(err: jsonschema.ValidationError) -> bool:
    """Whether a schema error lies inside one entry of a rules file's `rules` list."""
    where = list(err.absolute_path)
    return len(where) >= 2 and where[0] == "rules" and isinstance(where[1], int)


def _meant_branch(err: jsonschema.ValidationError) -> list[jsonschema.ValidationError]:
    """The errors of the branch a value was meant for: a mapping that names
    replace, remove or add is a change to a list or table, not its entries."""
    branches = err.schema.get(str(err.validator), []) if isinstance(err.schema, dict) else []
    change = [i for i, b in enumerate(branches) if set(b.get("properties", {})) == set(CHANGES)]
    if change and isinstance(err.instance, dict) and set(err.instance) & set(CHANGES):
        return [e for e in err.context if e.relative_schema_path[0] == change[0]] or list(err.context)
    return list(err.context)


def _listed(value: Any) -> list[str]:
    """The types a `type` keyword of the schema names: one, or a list."""
    return [value] if isinstance(value, str) else list(value)


LIST_SEPARATOR = " | "


def _list_macro(path: Traversable, located: Located, where: tuple, trees: list[Node], items: list[str]) -> MacroDef:
    """A macro written as a list: its items' trees as the options of one
    alternative, their columns shifted as if the items stood in one line
    joined by " | ", so that a column still says which item it is in."""
    offsets = []
    offset = 0
    for tree, item in zip(trees, items, strict=True):
        offsets.append(offset)
        for node in walk(tree):
            node.col += offset
        offset += len(item) + len(LIST_SEPARATOR)

    def locate(col: int) -> Position:
        k = bisect_right(offsets, col) - 1
        return located.where_in(where + (k,), col - offsets[k])
    tree = Alt(0, trees) if len(trees) > 1 else trees[0]
    return MacroDef(tree, path, locate)


def _yaml_type(value: object) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "null"
    return "a number"


def _reached(names: set[str], macros: dict[str, MacroDef]) -> set[str]:
    """The macros `names` stand for and every macro those use in turn."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen or name not in macros:
            continue
        seen.add(name)
        todo.extend(n.name for n in walk(macros[name].tree) if isinstance(n, Macro))
    return seen


def _example(item: Any, located: Located, where: tuple) -> Example:
    if isinstance(item, str):
        return Example(item, {}, located.where(where).line)
    expect = {k: v for k, v in item.items() if k != "text"}
    return Example(item["text"], expect, located.where(where).line)


def load_ruleset(folders: Sequence[Path | str | Traversable] | None = None, defaults: bool = True) -> RuleSet:
    """Load rule folders (the bundled `rules/` first unless `defaults` is off).

    `folders` are paths, or parts of the bundled rules (which may lie in a zip).
    Raises RuleError with every problem found; warnings ride on the RuleSet.
    """
    roots: list[Traversable] = ([bundled_rules()] if defaults else []) + [
        Path(f) if isinstance(f, str) else f for f in folders or []]
    loader = _Loader()
    for folder in roots:
        if not exists(folder):
            loader.error(folder, Position(1, 1), "no such rule file or folder")
    parsed = [(p, r) for p in rule_files([f for f in roots if exists(f)]) if (r := loader.read(p))]
    loader.merge_words([(path, located) for path, (kind, located) in parsed if kind == "words"])
    time, time_macros = merge_time([(path, located) for path, (kind, located) in parsed if kind == "time"],
                                   loader.error)
    loader.shared_macros.update(time_macros)
    loader.generated.update(time_macros)
    links = merge_links([(path, located) for path, (kind, located) in parsed if kind == "links"], loader.error)
    # The bundled `when` patterns with the bundled vocabulary are checked by the test suite; a time file
    # of one's own can change what any of them finds, so then every pattern is checked.
    bundled = set(map(str, rule_files(roots[:1]))) if defaults else set()
    check_when = any(kind == "time" and str(path) not in bundled for path, (kind, _) in parsed)
    kinds = _kinds(loader, [(path, located) for path, (kind, located) in parsed if kind == "kinds"])
    for path, (kind, located) in parsed:
        if kind == "macros":
            for name, macro in loader.macros_of(path, located, located.data).items():
                if name in loader.shared_macros:
                    other = loader.shared_macros[name].path
                    what = "a word list" if name in loader.generated else "a macro"
                    loader.error(path, located.where(("macros", name, "<key>")),
                                 f"macro '{name}' is already defined as {what} in {other}")
                loader.shared_macros[name] = macro
    rules: list[Rule] = []
    seen_ids: dict[str, tuple[Traversable, int]] = {}
    lexicons: list[tuple[Traversable, dict[str, Any]]] = []
    cue_lists: dict[str, list[CompiledPattern]] = {}
    when: list[CompiledPattern] = []
    shared_reached: set[str] = set()
    for path, (kind, located) in parsed:
        data = located.data
        loader.used_macros = set()
        own = loader.macros_of(path, located, data) if kind in ("cues", "rules", "time") else {}
        macros = {**loader.shared_macros, **own}
        if kind == "actors":
            lexicons.append((path, data))
            loader.check_aliases(path, located)
        elif kind == "cues":
            for modality, texts in (data.get("cues") or {}).items():
                for i, text in enumerate(texts):
                    if (c := loader.compile(path, located, ("cues", modality, i), text, macros)):
                        cue_lists.setdefault(modality, []).append(c)
        elif kind == "time":
            for i, text in enumerate(data.get("when") or []):
                if (c := loader.compile(path, located, ("when", i), text, macros)):
                    when.append(c)
                    if check_when:
                        assert c.tree is not None  # just read: only a scan's cache entry leaves trees out
                        loader.check_resolves(path, located, ("when", i), c.tree, macros, time)
        elif kind == "rules":
            refused = loader.invalid_rules.get(str(path), set())
            for n, raw in enumerate(data["rules"]):
                if n in refused:
                    continue
                rule_id, line = f"{file_stem(path)}/{raw['id']}", located.where(("rules", n)).line
                if rule_id in seen_ids:  # checked before compiling: a broken pattern hides no duplicate
                    other, other_line = seen_ids[rule_id]
                    loader.error(path, located.where(("rules", n, "id")),
                                 f"duplicate rule id '{raw['id']}' (first at {other}:{other_line})")
                    continue
                seen_ids[rule_id] = (path, line)
                rule = _build_rule(loader, path, located, data, n, raw, macros, kinds)
                if rule is not None:
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
    cues = Cues(TriggerIndex(tagged, [p.trigger for _, p in tagged]))
    return RuleSet(rules, lexicons, cues, loader.words, warnings, links, time)


def _kinds(loader: _Loader, files: list[tuple[Traversable, Located]]) -> dict[str, Kind]:
    """Each kind's behaviour; a later file's entry for a kind replaces an earlier one's."""
    declared: dict[str, dict[str, Any]] = {}
    for _, located in files:
        declared.update(located.data["kinds"])
    return {name: Kind(name, tuple(spec.get("target_from") or ()), bool(spec.get("names_speaker")),
                       tuple(spec.get("also_actors") or ()), tuple(spec.get("also_targets") or ()))
            for name, spec in ((k, declared.get(k, {})) for k in KINDS)}


def _build_rule(loader: _Loader, path: Traversable, located: Located, data: dict[str, Any], n: int,
                raw: dict[str, Any], macros: dict[str, MacroDef], kinds: dict[str, Kind]) -> Rule | None:
    here = ("rules", n)
    kind = raw.get("kind") or data.get("kind")
    if kind is None:
        loader.error(path, located.where(here), "missing field 'kind' (give it on the rule or at the top of the file)")
        return None
    texts = [raw["pattern"]] if "pattern" in raw else raw["patterns"]
    wheres = [here + ("pattern",)] if "pattern" in raw else [here + ("patterns", i) for i in range(len(texts))]
    patterns = [c for t, w in zip(texts, wheres, strict=True) if (c := loader.compile(path, located, w, t, macros))]
    unless = [c for i, t in enumerate(raw.get("unless") or [])
              if (c := loader.compile(path, located, here + ("unless", i), t, macros))]
    if len(patterns) != len(texts):
        return None
    compiler_macros = {name: m.tree for name, m in macros.items()}
    if "triggers" in raw:
        trig: frozenset[str] | None = frozenset(w for t in raw["triggers"] for w in words_of(t))
    else:
        found = [p.trigger for p in patterns]
        trig = None if any(t is None for t in found) else frozenset().union(*found)  # type: ignore[arg-type]
        if "default_actor" in raw and raw.get("actor") not in (None, "story"):
            loader.error(path, located.where(here + ("default_actor",)),
                         f"rule '{raw['id']}': default_actor is for rules with actor: story or with no actor key")
        if trig is None and raw.get("actor") is None:
            loader.error(path, located.where(here + ("id",)),
                         f"rule '{raw['id']}' has no trigger word: it runs on every sentence "
                         "(add a required word or a 'triggers' list)", "warning")
    return Rule(
        id=f"{file_stem(path)}/{raw['id']}", kind=kind, behaviour=kinds[kind], path=path, line=located.where(here).line,
        patterns=patterns, triggers=trig, unless=unless, actor_from=raw.get("actor"),
        default_actor=raw.get("default_actor"),
        modality=raw.get("modality"), description=raw.get("description", ""),
        examples=[_example(e, located, here + ("examples", i)) for i, e in enumerate(raw.get("examples") or [])],
        counterexamples=[_example(e, located, here + ("counterexamples", i))
                         for i, e in enumerate(raw.get("counterexamples") or [])],
        macros=compiler_macros,
    )
