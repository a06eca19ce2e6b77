"""`python -m wt26desk`."""

import sys

from wt26desk.app import main

sys.exit(main())
