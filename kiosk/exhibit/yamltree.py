"""YAML text to a small tree of nodes that remember where each value was written.

The tree is built from parser *events*, not with ``yaml.load``: nothing is ever
constructed from a tag, every scalar keeps its raw text (so ``1.10`` stays ``1.10``), and
the features an exhibit file has no use for — anchors, aliases, tags, several documents,
deep nesting — are refused where they appear, with their line and column. Building is a
loop, not recursion, so no input can exhaust the stack.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from kiosk.exhibit.diagnostics import Diagnostic
from kiosk.exhibit.filebytes import EXHIBIT_FILE, FileKind

Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 64
_SYNTAX_HINT = ("check the indentation, that every `key:` has a space after the colon, and "
                "that quotes are closed; put text containing `: ` or ` #` in quotes")


@dataclass(slots=True, eq=False)
class Scalar:
    """A single value, with where it was written."""

    value: str  # the text exactly as written (unquoted, escapes processed)
    plain: bool  # written without quotes, so YAML would guess its type
    line: int
    col: int


@dataclass(slots=True, eq=False)
class Sequence:
    """A list of values, with where it starts."""

    items: list[Node]
    line: int
    col: int


@dataclass(slots=True, eq=False)
class Mapping:
    """Keys in file order; a repeated key is reported and its second value dropped."""

    items: dict[str, tuple[Scalar, Node]]
    line: int
    col: int


@dataclass(slots=True, eq=False)
class Refused:
    """A value already reported as an error (an alias, a tagged value): skip it quietly."""

    line: int
    col: int


Node = Scalar | Sequence | Mapping | Refused


@dataclass(slots=True)
class _Open:
    """A list or mapping still being read, and the key waiting for its value."""

    node: Sequence | Mapping
    tagged: bool
    key: Scalar | Refused | None = None
    keyed: bool = False  # whether ``key`` holds a pending key (keys may be Refused)


class _GiveUp(Exception):
    """The file is refused whole: it is reported already, and no tree comes back."""


# A handler is given an event and where it starts (1-based); True means stop reading.
_Handler = Callable[[Any, int, int], bool]


class _TreeBuilder:
    """The state of one parse, with one method per kind of parser event."""

    def __init__(self, file: str, kind: FileKind) -> None:
        self.file = file
        self.kind = kind
        self.too_deep = (f"the values are nested more than {MAX_DEPTH} levels deep; "
                         f"{kind.needs} only a few levels: check for unclosed `[` or `{{`")
        self.diagnostics: list[Diagnostic] = []
        self.stack: list[_Open] = []
        self.root: Node | None = None
        self.documents = 0
        # Looked up by the event's exact class: one dict lookup per event, no if-chain.
        self.handlers: dict[type, _Handler] = {
            yaml.ScalarEvent: self.scalar,
            yaml.MappingStartEvent: self.mapping_start,
            yaml.SequenceStartEvent: self.sequence_start,
            yaml.MappingEndEvent: self.collection_end,
            yaml.SequenceEndEvent: self.collection_end,
            yaml.AliasEvent: self.alias,
            yaml.DocumentStartEvent: self.document_start,
            yaml.DocumentEndEvent: self.ignore,
            yaml.StreamStartEvent: self.ignore,
            yaml.StreamEndEvent: self.ignore,
        }

    def error(self, line: int, col: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.file, line, col, "error", message))

    def read(self, loader: Any) -> None:
        """Feed every event to its handler, until the stream ends or a handler says stop."""
        handlers = self.handlers
        while (event := loader.get_event()) is not None:
            mark = event.start_mark
            if handlers[type(event)](event, mark.line + 1, mark.column + 1):
                return

    def attach(self, node: Node) -> None:
        """Put a finished value in its place: the root, a list item, a key or a key's value."""
        stack = self.stack
        if not stack:
            self.root = node
            return
        top = stack[-1]
        if isinstance(top.node, Sequence):
            top.node.items.append(node)
            return
        if not top.keyed:
            if not isinstance(node, Scalar | Refused):
                self.error(node.line, node.col,
                           "a key must be a plain word like `title`, not a list or mapping")
                node = Refused(node.line, node.col)
            top.key, top.keyed = node, True
            return
        key, top.key, top.keyed = top.key, None, False
        if not isinstance(key, Scalar):
            return
        existing = top.node.items.get(key.value)
        if existing is not None:  # guard: duplicate-keys
            first = existing[0]
            self.error(key.line, key.col,
                       f"duplicate key '{key.value}' (first written at line {first.line}); "
                       "remove one of them")
            return
        top.node.items[key.value] = (key, node)

    def refuse_anchor_and_tag(self, event: yaml.NodeEvent, line: int, col: int) -> bool:
        """Report an anchor or an explicit tag on a value; whether it was tagged."""
        if event.anchor is not None:  # guard: yaml-anchors
            self.error(line, col,
                       f"`&{event.anchor}` defines an anchor; anchors (`&`) and aliases (`*`) "
                       f"are not supported in {self.kind.many}: remove it")
        tagged = _explicit_tag(event)  # guard: yaml-tags
        if tagged is not None:
            self.error(line, col,
                       f"the tag `{tagged}` is not supported in {self.kind.many}; remove it "
                       "(write plain values, quoted if needed)")
        return tagged is not None

    def scalar(self, event: yaml.ScalarEvent, line: int, col: int) -> bool:
        if event.anchor is None and event.tag is None:
            # The common case first, kept lean: a 1,000-panel file has ~30,000 of these.
            # guard: yaml11-text-kept-as-typed
            self.attach(Scalar(event.value, not event.style, line, col))
        elif self.refuse_anchor_and_tag(event, line, col):
            self.attach(Refused(line, col))
        else:
            plain = not event.style  # '' from the C parser, None from Python's
            self.attach(Scalar(event.value, plain, line, col))
        return False

    def mapping_start(self, event: yaml.MappingStartEvent, line: int, col: int) -> bool:
        return self.push(event, Mapping({}, line, col))

    def sequence_start(self, event: yaml.SequenceStartEvent, line: int, col: int) -> bool:
        return self.push(event, Sequence([], line, col))

    def push(self, event: yaml.CollectionStartEvent, node: Sequence | Mapping) -> bool:
        """Start reading a list or mapping, unless that nests it too deep."""
        tagged = self.refuse_anchor_and_tag(event, node.line, node.col)
        if len(self.stack) >= MAX_DEPTH:  # guard: block-depth
            self.error(node.line, node.col, self.too_deep)
            raise _GiveUp
        self.stack.append(_Open(node, tagged))
        return False

    def collection_end(self, event: yaml.CollectionEndEvent, line: int, col: int) -> bool:
        closed = self.stack.pop()
        self.attach(Refused(closed.node.line, closed.node.col) if closed.tagged
                    else closed.node)
        return False

    # guard: yaml-aliases
    def alias(self, event: yaml.AliasEvent, line: int, col: int) -> bool:
        self.error(line, col,
                   f"`*{event.anchor}` refers to an anchor; anchors (`&`) and aliases (`*`) "
                   f"are not supported in {self.kind.many}: write the value out in full")
        self.attach(Refused(line, col))
        return False

    def document_start(self, event: yaml.DocumentStartEvent, line: int, col: int) -> bool:
        self.documents += 1
        if self.documents > 1:  # guard: second-document
            self.error(line, col,
                       "a second YAML document starts here (after a `---` or `...` line); "
                       f"{self.kind.one} holds exactly one: remove the extra `---`/`...`")
            return True
        return False

    def ignore(self, event: yaml.Event, line: int, col: int) -> bool:
        return False  # stream start/end and document end carry nothing for the tree


