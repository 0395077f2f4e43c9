# ruff: noqa: N803 - the fixture is named Row, after the class it stands for
from __future__ import annotations

import copy
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest

import mlpredict._row
from mlpredict._row import NativeRow, PythonRow
from mlpredict._row import Row as RowType

# Every test runs against both implementations (the C one when compiled: python/build_native.py).
# The fixture is named Row so the tests read as written against mlpredict.Row.


@pytest.fixture(params=["python", "c"], name="Row")
def row_class(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type[RowType]:
    if request.param == "python":
        chosen = PythonRow
    elif NativeRow is None:
        pytest.skip("mlpredict._native._row is not compiled (python python/build_native.py)")
    else:
        chosen = NativeRow
    # Pickles name mlpredict._row.Row and mlpredict._row._named_row, which follow this.
    monkeypatch.setattr(mlpredict._row, "Row", chosen)
    return chosen


def test_the_c_implementation_is_used_when_compiled() -> None:
    assert mlpredict._row.IMPLEMENTATION == ("python" if NativeRow is None else "c")
    assert mlpredict.Row is (PythonRow if NativeRow is None else NativeRow)


def test_unnamed_row_is_a_tuple(Row: type[RowType]) -> None:
    row = Row("a", 1)
    assert isinstance(row, tuple)
    assert type(row) is Row
    assert row._fields is None
    assert len(row) == 2
    assert list(row) == ["a", 1]
    label, score = row
    assert (label, score) == ("a", 1)
    assert Row() == ()


def test_equality_and_hash_are_the_tuples(Row: type[RowType]) -> None:
    assert Row("a", 1) == ("a", 1)
    assert Row(label="a", score=1) == ("a", 1)
    assert Row(label="a", score=1) == Row(x="a", y=1)
    assert hash(Row("a", 1)) == hash(("a", 1)) == hash(Row(label="a", score=1))
    assert Row("a", 1) != Row("a", 2)


def test_named_row_uses_the_cached_type(Row: type[RowType]) -> None:
    row = Row(label="a", score=1)
    assert type(row) is Row.type_for(["label", "score"])
    assert isinstance(row, Row)
    assert row._fields == ("label", "score")
    assert tuple(row) == ("a", 1)


def test_named_type_looks_like_row(Row: type[RowType]) -> None:
    row_type = Row.type_for(("label",))
    assert row_type.__name__ == "Row"
    assert row_type.__qualname__ == "Row"
    assert row_type.__module__ == "mlpredict"
    assert row_type._index == {"label": 0}
    assert issubclass(row_type, Row)


def test_rows_have_no_instance_dict(Row: type[RowType]) -> None:
    for row in (Row(1), Row(a=1)):
        assert type(row).__slots__ == ()
        assert not hasattr(row, "__dict__")
        with pytest.raises(AttributeError):
            row.extra = 1  # type: ignore[attr-defined]


def test_type_for_caches_by_names(Row: type[RowType]) -> None:
    first = Row.type_for(["x", "y"])
    assert Row.type_for(("x", "y")) is first
    assert Row.type_for(("y", "x")) is not first
    assert Row.type_for(("x",)) is not first


def test_type_for_is_consistent_across_threads(Row: type[RowType]) -> None:
    names = ("thread_a", "thread_b", "thread_c")
    results: list[type[RowType]] = []
    barrier = threading.Barrier(8)

    def work() -> None:
        barrier.wait()
        results.append(Row.type_for(names))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8
    assert all(result is Row.type_for(names) for result in results)


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (("a", "a"), "unique"),
        (("a", "b", "a", "b"), "duplicates 'a', 'b'"),
        (("a", ""), "non-empty strings"),
        (("a", 1), "non-empty strings, got 1"),
        (("a", None), "non-empty strings, got None"),
        (("a", ["b"]), "non-empty strings"),
    ],
)
def test_type_for_rejects_bad_names(
    names: tuple[Any, ...], message: str, Row: type[RowType]
) -> None:
    with pytest.raises(ValueError, match=message):
        Row.type_for(names)


def test_type_for_rejects_a_single_string(Row: type[RowType]) -> None:
    with pytest.raises(TypeError, match="not a string"):
        Row.type_for("abc")


def test_keyword_construction_rejects_empty_name(Row: type[RowType]) -> None:
    with pytest.raises(ValueError, match="non-empty"):
        Row(**{"": 1})


def test_mixing_positional_and_keyword_is_an_error(Row: type[RowType]) -> None:
    with pytest.raises(TypeError, match="not both"):
        Row("a", score=1)


