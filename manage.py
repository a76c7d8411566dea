#!/usr/bin/env python
"""Django's command-line utility for Frontdoor."""

import sys

from frontdoor.startup import manage

if __name__ == "__main__":
    manage(sys.argv)
