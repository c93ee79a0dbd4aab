"""The short examples in the engine's docstrings run and stay true."""

from __future__ import annotations

import doctest

import pytest

from matching import api, assignment, features, groups, recommend, scoring


@pytest.mark.parametrize("module", [api, assignment, features, groups, recommend, scoring])
def test_docstring_examples_run(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
