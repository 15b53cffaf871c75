"""Records behave as the frozen dataclasses they stand for, and cost no code to define."""

from __future__ import annotations

import builtins
import copy
import pickle
from dataclasses import FrozenInstanceError, dataclass
from typing import Any

import pytest

from kiosk.exhibit.records import Record, replace


class Point(Record):
    """A record as the model writes them."""

    x: int
    y: int = 0
    label: str | None = None


@dataclass(frozen=True)
class PointDataclass:
    """The frozen dataclass it stands for."""

    x: int
    y: int = 0
    label: str | None = None


def test_it_is_made_by_position_keyword_and_default_as_a_dataclass_is() -> None:
    for args, kwargs in [((1,), {}), ((1, 2), {}), ((1,), {"label": "a"}),
                         ((), {"x": 3, "y": 4}), ((1, 2, "b"), {})]:
        record, dataclass_ = Point(*args, **kwargs), PointDataclass(*args, **kwargs)
        assert (record.x, record.y, record.label) == (
            dataclass_.x, dataclass_.y, dataclass_.label)
        assert repr(record) == repr(dataclass_).replace("PointDataclass", "Point")


@pytest.mark.parametrize(("args", "kwargs", "message"), [
    ((), {}, "missing arguments: x"),
    ((1, 2, "a", 4), {}, "takes 3 arguments, 4 given"),
    ((1,), {"z": 2}, "unexpected keyword argument 'z'"),
    ((1,), {"x": 2}, "multiple values for argument 'x'"),
])
def test_wrong_arguments_are_refused_as_a_dataclass_refuses_them(
        args: tuple[Any, ...], kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(TypeError, match=message):
        Point(*args, **kwargs)
    with pytest.raises(TypeError):
        PointDataclass(*args, **kwargs)


def test_it_never_changes() -> None:
    point = Point(1, 2)
    with pytest.raises(AttributeError, match="never changes"):
        point.x = 5  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del point.y  # type: ignore[misc]
    with pytest.raises(AttributeError):
        point.extra = 1  # type: ignore[attr-defined]
    assert (point.x, point.y) == (1, 2)
    with pytest.raises(FrozenInstanceError):  # the dataclass does the same
        PointDataclass(1).x = 5  # type: ignore[misc]


def test_equality_and_hash_follow_the_fields_and_the_class() -> None:
    assert Point(1, 2) == Point(1, 2) and hash(Point(1, 2)) == hash(Point(1, 2))
    assert Point(1, 2) != Point(1, 3) and Point(1, 2) != Point(1, 2, "a")
    assert len({Point(1), Point(1, 0), Point(2)}) == 2

    class Other(Record):
        """Same fields, another kind of thing."""

        x: int
        y: int = 0
        label: str | None = None

    assert Point(1) != Other(1)
    assert Point(1) != (1, 0, None)


def test_pickling_copying_and_replacing_keep_it_whole() -> None:
    point = Point(1, 2, "a")
    for again in (pickle.loads(pickle.dumps(point, pickle.HIGHEST_PROTOCOL)),
                  copy.copy(point), copy.deepcopy(point)):
        assert again == point and type(again) is Point
        with pytest.raises(AttributeError):
            again.x = 0  # type: ignore[misc]
    moved = replace(point, y=7)
    assert moved == Point(1, 7, "a") and point == Point(1, 2, "a")
    with pytest.raises(TypeError):
        replace(point, z=1)


def test_a_field_without_a_default_cannot_follow_one_with_a_default() -> None:
    with pytest.raises(TypeError, match="'b' without a default follows 'a'"):
        class Bad(Record):  # noqa: F841
            """Fields in an order no constructor could take."""

            a: int = 0
            b: int


def test_defining_a_record_compiles_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """What they are for: a dataclass compiles source for each of its methods."""
    compiled: list[object] = []
    for name in ("exec", "compile"):
        original = getattr(builtins, name)
        monkeypatch.setattr(builtins, name,
                            lambda *a, _o=original, **k: (compiled.append(a[0]), _o(*a, **k))[1])

    class Fresh(Record):
        """Defined under watch."""

        a: int
        b: str = ""

    assert compiled == [] and Fresh(1) == Fresh(1, "")

    @dataclass(frozen=True)
    class FreshDataclass:
        """The same, as a dataclass."""

        a: int
        b: str = ""

    assert compiled  # the check would see it
