"""`python -m handbook.cli`: the `handbook` command."""

import sys

from handbook.cli.main import main

sys.exit(main())
