"""Importers of public occupation taxonomies: :mod:`~mlgraph.io.importers.onet` (the O*NET text release) and
:mod:`~mlgraph.io.importers.esco` (the ESCO CSV download), with :mod:`~mlgraph.io.importers.tables` (reading
their tables with file and line on every error) and :mod:`~mlgraph.io.importers.cache` (the parsed-release
cache). Public entry points: :func:`mlgraph.load_onet`, :func:`mlgraph.load_esco`."""
