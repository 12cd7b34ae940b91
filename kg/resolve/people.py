"""People and their posts, resolved against the document's agencies.

A person is keyed by name (``person:任振鹤``): the reports name officials by
their full names, and two reports naming the same official should meet in
one node. A post's agency is resolved like any agency mention (省政府 →
甘肃省人民政府); a post of the publishing site (责任编辑) gets the publisher.
"""

from __future__ import annotations

from collections.abc import Callable

from ..extract.people import PUBLISHER, post_agency
from ..model import Mention

__all__ = ["person_posts"]


def _bare_title(title: str, agency: str | None) -> str:
    return title[len(agency) :] if agency and title.startswith(agency) else title


def person_posts(
    mention: Mention,
    resolve_agency: Callable[[str], str | None],
    publisher: str | None,
) -> list[tuple[str, str | None]]:
    """(title, agency key or None) for each post the mention gives.

    ``resolve_agency`` maps an agency surface form to its entity key.
    """
    out: list[tuple[str, str | None]] = []
    for post in mention.posts:
        if post.agency:
            key = resolve_agency(post.agency)
        elif post_agency(_bare_title(post.title, None)) == PUBLISHER:
            key = publisher
        else:
            key = None
        out.append((post.title, key))
    return out
