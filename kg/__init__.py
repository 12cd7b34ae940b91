"""govkg: knowledge graphs from Chinese government reports.

The pipeline, one stage per module, data flowing one way::

    ingest → segment → extract → resolve → rdf → query / analyze / viz / export
"""

from __future__ import annotations

__version__ = "0.1.0"
