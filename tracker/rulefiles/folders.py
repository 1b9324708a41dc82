"""The YAML files of rule folders, found without reading them.

Its own module, apart from the loader: the rule cache names every file in
its key at each start, and a start from the cache should not import the
loader (the YAML reader, the JSON Schema validator, the pattern grammar).
"""
from __future__ import annotations

from pathlib import Path

from tracker.rulefiles.bundled import Traversable


def rule_files(folders: list[Traversable]) -> list[Traversable]:
    """The YAML files of rule folders (recursively, sorted by path), or the files themselves."""
    files: list[Traversable] = []
    for folder in folders:
        if folder.is_file():
            files.append(folder)
        else:
            files.extend(sorted(_yaml_files(folder), key=lambda p: Path(str(p)).parts))
    return files


def exists(path: Traversable) -> bool:
    return path.is_dir() or path.is_file()


def file_stem(path: Traversable) -> str:
    """A rule file's name without its extension: the first part of its rules' ids."""
    return path.name.rsplit(".", 1)[0]


def _yaml_files(folder: Traversable) -> list[Traversable]:
    """Walked through the Traversable interface, so the bundled rules load from a zip too."""
    found: list[Traversable] = []
    for item in folder.iterdir():
        if item.is_dir():
            found.extend(_yaml_files(item))
        elif item.name.endswith((".yaml", ".yml")):
            found.append(item)
    return found
