#!/usr/bin/env python
"""Django's command-line utility for Språkvän."""

import gc
import os
import sys

if __name__ == "__main__":
    # No garbage collection while the apps load: what they make lives as long as the process.
    # sprakvan.core's ready() freezes it and turns the collector on again.
    gc.disable()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
