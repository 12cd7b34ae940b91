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


def _own_post(title: str, publisher: str | None) -> bool:
    """局长 (or 局党组书记) in a bureau's own report is a post of that bureau."""
    if not publisher:
        return False
    head = publisher[-1]
    return head in "局厅委办院部" and (title in (f"{head}长", f"副{head}长") or title.startswith(head))


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
        elif post_agency(_bare_title(post.title, None)) == PUBLISHER or _own_post(post.title, publisher):
            key = publisher
        else:
            key = None
        out.append((post.title, key))
    return out
