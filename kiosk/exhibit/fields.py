"""Reading typed values out of the node tree, collecting every problem on the way.

Each reader returns ``None`` when the value is unusable and records why; the caller goes
on with the next field, so one run reports all problems.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from collections.abc import Sequence as Seq
from typing import TypeVar

from kiosk.exhibit.diagnostics import INVISIBLE_CONTROLS, Diagnostic, Severity
from kiosk.exhibit.labels import prose_warnings
from kiosk.exhibit.model import SourceLocation, Text
from kiosk.exhibit.yamltree import Mapping, Node, Refused, Scalar, Sequence

# What YAML 1.1 (PyYAML's dialect) reads as true/false/nothing in a plain scalar.
_BOOLEANS = {"yes": "true", "no": "false", "true": "true", "false": "false",
             "on": "true", "off": "false"}
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
T = TypeVar("T")
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def yaml_reading(scalar: Scalar) -> str | None:
    """What YAML would turn a plain scalar into if it is not text: 'true', 'false', 'empty'."""
    if not scalar.plain:
        return None
    value = scalar.value
    if value in _NULLS:
        return "empty"
    if value.lower() in _BOOLEANS and value in (value.lower(), value.title(), value.upper()):
        return _BOOLEANS[value.lower()]
    return None


def describe(node: Node) -> str:
    """How a curator would name what they wrote."""
    if isinstance(node, Sequence):
        return "a list"
    if isinstance(node, Mapping):
        return "a group of `key: value` lines"
    if isinstance(node, Scalar):
        reading = yaml_reading(node)
        if reading == "empty":
            return "nothing"
        if reading is not None:
            return f"`{node.value}` (which YAML reads as {reading})"
        return f"'{_short(node.value)}'"
    return "an unsupported value"


def keep_dashes_attached(text: str) -> str:
    """A spaced dash never starts a line: the space before it becomes a no-break space, as
    Russian typography requires ("Пакт Молотова — Риббентропа") and English allows."""
    return text.replace(" \u2014", "\u00a0\u2014").replace(" \u2013 ", "\u00a0\u2013 ")


def _a(noun: str) -> str:
    """``text`` as "text", ``file`` as "a file": how a message names what is expected."""
    return noun if noun == "text" else f"a {noun}"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "…"


class Reader:
    """Collects diagnostics for one exhibit file while reading its nodes."""

    def __init__(self, file: str, languages: tuple[str, ...] = ("en",)) -> None:
        self.file = file
        self.languages = languages
        self.diagnostics: list[Diagnostic] = []

    # -- reporting ------------------------------------------------------------------------

    def report(self, node: Node, severity: Severity, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.file, node.line, node.col, severity, message))

    def location(self, node: Node) -> SourceLocation:
        """Where ``node`` is written, for the model (proofs, fit warnings)."""
        return SourceLocation(self.file, node.line, node.col)

    def error(self, node: Node, message: str) -> None:
        self.report(node, "error", message)

    def warning(self, node: Node, message: str) -> None:
        self.report(node, "warning", message)

    # -- structure ------------------------------------------------------------------------

    def mapping(self, node: Node, what: str) -> Mapping | None:
        if isinstance(node, Mapping):
            return node
        if not isinstance(node, Refused):
            self.error(node, f"expected {what} (`key: value` lines), found {describe(node)}")
        return None

    def sequence(self, node: Node, what: str) -> Sequence | None:
        if isinstance(node, Sequence):
            return node
        if not isinstance(node, Refused):
            self.error(node, f"expected {what} (lines starting with `- `), "
                             f"found {describe(node)}")
        return None

    def fields(self, node: Mapping, where: str, required: Seq[str],
               optional: Seq[str] = ()) -> dict[str, Node]:
        """The known keys' values; reports unknown keys and missing required ones."""
        allowed = [*required, *optional]
        found: dict[str, Node] = {}
        for name, (key, value) in node.items.items():
            if name in allowed:
                found[name] = value
                continue
            message = f"unknown key '{name}' in {where}"

            close = difflib.get_close_matches(name.lower(), allowed, n=1, cutoff=0.6)
            if close:
                message += f"; did you mean '{close[0]}'?"
            else:
                message += f"; the keys here are: {', '.join(allowed)}"
            self.error(key, message)
        for name in required:
            if name not in found:
                self.error(node, f"{where} is missing '{name}' (required); add a "
                                 f"`{name}:` line")
        return found

    # -- scalars --------------------------------------------------------------------------

    def word(self, node: Node, field: str) -> Scalar | None:
        """A single-line scalar kept exactly as typed (ids, years, paths)."""
        if isinstance(node, Refused):
            return None
        if not isinstance(node, Scalar):
            self.error(node, f"'{field}' should be a single value, found {describe(node)}")
            return None
        reading = yaml_reading(node)
        if reading == "empty":
            self.error(node, f"'{field}' has no value; write it after the colon")
            return None
        if reading is not None:
            self.error(node, f"YAML reads `{field}: {node.value}` as {reading}, not text; put "
                             f"it in quotes: {field}: \"{node.value}\"")
            return None
        return node

    def number(self, node: Node, field: str, low: float, high: float, unit: str) -> float | None:
        if isinstance(node, Refused):
            return None
        wanted = f"'{field}' must be a number of {unit} from {low:g} to {high:g}"
        if not isinstance(node, Scalar) or not _NUMBER.fullmatch(node.value):
            self.error(node, f"{wanted}, found {describe(node)}")
            return None
        if not node.plain:
            self.error(node, f"{wanted}, written without quotes: {field}: {node.value}")
            return None
        value = float(node.value)
        if not low <= value <= high:
            self.error(node, f"{wanted}; {node.value} is out of range")
            return None
        return value

    def text(self, node: Node, field: str, *, prose: bool = False,
             caption: bool = False) -> Text | None:
        """A text in every language: a string, or ``{en: …, ru: …}`` with each language."""

        def one(value_node: Scalar, label: str) -> str | None:
            return self._one_text(value_node, label, prose=prose, caption=caption)

        found = self.per_language(node, field, "text", one)
        if found is None:
            return None
        return Text(tuple((lang, found[lang][0]) for lang in self.languages),
                    tuple((lang, found[lang][1]) for lang in self.languages))

    def per_language(self, node: Node, field: str, noun: str,
                     read: Callable[[Scalar, str], T | None]
                     ) -> dict[str, tuple[T, SourceLocation]] | None:
        """One value shared by every language, or ``{en: …, ru: …}`` with each language:
        each value read by ``read(node, label)``, with where it is written."""
        if isinstance(node, Refused):
            return None
        if isinstance(node, Sequence):
            self.error(node, f"'{field}' should be {_a(noun)}, found a list")
            return None
        if isinstance(node, Scalar):
            value = read(node, field)
            if value is None:
                return None
            where = self.location(node)
            return {lang: (value, where) for lang in self.languages}
        found: dict[str, tuple[T, SourceLocation]] = {}
        complete = True
        for lang, (key, value_node) in node.items.items():
            if lang not in self.languages:
                complete = False
                self.error(key, f"'{lang}' in '{field}' is not one of the exhibit's languages "
                                f"({', '.join(self.languages)}); add it to `languages:` or "
                                "remove this line")
                continue
            if not isinstance(value_node, Scalar):
                complete = False
                if not isinstance(value_node, Refused):
                    self.error(value_node, f"the '{lang}' {noun} of '{field}' should be "
                                           f"{_a(noun)}, found {describe(value_node)}")
                continue
            value = read(value_node, f"{field}: {lang}")
            if value is None:
                complete = False
            else:
                found[lang] = (value, self.location(value_node))
        for lang in self.languages:
            if lang not in node.items:
                complete = False
                languages = ", ".join(self.languages)
                advice = (f"every text needs each of the exhibit's languages ({languages})"
                          if noun == "text" else f"name one for each of the exhibit's "
                          f"languages ({languages}), or one {noun} for all")
                self.error(node, f"'{field}' has no '{lang}' {noun}; {advice}")
        return found if complete else None

    def _one_text(self, node: Scalar, field: str, *, prose: bool, caption: bool) -> str | None:
        reading = yaml_reading(node)
        name = field.rsplit(": ", 1)[-1]
        if reading == "empty" and node.value == "":
            self.error(node, f"'{field}' has no text; write it after the colon")
            return None
        # guard: yaml11-booleans-say-quote
        if reading is not None:
            self.error(node, f"YAML reads `{node.value}` as {reading}, not text; put it in "
                             f"quotes: {name}: \"{node.value}\"")
            return None
        value = keep_dashes_attached(node.value.strip())
        hidden = INVISIBLE_CONTROLS.search(value.replace("\n", "").replace("\t", ""))
        # guard: display-text-controls
        if hidden:
            self.error(node, f"'{field}' holds an invisible control character "
                             f"(U+{ord(hidden.group()):04X}), which could hide or reorder what "
                             "visitors read; delete it (retype the text around it)")
            return None
        if not value:
            self.error(node, f"'{field}' is empty; write the text, or remove the line if it "
                             "is optional")
            return None
        if prose or caption:
            for advice in prose_warnings(value, caption=caption):
                self.warning(node, f"{advice} ({field})")
        return value
