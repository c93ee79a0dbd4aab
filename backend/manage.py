#!/usr/bin/env python
"""Django's command-line utility for Bridges."""

import os
import sys
from pathlib import Path


def main() -> None:
    # The engine lives beside the backend at the repository's top level.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
