"""Server-side parse_mode handling, so the fake rejects what Telegram rejects.

Telegram strips the markup from ``text``/``caption`` and returns entities whose
offsets are counted in UTF-16 code units; malformed markup is a 400
``Bad Request: can't parse entities: ...``. This module reproduces the common
cases of HTML, MarkdownV2 and legacy Markdown; it is not a complete port of
Telegram's parser (no automatic detection of URLs, mentions or commands).
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

Entity = dict[str, Any]


class EntityParseError(ValueError):
    """The text could not be parsed; ``str(exc)`` is Telegram's description tail."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(src: str, index: int) -> int:
    return len(src[:index].encode("utf-8"))


def parse_text(text: str, parse_mode: str | None) -> tuple[str, list[Entity]]:
    """Return (plain text, entities) for ``text`` sent with ``parse_mode``."""
    mode = (parse_mode or "").strip().lower()
    if not mode:
        return text, []
    if mode == "html":
        return _parse_html(text)
    if mode == "markdownv2":
        return _parse_markdown_v2(text)
    if mode == "markdown":
        return _parse_markdown_legacy(text)
    raise EntityParseError(f"Unsupported parse_mode {parse_mode!r}")


# --------------------------------------------------------------------------- HTML

_HTML_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
}


class _HtmlParser(HTMLParser):
    def __init__(self, src: str) -> None:
        super().__init__(convert_charrefs=True)
        self.src = src
        self._line_starts = [0]
        for i, ch in enumerate(src):
            if ch == "\n":
                self._line_starts.append(i + 1)
        self.parts: list[str] = []
        self.pos16 = 0
        # (tag, start offset in utf-16 units, entity or None)
        self.stack: list[tuple[str, int, Entity | None]] = []
        self.entities: list[Entity] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return _byte_offset(self.src, self._line_starts[line - 1] + col)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        self.pos16 += utf16_len(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        entity: Entity | None
        if tag in _HTML_SIMPLE:
            entity = {"type": _HTML_SIMPLE[tag]}
            if tag == "code" and self.stack and self.stack[-1][0] == "pre":
                language = attr.get("class", "")
                pre = self.stack[-1][2]
                if language.startswith("language-") and pre is not None:
                    pre["language"] = language.removeprefix("language-")
                    entity = None
        elif tag == "span" and attr.get("class") == "tg-spoiler":
            entity = {"type": "spoiler"}
        elif tag == "a":
            href = attr.get("href", "")
            entity = {"type": "text_link", "url": href} if href else None
        elif tag == "blockquote":
            entity = {"type": "expandable_blockquote" if "expandable" in attr else "blockquote"}
        elif tag == "tg-emoji" and attr.get("emoji-id"):
            entity = {"type": "custom_emoji", "custom_emoji_id": attr["emoji-id"]}
        else:
            raise EntityParseError(
                f'Unsupported start tag "{tag}" at byte offset {self._offset()}'
            )
        self.stack.append((tag, self.pos16, entity))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack:
            raise EntityParseError(f'Unexpected end tag at byte offset {self._offset()}')
        open_tag, start, entity = self.stack.pop()
        if open_tag != tag:
            raise EntityParseError(
                f'Unmatched end tag at byte offset {self._offset()}, expected "</{open_tag}>", '
                f'found "</{tag}>"'
            )
        if entity is not None and self.pos16 > start:
            self.entities.append({**entity, "offset": start, "length": self.pos16 - start})


def _parse_html(src: str) -> tuple[str, list[Entity]]:
    parser = _HtmlParser(src)
    parser.feed(src)
    parser.close()
    if parser.stack:
        raise EntityParseError(
            f'Can\'t find end tag corresponding to start tag "{parser.stack[-1][0]}"'
        )
    return "".join(parser.parts), _sorted(parser.entities)


def _sorted(entities: list[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (e["offset"], -e["length"]))


# ---------------------------------------------------------------------- MarkdownV2

_MDV2_RESERVED = set("_*[]()~`>#+-=|{}.!")
_MDV2_LINKS = ("text_link", "custom_emoji")
_MDV2_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos16 = 0
        self.entities: list[Entity] = []

    def emit(self, text: str) -> None:
        self.parts.append(text)
        self.pos16 += utf16_len(text)

    def add(self, entity: Entity, start: int, end: int | None = None) -> None:
        end = self.pos16 if end is None else end
        if end > start:
            self.entities.append({**entity, "offset": start, "length": end - start})

    def result(self) -> tuple[str, list[Entity]]:
        return "".join(self.parts), _sorted(self.entities)


def _read_escaped_until(src: str, i: int, terminator: str) -> tuple[str, int]:
    """Read from ``i`` to the next unescaped ``terminator``; return (content, index after it)."""
    out: list[str] = []
    while i < len(src):
        if src[i] == "\\" and i + 1 < len(src):
            out.append(src[i + 1])
            i += 2
        elif src.startswith(terminator, i):
            return "".join(out), i + len(terminator)
        else:
            out.append(src[i])
            i += 1
    raise EntityParseError("")


def _parse_markdown_v2(src: str) -> tuple[str, list[Entity]]:
    b = _Builder()
    # open entities: (type, start utf-16 offset, source index)
    stack: list[tuple[str, int, int]] = []
    quote_start: int | None = None  # utf-16 offset where a >-quote began
    i, n = 0, len(src)

    def toggle(kind: str) -> None:
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] == kind:
                _, start, _ = stack.pop(k)
                b.add({"type": kind}, start)
                return
        stack.append((kind, b.pos16, i))

    while i < n:
        c = src[i]
        at_line_start = i == 0 or src[i - 1] == "\n"
        if at_line_start and quote_start is not None and c != ">":
            # the quote covers the previous lines without their final newline
            b.add({"type": "blockquote"}, quote_start, b.pos16 - 1)
            quote_start = None
        if c == "\\":
            if i + 1 >= n:
                raise EntityParseError(
                    "Character '\\' is reserved and must be escaped with the preceding '\\'"
                )
            b.emit(src[i + 1])
            i += 2
        elif src.startswith("```", i):
            start_src = i
            try:
                body, i = _read_escaped_until(src, i + 3, "```")
            except EntityParseError:
                raise EntityParseError(
                    f"Can't find end of Pre entity at byte offset {_byte_offset(src, start_src)}"
                ) from None
            language = ""
            if "\n" in body:
                first, rest = body.split("\n", 1)
                if first and " " not in first:
                    language, body = first, rest
            start = b.pos16
            b.emit(body)
            entity: Entity = {"type": "pre"}
            if language:
                entity["language"] = language
            b.add(entity, start)
        elif c == "`":
            start_src = i
            try:
                body, i = _read_escaped_until(src, i + 1, "`")
            except EntityParseError:
                raise EntityParseError(
                    f"Can't find end of Code entity at byte offset {_byte_offset(src, start_src)}"
                ) from None
            start = b.pos16
            b.emit(body)
            b.add({"type": "code"}, start)
        elif c == "*":
            toggle("bold")
            i += 1
        elif src.startswith("__", i):
            toggle("underline")
            i += 2
        elif c == "_":
            toggle("italic")
            i += 1
        elif c == "~":
            toggle("strikethrough")
            i += 1
        elif src.startswith("||", i):
            toggle("spoiler")
            i += 2
        elif src.startswith("![", i):
            stack.append(("custom_emoji", b.pos16, i))
            i += 2
        elif c == "[":
            stack.append(("text_link", b.pos16, i))
            i += 1
        elif c == "]" and any(kind in _MDV2_LINKS for kind, _, _ in stack):
            k = max(k for k, (kind, _, _) in enumerate(stack) if kind in _MDV2_LINKS)
            kind, start, start_src = stack.pop(k)
            if not src.startswith("(", i + 1):
                raise EntityParseError(
                    f"Can't find end of {_MDV2_NAMES[kind]} entity at byte offset "
                    f"{_byte_offset(src, start_src)}"
                )
            try:
                url, i = _read_escaped_until(src, i + 2, ")")
            except EntityParseError:
                raise EntityParseError(
                    f"Can't find end of a URL at byte offset {_byte_offset(src, i)}"
                ) from None
            if kind == "custom_emoji":
                b.add({"type": kind, "custom_emoji_id": url.rsplit("id=", 1)[-1]}, start)
            else:
                b.add({"type": kind, "url": url}, start)
        elif c == ">" and at_line_start:
            if quote_start is None:
                quote_start = b.pos16
            i += 1
        elif c in _MDV2_RESERVED:
            raise EntityParseError(
                f"Character '{c}' is reserved and must be escaped with the preceding '\\'"
            )
        else:
            b.emit(c)
            i += 1
    if stack:
        kind, _, start_src = stack[-1]
        raise EntityParseError(
            f"Can't find end of {_MDV2_NAMES[kind]} entity at byte offset "
            f"{_byte_offset(src, start_src)}"
        )
    if quote_start is not None:
        b.add({"type": "blockquote"}, quote_start)
    return b.result()


# ------------------------------------------------------------------ legacy Markdown

_LEGACY = {"*": "bold", "_": "italic", "`": "code"}


def _missing_end(src: str, index: int) -> EntityParseError:
    return EntityParseError(
        f"Can't find end of the entity starting at byte offset {_byte_offset(src, index)}"
    )


def _parse_markdown_legacy(src: str) -> tuple[str, list[Entity]]:
    b = _Builder()
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c == "\\" and i + 1 < n and src[i + 1] in "_*`[":
            b.emit(src[i + 1])
            i += 2
        elif src.startswith("```", i):
            end = src.find("```", i + 3)
            if end < 0:
                raise _missing_end(src, i)
            body = src[i + 3 : end]
            language = ""
            if "\n" in body:
                first, rest = body.split("\n", 1)
                if first and " " not in first:
                    language, body = first, rest
            start = b.pos16
            b.emit(body)
            entity: Entity = {"type": "pre"}
            if language:
                entity["language"] = language
            b.add(entity, start)
            i = end + 3
        elif c in _LEGACY:
            end = src.find(c, i + 1)
            if end < 0:
                raise _missing_end(src, i)
            start = b.pos16
            b.emit(src[i + 1 : end])
            b.add({"type": _LEGACY[c]}, start)
            i = end + 1
        elif c == "[":
            close = src.find("](", i + 1)
            end = src.find(")", close + 2) if close >= 0 else -1
            if close < 0 or end < 0:
                raise _missing_end(src, i)
            start = b.pos16
            b.emit(src[i + 1 : close])
            b.add({"type": "text_link", "url": src[close + 2 : end]}, start)
            i = end + 1
        else:
            b.emit(c)
            i += 1
    return b.result()
