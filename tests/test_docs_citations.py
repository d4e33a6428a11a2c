"""The package cites only documents that ship with it, and docs/api-notes.md by existing sections.

Comments, docstrings and other string literals under ``smartlead_async/`` (string literals too,
because some become shipped text, such as the header of the generated ``docs/endpoints.md``) must
not point at documents users cannot see: the API "catalog", the "seed 00x" pages, the ``seeds/``
folder or the shared working directory. Where they cite ``docs/api-notes.md`` they do it as
``(docs/api-notes.md, Section name)`` or ``docs/api-notes.md#anchor``, and the section must exist.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "smartlead_async"
NOTES = ROOT / "docs" / "api-notes.md"

#: Names of documents that do not ship with the project.
UNSHIPPED = re.compile(r"catalog|seed 0|seeds/|/work/shared|\.\./shared", re.IGNORECASE)
NOTES_NAME = "docs/api-notes.md"
ANCHOR_CITATION = re.compile(r"docs/api-notes\.md#([\w-]+)")
SECTION_CITATION = re.compile(r"docs/api-notes\.md, +([^)\n]+?)\)")
HEADING = re.compile(r"^(#{1,6}) +(.+?) *#* *$")
FENCE = re.compile(r"^ *(```|~~~)")
LINK_TO_ANCHOR = re.compile(r"\]\(#([^)]+)\)")
_TEXT_TOKENS = {tokenize.COMMENT, tokenize.STRING}


def text_pieces(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every comment and string literal of ``source`` (docstrings included),
    one item per physical line, so a hit can be reported where it is."""
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in _TEXT_TOKENS:
            for offset, line in enumerate(token.string.splitlines()):
                yield token.start[0] + offset, line


def unshipped_citations(source: str) -> list[tuple[int, str]]:
    """Lines of ``source`` whose comments or strings name a document that does not ship."""
    return [(line, text) for line, text in text_pieces(source) if UNSHIPPED.search(text)]


def slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading (before de-duplication)."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def headings(markdown: str) -> list[str]:
    """The heading texts of ``markdown``, in order, outside fenced code blocks."""
    found: list[str] = []
    fenced = False
    for line in markdown.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced and (match := HEADING.match(line)):
            found.append(match.group(2))
    return found


def bad_notes_citations(source: str, sections: list[str]) -> list[tuple[int, str]]:
    """Lines of ``source`` citing docs/api-notes.md by a section it lacks, or by no section."""
    names = {section.lower() for section in sections}
    anchors = {slug(section) for section in sections}
    bad: list[tuple[int, str]] = []
    for line, text in text_pieces(source):
        if NOTES_NAME not in text:
            continue
        cited_sections = SECTION_CITATION.findall(text)
        cited_anchors = ANCHOR_CITATION.findall(text)
        well_formed = len(cited_sections) + len(cited_anchors) == text.count(NOTES_NAME)
        known = all(name.strip().lower() in names for name in cited_sections) and all(
            anchor in anchors for anchor in cited_anchors
        )
        if not (well_formed and known):
            bad.append((line, text.strip()))
    return bad


def package_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def notes_sections() -> list[str]:
    return headings(NOTES.read_text(encoding="utf-8"))


def test_the_package_cites_no_unshipped_document() -> None:
    hits = [
        f"{path.relative_to(ROOT)}:{line}: {text.strip()}"
        for path in package_modules()
        for line, text in unshipped_citations(path.read_text(encoding="utf-8"))
    ]
    assert not hits, "cite docs/api-notes.md instead:\n" + "\n".join(hits)


def test_every_api_notes_citation_names_an_existing_section() -> None:
    sections = notes_sections()
    hits = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for path in package_modules()
        for line, text in bad_notes_citations(path.read_text(encoding="utf-8"), sections)
    ]
    assert not hits, (
        "cite as '(docs/api-notes.md, <Section>)' or 'docs/api-notes.md#<anchor>' with a heading "
        "of docs/api-notes.md:\n" + "\n".join(hits)
    )


def test_api_notes_anchors_are_unique_and_its_links_resolve() -> None:
    text = NOTES.read_text(encoding="utf-8")
    anchors = [slug(section) for section in headings(text)]
    duplicates = sorted({anchor for anchor in anchors if anchors.count(anchor) > 1})
    assert not duplicates, f"GitHub would number these anchors: {duplicates}"
    dangling = sorted(set(LINK_TO_ANCHOR.findall(text)) - set(anchors))
    assert not dangling, f"links to missing sections: {dangling}"


def test_api_notes_cover_the_topics_the_package_relies_on() -> None:
    # The sections the package's citations and the checklist point at.
    required = {
        "Authentication",
        "Rate limits",
        "Retries and idempotency",
        "Success bodies",
        "Not found answers",
        "Response envelopes",
        "Pagination",
        "Time windows and formats",
        "Adding leads",
        "Block list",
        "Webhook events",
        "Webhook authenticity",
        "Webhook retries and deduplication",
        "Verbatim quirks",
        "Where sources disagree",
    }
    assert required <= set(notes_sections())


# The checkers above are only as good as their scanning: each is shown to catch what it must.


def test_unshipped_citations_are_found_in_comments_docstrings_and_strings() -> None:
    source = (
        '"""Models (catalog section 2)."""\n'
        "LIMIT = 10  # help center, seed 003\n"
        "HEADER = 'routes the API Catalog knows'\n"
        "def f() -> None:\n"
        '    """Multi-line docstring.\n'
        "\n"
        '    See ../shared/seeds/001.txt."""\n'
        "catalog = 1  # an identifier is not a citation\n"
    )
    assert [line for line, _ in unshipped_citations(source)] == [1, 2, 3, 7]


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("# (docs/api-notes.md, Rate limits)", False),
        ("# (docs/api-notes.md, rate limits)", False),
        ("# see docs/api-notes.md#rate-limits; and more", False),
        ("# (docs/api-notes.md, Rate limits) and (docs/api-notes.md, Pagination)", False),
        ("# (docs/api-notes.md, Rate limit)", True),
        ("# see docs/api-notes.md#rate-limit", True),
        ("# see docs/api-notes.md for details", True),
        ("# (docs/api-notes.md, Rate limits) and docs/api-notes.md", True),
    ],
)
def test_notes_citations_must_name_a_heading(text: str, bad: bool) -> None:
    sections = headings("# Notes\n\n## Rate limits\n\n```\n## Pagination\n```\n## Pagination\n")
    assert bool(bad_notes_citations(text + "\n", sections)) is bad


def test_headings_skip_fenced_code_and_slugs_follow_github() -> None:
    markdown = "## Time windows and formats\n```md\n## Not a heading\n```\n### `hasMore` flags\n"
    assert headings(markdown) == ["Time windows and formats", "`hasMore` flags"]
    assert [slug(h) for h in headings(markdown)] == ["time-windows-and-formats", "hasmore-flags"]
