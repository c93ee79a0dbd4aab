"""The engine stays a plain library: nothing in ``matching/`` imports Django or Celery."""

from __future__ import annotations

import ast
from pathlib import Path

import matching

FORBIDDEN = ("django", "celery", "rest_framework")


def test_no_framework_import_in_the_engine():
    package = Path(matching.__file__).parent
    offenders = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {name}" for name in names if name.split(".")[0] in FORBIDDEN]
    assert offenders == []
    assert len(list(package.rglob("*.py"))) >= 8
