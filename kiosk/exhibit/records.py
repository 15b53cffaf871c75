"""Immutable records: typed value classes that cost nothing to define.

A frozen dataclass gets its methods written out as source and compiled when its class is
defined: on Python 3.11 about a millisecond a class, and the exhibit model is defined on
the way to the kiosk's first frame. A record behaves like a frozen dataclass (fields from
its annotations, defaults from its class, construction by position or keyword, equality
and hashing by its fields, a repr that lists them, no changes after construction) through
one shared implementation, and type checkers treat it as one (PEP 681).

    class Point(Record):
        x: int
        y: int = 0
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar, dataclass_transform

R = TypeVar("R", bound="Record")


class FrozenRecordError(AttributeError):
    """A record's fields cannot be changed once it is made."""


@dataclass_transform(eq_default=True, frozen_default=True)
class Record:
    """Base of the immutable records; see the module."""

    _fields: ClassVar[tuple[str, ...]] = ()
    _field_set: ClassVar[frozenset[str]] = frozenset()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = [name for name, kind in cls.__dict__.get("__annotations__", {}).items()
               if not str(kind).startswith(("ClassVar", "typing.ClassVar"))]
        fields = cls._fields + tuple(name for name in own if name not in cls._fields)
        defaults = dict(cls._defaults)
        defaults.update((name, cls.__dict__[name]) for name in own if name in cls.__dict__)
        for before, name in zip(fields, fields[1:], strict=False):
            if before in defaults and name not in defaults:
                raise TypeError(f"{cls.__name__}: field {name!r} without a default follows "
                                f"{before!r}, which has one")
        cls._fields, cls._field_set, cls._defaults = fields, frozenset(fields), defaults

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self._fields
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__}() takes {len(fields)} arguments, "
                            f"{len(args)} given")
        values = dict(self._defaults)
        values.update(zip(fields, args, strict=False))
        if kwargs:
            for name in kwargs:
                if name not in self._field_set:
                    raise TypeError(f"{type(self).__name__}() got an unexpected keyword "
                                    f"argument {name!r}")
                if name in fields[:len(args)]:
                    raise TypeError(f"{type(self).__name__}() got multiple values for "
                                    f"argument {name!r}")
            values.update(kwargs)
        if len(values) < len(fields):
            missing = [name for name in fields if name not in values]
            raise TypeError(f"{type(self).__name__}() missing arguments: "
                            + ", ".join(missing))
        object.__setattr__(self, "__dict__", values)

    def _values(self) -> tuple[Any, ...]:
        values = self.__dict__
        return tuple(values[name] for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        values = self.__dict__
        shown = ", ".join(f"{name}={values[name]!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenRecordError(f"cannot set {name!r}: a {type(self).__name__} never changes")

    def __delattr__(self, name: str) -> None:
        raise FrozenRecordError(f"cannot delete {name!r}: a {type(self).__name__} never "
                                "changes")


def replace(record: R, **changes: Any) -> R:
    """A copy of ``record`` with the given fields changed (as `dataclasses.replace`)."""
    values = dict(record.__dict__)
    values.update(changes)
    return type(record)(**values)
