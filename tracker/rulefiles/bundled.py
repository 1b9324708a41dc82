"""Where the bundled rule files are, however tracker was installed.

The project keeps its rules in the top-level `rules/` folder, where users
read and copy them; the wheel and the sdist carry that folder inside the
package as `tracker/rules/`.  An installed wheel (or a zip on `sys.path`)
therefore finds them through `importlib.resources`; a source checkout
(an editable install, or running from the repository) finds them beside
the package.
"""
from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # Python 3.10 has it in importlib.abc only
    from importlib.abc import Traversable

__all__ = ["Traversable", "bundled_rules"]


def bundled_rules() -> Traversable:
    """The folder of bundled rules: a real directory, or a folder inside a zip."""
    packaged = files("tracker") / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"
