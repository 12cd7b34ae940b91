"""The characters an IRI may hold literally (RFC 3987), shared by the stages that write IRIs.

:mod:`kg.rdf.namespace` mints IRIs from names and :mod:`kg.ingest.manifest`
keeps a page URL only if it is an IRI as it stands; both must agree with
what Oxigraph parses, and ingest may not import from the RDF stage.
"""

from __future__ import annotations

__all__ = ["IPRIVATE", "UCSCHAR"]

#: RFC 3987 ``ucschar`` as the inside of a regex character class: the non-ASCII
#: code points allowed anywhere in an IRI. Plane 14 only from U+E1000 (tags and
#: variation selectors are not).
UCSCHAR = (
    "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
    + "".join(f"\\U{p:04x}0000-\\U{p:04x}fffd" for p in range(1, 14))
    + "\\U000e1000-\\U000efffd"
)
#: RFC 3987 ``iprivate`` (BMP part) as the inside of a character class: allowed in the query only.
IPRIVATE = "\ue000-\uf8ff"
