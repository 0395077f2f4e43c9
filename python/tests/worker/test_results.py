"""Results made picklable: through a worker, and :mod:`mlpredict.worker.normalize` directly."""

from __future__ import annotations

import collections
import datetime
import pickle
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from worker_client import Worker, config

from mlpredict import Row
from mlpredict.worker import normalize
from mlpredict.worker.stand_in import FieldTuple, StandIn

MODELS = Path(__file__).parent / "models"
StartWorker = Callable[..., Worker]


@pytest.fixture
def shapes(start_worker: StartWorker) -> Worker:
    worker = start_worker()
    worker.open(config(MODELS, "shapes.Shapes"))
    return worker


def test_a_generator_becomes_a_list(shapes: Worker) -> None:
    assert shapes.value("P", ("generator",)) == [("0",), ("1",), ("2",)]


def test_batch_of_generators_becomes_lists(shapes: Worker) -> None:
    assert shapes.value("B", [("a",), ("b",)]) == [[("aa",)], [("bb",)]]


def test_a_custom_object_crosses_as_a_stand_in(shapes: Worker) -> None:
    [row] = shapes.value("P", ("thing",))
    assert isinstance(row, Row)
    [thing] = row
    assert isinstance(thing, StandIn)
    assert (type(thing).__module__, type(thing).__qualname__) == ("shapes", "Thing")
    assert type(thing).__name__ == "Thing"
    assert repr(thing) == "Thing(42)"


def test_a_bare_custom_object_is_not_iterable_on_the_host(shapes: Worker) -> None:
    thing = shapes.value("P", ("bare-thing",))
    with pytest.raises(TypeError, match="'Thing' object is not iterable"):
        iter(thing)


def test_a_namedtuple_keeps_its_field_names(shapes: Worker) -> None:
    [point] = shapes.value("P", ("namedtuple",))
    assert isinstance(point, FieldTuple) and not isinstance(point, Row)
    assert point._fields == ("y", "x")
    assert point == ("b", "a")
    assert (type(point).__module__, type(point).__qualname__) == ("shapes", "Point")
    assert repr(point) == "Point(y='b', x='a')"


def test_binary_values_become_bytes_and_int_enums_ints(shapes: Worker) -> None:
    rows = shapes.value("P", ("binary",))
    assert rows == [(b"ab",), (b"cd",), (3,)]
    assert [type(value) for (value,) in rows] == [bytes, bytes, int]


def test_an_array_value_crosses_as_a_stand_in(shapes: Worker) -> None:
    [(value,)] = shapes.value("P", ("array",))
    assert (type(value).__module__, repr(value)) == ("array", "array('d', [1.0])")


def test_numpy_values_become_plain(shapes: Worker) -> None:
    pytest.importorskip("numpy")
    assert shapes.value("P", ("numpy",)) == [(1.5,), ([1, 2],), ["x"]]
    assert shapes.value("P", ("numpy-rows",)) == [[1.5], [2.5]]
    assert shapes.value("C", [["a", "b", "c"]]) == {"text": [0.0, 1.0, 2.0]}


def test_plain_results_are_returned_unchanged() -> None:
    rows = [("a", 1.0), ("b", 2.0)]
    assert normalize.rows_result(rows) is rows
    assert normalize.rows_result(rows)[0] is rows[0]
    batch = [rows, []]
    assert normalize.batch_result(batch)[0] is rows  # type: ignore[index]
    named = Row(label="a", score=1.0)
    assert normalize.value(named) is named


def test_rows_stay_rows_of_their_type() -> None:
    class Thing:
        def __repr__(self) -> str:
            return "T"

    named = Row(label=Thing(), score=1.0)
    result = normalize.value(named)
    assert type(result) is type(named)
    assert repr(result) == "Row(label=T, score=1.0)"
    unnamed = normalize.value(Row(bytearray(b"x")))
    assert type(unnamed) is Row and unnamed == (b"x",)


def test_row_subclasses_become_standard_rows() -> None:
    class MyRow(Row):
        __slots__ = ()

    result = normalize.value(MyRow(1, 2))
    assert type(result) is Row and result == (1, 2)


def test_standard_values_cross_unchanged() -> None:
    values = [
        None,
        True,
        1,
        1.5,
        "s",
        b"b",
        Decimal("1.5"),
        datetime.date(2024, 1, 2),
        datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC),
        datetime.time(1, 2),
        datetime.timedelta(seconds=3),
        {"k": [1, (2, 3)]},
        {1, 2},
        frozenset({3}),
        collections.Counter({"a": 2}),
    ]
    result = normalize.value(values)
    assert result == values
    assert [type(item) for item in result] == [type(item) for item in values]  # type: ignore[attr-defined]


def test_subclasses_become_their_base_types() -> None:
    class Text(str):
        def __str__(self) -> str:
            return "changed"

    class Stamp(datetime.datetime):
        pass

    ordered = collections.OrderedDict(a=1)
    result = normalize.value([Text("t"), Stamp(2024, 1, 2), ordered, collections.deque([1])])
    assert result[0] == "t" and type(result[0]) is str  # type: ignore[index]
    assert type(result[1]) is datetime.datetime  # type: ignore[index]
    assert type(result[2]) is dict  # type: ignore[index]
    assert isinstance(result[3], StandIn)  # type: ignore[index]


def test_foreign_time_zones_become_fixed_offsets() -> None:
    class Zone(datetime.tzinfo):
        def utcoffset(self, dt: datetime.datetime | None) -> datetime.timedelta:
            return datetime.timedelta(hours=2)

    moment = datetime.datetime(2024, 1, 2, 3, tzinfo=Zone())
    result = normalize.value(moment)
    assert type(result.tzinfo) is datetime.timezone  # type: ignore[attr-defined]
    assert result == moment


def test_columns_results() -> None:
    from mlpredict import Columns

    view = memoryview(b"\x01\x00\x00\x00\x02\x00\x00\x00").cast("i")
    result = normalize.columns_result(Columns({"a": view, "b": range(2)}))
    assert result == {"a": [1, 2], "b": [0, 1]}
    assert normalize.columns_result(((1,), [2])) == [(1,), [2]]
    other = normalize.columns_result(42)
    assert repr(other) == "42"


def test_unprintable_objects() -> None:
    class Bad:
        def __repr__(self) -> str:
            raise ValueError("no")

    assert "<unprintable" in repr(normalize.value(Bad()))


def test_stand_ins_pickle_to_the_same_class() -> None:
    thing = normalize.stand_in(object())
    copy = pickle.loads(pickle.dumps(thing, protocol=5))
    assert type(copy) is type(thing)
    assert repr(copy) == repr(thing)


def test_unnamed_rows_in_a_result_list_cross_as_plain_tuples() -> None:
    result = normalize.rows_result([Row("a", 1.0), ("b", 2.0)])
    assert isinstance(result, list)
    assert [type(row) for row in result] == [tuple, tuple]
    assert result == [("a", 1.0), ("b", 2.0)]
    bare = Row("a", 1.0)
    assert normalize.rows_result(bare) is bare  # the host reads a bare Row as one row
    named = [Row(label="a", score=1.0)]
    assert type(normalize.rows_result(named)[0]) is type(named[0])  # type: ignore[index]
