"""The `keukentafel` console script: Django's management commands, e.g. `keukentafel berichten valideer FILE`."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keukentafel.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["keukentafel", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
