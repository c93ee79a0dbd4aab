"""The one place that reads the environment (12-factor)."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
"""The backend/ folder."""
REPO_DIR = BASE_DIR.parent
VAR_DIR = Path(environ.Env().str("BRIDGES_VAR_DIR", default=str(REPO_DIR / "var")))
"""Local data of the embedded default (SQLite file, generated development key)."""

env = environ.Env()
