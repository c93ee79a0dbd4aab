"""Every reason the engine can give is data the web app translates: each code has an English text (the other
languages must have the same keys, frontend/src/i18n/catalogues.test.ts), so no coordinator sees a raw code."""

import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def engine_reason_codes() -> set[str]:
    codes: set[str] = set()
    for source in (REPO / "matching").rglob("*.py"):
        codes |= set(re.findall(r'Reason\(\s*"([a-z_]+)"', source.read_text()))
    return codes


def _keys(node: object) -> set[str]:
    if not isinstance(node, dict):
        return set()
    return set(node) | {key for value in node.values() for key in _keys(value)}


def english_keys() -> set[str]:
    locales = REPO / "frontend" / "src" / "i18n" / "locales"
    files = [locales / "en.json", *locales.glob("*/en.json")]
    keys = {key for path in files for key in _keys(json.loads(path.read_text()))}
    # A counted text has its plural forms as keys ("availability_overlap_one", "…_other"): its key is the base.
    return keys | {re.sub(r"_(zero|one|two|few|many|other)$", "", key) for key in keys}


def test_the_engine_gives_reasons_the_web_app_can_translate() -> None:
    codes = engine_reason_codes()
    assert len(codes) > 25  # the scan found the engine's reasons, not nothing
    assert sorted(codes - english_keys()) == []
