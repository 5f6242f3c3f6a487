"""The visible text of an HTML page by plain tag stripping: the fallback when markup defeats
the extractor.

libxml2, under trafilatura, stops building the tree 256 elements deep, so an article nested
deeper (by a broken template or on purpose) loses its whole text. Python's `html.parser` keeps
no tree and has no depth limit: it reads the text of any markup, though without telling the
article from the page around it.
"""

from __future__ import annotations

from html.parser import HTMLParser

# Their content is never visible text.
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "title"})
# Elements that start a new paragraph.
_BLOCKS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "blockquote", "pre", "header", "footer", "nav", "aside", "main", "figure", "figcaption", "hr",
})  # fmt: skip


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(page: str) -> str:
    """The page's text outside scripts, styles and the head, one paragraph per block element."""
    collector = _TextCollector()
    collector.feed(page)
    collector.close()
    paragraphs = (" ".join(p.split()) for p in "".join(collector.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
