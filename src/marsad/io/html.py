"""Article body from an HTML page (navigation, menus, scripts and footers left out).

selectolax (Lexbor, C) parses even broken or deeply nested HTML fast and without recursion
limits; the body is chosen by explicit markers first (``<article>``, ``itemprop=articleBody``,
common content classes), else by the element holding the most paragraph text.  The text Marsad
analyses (and all offsets) is the extracted body: paragraphs joined by newlines.
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from marsad.errors import MarsadError

_DROP = "script, style, noscript, nav, header, footer, aside, form, iframe, svg, button, select, template"
_BODY_SELECTORS = (
    "[itemprop=articleBody]", "article", "[class*=article-body]", "[class*=articleBody]",
    "[class*=entry-content]", "[class*=story-body]", "[class*=post-content]", "main",
)
_BLOCK_TAGS = ("p", "h2", "h3", "h4", "blockquote", "li", "figcaption")
_WS = re.compile(r"[ \t\r\f\v\u00a0]+")


def _text(node) -> str:
    return _WS.sub(" ", node.text(deep=True, separator=" ")).strip()


def _paragraphs(node) -> list[str]:
    paras = [_text(n) for n in node.css(", ".join(_BLOCK_TAGS))]
    paras = [p for p in paras if p]
    if not paras:
        raw = node.text(deep=True, separator="\n")
        paras = [_WS.sub(" ", x).strip() for x in raw.split("\n")]
        paras = [p for p in paras if p]
    return paras


def extract_article(html: str) -> dict:
    """``{"text", "title"?, "published"?}`` from an HTML page; E108 when it has no text."""
    tree = HTMLParser(html)
    title = None
    for sel, attr in (("meta[property='og:title']", "content"), ("h1", None), ("title", None)):
        n = tree.css_first(sel)
        if n is not None:
            title = (n.attributes.get(attr) if attr else _text(n)) or None
            if title:
                title = title.strip()
                break
    published = None
    for sel, attr in (("meta[property='article:published_time']", "content"), ("time[datetime]", "datetime")):
        n = tree.css_first(sel)
        if n is not None and n.attributes.get(attr):
            published = n.attributes[attr]
            break
    for n in tree.css(_DROP):
        n.decompose()
    body = None
    for sel in _BODY_SELECTORS:
        n = tree.css_first(sel)
        if n is not None and len(_text(n)) > 80:
            body = n
            break
    if body is None:
        # one pass: paragraph text per parent element (linear in the number of paragraphs)
        length: dict[int, int] = {}
        parents: dict[int, object] = {}
        for p in tree.css("p"):
            parent = p.parent
            if parent is None:
                continue
            k = parent.mem_id
            length[k] = length.get(k, 0) + len(p.text(deep=True))
            parents[k] = parent
        best = parents[max(length, key=length.__getitem__)] if length else None
        body = best or tree.body or tree.root
    if body is None:
        raise MarsadError("E108", "empty page")
    paras = _paragraphs(body)
    if title and paras and paras[0] == title:
        paras = paras[1:]
    text = "\n".join(paras)
    if not text.strip():
        raise MarsadError("E108", "no paragraph text")
    out = {"text": text}
    if title:
        out["title"] = title
    if published:
        out["published"] = published
    return out
