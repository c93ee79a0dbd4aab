"""Every reason the engine can give is data the web app translates: each code has an English text (the other
languages must have the same keys, frontend/src/i18n/catalogues.test.ts), so no coordinator sees a raw code."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def engine_reason_codes() -> set[str]:
    codes: set[str] = set()
    for source in (REPO / "matching").rglob("*.py"):
        codes |= set(re.findall(r'Reason\(\s*"([a-z_]+)"', source.read_text()))
    return codes


def english_keys() -> set[str]:
    locales = REPO / "frontend" / "src" / "i18n" / "locales"
    files = [locales / "en.ts", *locales.glob("*/en.ts")]
    keys = {key for path in files for key in re.findall(r"^\s+([a-z_]+):", path.read_text(), flags=re.M)}
    # A counted text has its plural forms as keys ("availability_overlap_one", "…_other"): its key is the base.
    return keys | {re.sub(r"_(zero|one|two|few|many|other)$", "", key) for key in keys}


def test_the_engine_gives_reasons_the_web_app_can_translate() -> None:
    codes = engine_reason_codes()
    assert len(codes) > 25  # the scan found the engine's reasons, not nothing
    assert sorted(codes - english_keys()) == []
