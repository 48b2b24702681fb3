"""``python -m mlgraph``: the same as the ``mlgraph`` command."""

from mlgraph.cli import main

raise SystemExit(main())