def test_named_type_can_be_called_positionally(Row: type[RowType]) -> None:
    row_type = Row.type_for(["label", "score"])
    row = row_type("a", 1)
    assert type(row) is row_type
    assert row.as_dict() == {"label": "a", "score": 1}
    with pytest.raises(TypeError, match="takes 2 values, got 1"):
        row_type("a")


def test_named_type_orders_keywords_by_its_fields(Row: type[RowType]) -> None:
    row_type = Row.type_for(["label", "score"])
    row = row_type(score=1, label="a")
    assert type(row) is row_type
    assert tuple(row) == ("a", 1)
    with pytest.raises(TypeError, match="got keyword fields 'label'"):
        row_type(label="a")
    with pytest.raises(TypeError, match="got keyword fields"):
        row_type(label="a", score=1, extra=2)


def test_keyword_order_defines_the_field_order(Row: type[RowType]) -> None:
    row = Row(score=1, label="a")
    assert row._fields == ("score", "label")
    assert tuple(row) == (1, "a")


def test_indexing_by_position_and_slice(Row: type[RowType]) -> None:
    row = Row(label="a", score=1, extra=None)
    assert row[0] == "a"
    assert row[-1] is None
    assert row[1:] == (1, None)
    assert type(row[1:]) is tuple
    with pytest.raises(IndexError):
        row[3]


def test_indexing_by_name(Row: type[RowType]) -> None:
    row = Row(label="a", score=1)
    assert row["label"] == "a"
    assert row["score"] == 1


def test_indexing_by_unknown_name_lists_the_fields(Row: type[RowType]) -> None:
    with pytest.raises(KeyError, match="no field 'nope'; its fields are 'label', 'score'"):
        Row(label="a", score=1)["nope"]


def test_indexing_unnamed_row_by_name(Row: type[RowType]) -> None:
    with pytest.raises(KeyError, match="no field 'label': the row has no field names"):
        Row("a")["label"]


def test_attribute_access(Row: type[RowType]) -> None:
    row = Row(label="a", score=1)
    assert row.label == "a"
    assert row.score == 1


def test_unknown_attribute_lists_the_fields(Row: type[RowType]) -> None:
    row = Row(label="a", score=1)
    with pytest.raises(AttributeError, match="no field 'nope'; its fields are 'label', 'score'"):
        row.nope  # noqa: B018 - the attribute access is what raises
    assert not hasattr(Row("a"), "label")
    assert getattr(Row("a"), "label", "default") == "default"


def test_fields_named_like_tuple_methods_need_indexing(Row: type[RowType]) -> None:
    row = Row(count=3, index=4)
    assert callable(row.count)
    assert row["count"] == 3
    assert row["index"] == 4


def test_as_dict(Row: type[RowType]) -> None:
    assert Row(label="a", score=1).as_dict() == {"label": "a", "score": 1}
    with pytest.raises(ValueError, match="no field names"):
        Row("a", 1).as_dict()


# Rows are built inside the tests, from the implementation under test.
Build = Callable[[type[RowType]], RowType]


@pytest.mark.parametrize(
    ("build", "text"),
    [
        (lambda Row: Row("a", 1), "Row('a', 1)"),
        (lambda Row: Row(), "Row()"),
        (lambda Row: Row(None), "Row(None)"),
        (lambda Row: Row(label="a", score=1), "Row(label='a', score=1)"),
        (lambda Row: Row(outer=Row(inner=1)), "Row(outer=Row(inner=1))"),
        (lambda Row: Row(**{"my col": 1}), "Row(**{'my col': 1})"),
        (lambda Row: Row(**{"class": 1}), "Row(**{'class': 1})"),
    ],
)
def test_repr(build: Build, text: str, Row: type[RowType]) -> None:
    row = build(Row)
    assert repr(row) == text
    assert str(row) == text
    assert eval(text, {"Row": Row}) == row


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
@pytest.mark.parametrize(
    "build",
    [
        lambda Row: Row(),
        lambda Row: Row("a", 1),
        lambda Row: Row(label="a", score=1.5),
        lambda Row: Row(nested=Row(x=1), items=[1, 2]),
    ],
    ids=["empty", "unnamed", "named", "nested"],
)
def test_pickle_round_trip(build: Build, protocol: int, Row: type[RowType]) -> None:
    row = build(Row)
    restored = pickle.loads(pickle.dumps(row, protocol=protocol))
    assert restored == row
    assert type(restored) is type(row)
    assert repr(restored) == repr(row)