def parse_tree(text: str, file: str,
               kind: FileKind = EXHIBIT_FILE) -> tuple[Node | None, list[Diagnostic]]:
    """The document's root node (None if the text has no document or cannot be parsed)."""
    builder = _TreeBuilder(file, kind)
    diagnostics, error = builder.diagnostics, builder.error
    too_deep = _flow_too_deep(text)  # guard: flow-depth-before-parsing
    if too_deep is not None:
        error(*too_deep, builder.too_deep)
        return None, diagnostics
    loader = Loader(text)
    try:
        builder.read(loader)
    except _GiveUp:
        return None, diagnostics
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in (exc.problem or ""):  # libyaml's own limit (1000), a backstop
            mark = exc.problem_mark
            error(mark.line + 1, mark.column + 1, builder.too_deep)
            return None, diagnostics
        error(*_syntax_error(exc))
        return None, diagnostics
    except yaml.YAMLError as exc:  # e.g. libyaml's own nesting limit, with no mark
        error(0, 0, f"the file is not valid YAML: {exc}; {_SYNTAX_HINT}")
        return None, diagnostics
    finally:
        loader.dispose()
    root, documents = builder.root, builder.documents
    if documents == 0 or (root is None and not diagnostics):  # guard: empty-file
        error(0, 0, "the file is empty (or holds only comments); start it with `version: 1`")
        return None, diagnostics
    return root, diagnostics


