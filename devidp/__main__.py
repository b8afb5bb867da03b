"""The development identity provider's manage entry: `python -m devidp <command>`
(`setup` creates its database, migrates and seeds it; `runserver 127.0.0.1:8001` serves it)."""

import os
import sys


def main():
    # Always its own settings, also when started from a process that runs sesam's.
    os.environ["DJANGO_SETTINGS_MODULE"] = "devidp.settings"
    from django.core.management import execute_from_command_line

    execute_from_command_line(["python -m devidp", *sys.argv[1:]])


if __name__ == "__main__":
    main()