@pytest.mark.parametrize("named", [False, True], ids=["unnamed", "named"])
def test_pickles_are_interchangeable(named: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # A process-mode worker may use the other implementation than the host: a pickle made with
    # one loads as a row of the Row in use.
    if NativeRow is None:
        pytest.skip("mlpredict._native._row is not compiled (python python/build_native.py)")
    for source, target in ((PythonRow, NativeRow), (NativeRow, PythonRow)):
        monkeypatch.setattr(mlpredict._row, "Row", source)
        row = source(label="a", score=1) if named else source("a", 1)
        data = pickle.dumps(row)
        monkeypatch.setattr(mlpredict._row, "Row", target)
        restored = pickle.loads(data)
        assert isinstance(restored, target)
        assert restored == row
        assert repr(restored) == repr(row)
        assert type(restored) is (target.type_for(["label", "score"]) if named else target)


@pytest.mark.parametrize("named", [False, True], ids=["unnamed", "named"])
def test_copy_and_deepcopy(named: bool, Row: type[RowType]) -> None:
    row = Row(label="a", items=[1]) if named else Row("a", [1])
    shallow = copy.copy(row)
    deep = copy.deepcopy(row)
    assert type(shallow) is type(deep) is type(row)
    assert shallow == deep == row
    assert shallow[1] is row[1]
    assert deep[1] is not row[1]


def test_tuple_storage_construction(Row: type[RowType]) -> None:
    # The host creates rows without calling __new__ and fills the tuple items.
    row = tuple.__new__(Row.type_for(["label", "score"]), ["a", 1])
    assert row.label == "a"
    assert row["score"] == 1
    assert row == Row(label="a", score=1)


def test_subclasses_must_declare_empty_slots(Row: type[RowType]) -> None:
    with pytest.raises(TypeError, match="must declare __slots__"):

        class WithDict(Row):
            pass

    class Slotted(Row):
        __slots__ = ()

    assert not hasattr(Slotted(1), "__dict__")


def test_instances_are_plain_tuple_storage(Row: type[RowType]) -> None:
    # What the host's CPythonShim_IsPlainTupleSubclass checks before filling rows itself.
    for row_type in (Row, Row.type_for(["label"])):
        assert issubclass(row_type, tuple)
        assert row_type.__basicsize__ == tuple.__basicsize__
        assert row_type.__itemsize__ == tuple.__itemsize__
        assert row_type.__dictoffset__ == 0
        assert row_type.__weakrefoffset__ == 0


def test_new_called_directly(Row: type[RowType]) -> None:
    named = Row.type_for(["label", "score"])
    assert type(Row.__new__(Row, "a", 1)) is Row
    assert type(Row.__new__(named, "a", 1)) is named
    assert Row.__new__(named, score=1, label="a") == ("a", 1)
    assert type(Row.__new__(Row, label="a")) is Row.type_for(["label"])


def test_subclass_with_its_own_new_and_init(Row: type[RowType]) -> None:
    class Doubled(Row):  # type: ignore[misc]
        __slots__ = ()

        def __new__(cls, *values: int) -> Doubled:
            return super().__new__(cls, *(value * 2 for value in values))  # type: ignore[no-any-return]

    calls: list[tuple[Any, ...]] = []

    class Logged(Row):  # type: ignore[misc]
        __slots__ = ()

        def __init__(self, *values: Any) -> None:
            calls.append(values)

    assert type(Doubled(1, 2)) is Doubled
    assert Doubled(1, 2) == (2, 4)
    assert Logged("a") == ("a",)
    assert calls == [("a",)]
    # Keywords make a named Row, as for Row.
    assert type(Logged(a=1)) is Row.type_for(["a"])  # type: ignore[call-arg]


def test_construction_keeps_reference_counts(Row: type[RowType]) -> None:
    named = Row.type_for(["count_a", "count_b"])
    value = object()
    before = (sys.getrefcount(Row), sys.getrefcount(named), sys.getrefcount(value))
    for _ in range(1000):
        Row(value, value)
        named(value, value)
        named(count_b=value, count_a=value)
        Row(count_a=value, count_b=value)
        tuple.__new__(named, (value, value))
        Row(value)[0]
        named(value, value)["count_b"]
        assert named(value, value).count_a is value
    assert (sys.getrefcount(Row), sys.getrefcount(named), sys.getrefcount(value)) == before