def _flow_too_deep(text: str) -> tuple[int, int] | None:
    """Where `[`/`{` nesting first exceeds MAX_DEPTH, found before any parser runs.

    libyaml reads a whole flow collection ahead before the first event arrives, so the
    depth has to be judged on the text. Brackets count only where a flow collection can
    start (a value's start outside brackets, anywhere inside them), and not in quotes or
    comments; the parser itself stays the final judge of everything else.
    """
    if _naive_flow_depth(text) <= MAX_DEPTH:
        return None  # even counting every bracket, quoted or not, it is shallow enough
    depth = 0
    quote = ""
    line_number = 0
    for line_number, line in enumerate(text.split("\n"), start=1):
        value_start = True  # after indentation, `- `, `: ` (outside brackets)
        index, length = 0, len(line)
        while index < length:
            char = line[index]
            if quote:
                if char == "\\" and quote == '"':
                    index += 1
                elif char == quote:
                    quote = ""
            elif char in " \t":
                pass
            elif char == "#" and (index == 0 or line[index - 1] in " \t"):
                break
            elif char in "[{" and (depth > 0 or value_start):
                depth += 1
                if depth > MAX_DEPTH:
                    return line_number, index + 1
                value_start = True
            elif char in "]}" and depth > 0:
                depth -= 1
            elif char in "'\"" and value_start:
                quote = char
            elif char in "-:?," and (index + 1 == length or line[index + 1] in " \t"):
                value_start = True
            elif char == ",":
                value_start = depth > 0
            else:
                value_start = False
            index += 1
    return None


_BRACKET = re.compile(r"[\[\]{}]")


def _naive_flow_depth(text: str) -> int:
    """An upper bound of the flow depth: brackets in quotes and comments count too."""
    depth = deepest = 0
    for match in _BRACKET.finditer(text):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    return deepest


def _explicit_tag(event: yaml.NodeEvent) -> str | None:
    tag: str | None = getattr(event, "tag", None)
    if tag is None:
        return None
    if isinstance(event, yaml.CollectionStartEvent) and event.implicit:
        return None
    if isinstance(event, yaml.ScalarEvent) and tag == "!" and event.implicit[1]:
        return None  # how some parsers mark an ordinary quoted scalar
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:") else tag


def _syntax_error(exc: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    problem = (exc.problem or "this is not valid YAML").strip()
    message = f"YAML syntax error: {problem}"
    context_mark = exc.context_mark
    if exc.context and context_mark is not None and context_mark is not mark:
        message += f" ({exc.context} at line {context_mark.line + 1})"
    lowered = problem.lower()
    if "end of stream" in lowered and "quoted" in (exc.context or ""):
        hint = "a quote is opened but never closed"
    elif "tab" in lowered or "\\t" in lowered:
        hint = "indent with spaces, not tabs"
    elif "flow" in lowered or "']'" in problem or "'}'" in problem:
        hint = "check that every `[` and `{` is closed and items are separated by commas"
    else:
        hint = _SYNTAX_HINT
    return line, col, f"{message}; {hint}"
