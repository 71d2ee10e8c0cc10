"""``python -m course_lib.handcalc``: see :mod:`course_lib.handcalc.cli`."""

import sys

from .cli import main

sys.exit(main())
