"""``python -m smartlead_async``: the command line."""

import sys

from smartlead_async.cli import main

sys.exit(main())
