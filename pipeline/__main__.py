"""`python -m pipeline ...` is the same as the `newsfacts` command."""

import sys

from .cli import main

sys.exit(main())
