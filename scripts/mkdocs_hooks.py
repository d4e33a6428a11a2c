"""mkdocs hook (``hooks:`` in mkdocs.yml): the docstrings' Sphinx roles shown as plain code.

The docstrings write cross-references the Sphinx way (``:class:`X```, ``:meth:`~a.b.c```),
which mkdocstrings leaves as literal text: the role goes, the code stays, and ``~`` keeps only
the last component as Sphinx does.
"""

from __future__ import annotations

import re

_ROLE = re.compile(r":(?:attr|class|data|exc|func|meth|mod|obj):<code>(~?)([^<]*)</code>")


def _code(match: re.Match[str]) -> str:
    short, target = match.groups()
    return f"<code>{target.rpartition('.')[2] if short else target}</code>"


def on_page_content(html: str, **_kwargs: object) -> str:
    """Every role on a rendered page, replaced by its code."""
    return _ROLE.sub(_code, html)
