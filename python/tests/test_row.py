from __future__ import annotations

import copy
import pickle
import threading
from typing import Any

import pytest

from mlpredict import Row


def test_unnamed_row_is_a_tuple() -> None:
    row = Row("a", 1)
    assert isinstance(row, tuple)
    assert type(row) is Row
    assert row._fields is None
    assert len(row) == 2
    assert list(row) == ["a", 1]
    label, score = row
    assert (label, score) == ("a", 1)
    assert Row() == ()


def test_equality_and_hash_are_the_tuples() -> None:
    assert Row("a", 1) == ("a", 1)
    assert Row(label="a", score=1) == ("a", 1)
    assert Row(label="a", score=1) == Row(x="a", y=1)
    assert hash(Row("a", 1)) == hash(("a", 1)) == hash(Row(label="a", score=1))
    assert Row("a", 1) != Row("a", 2)


def test_named_row_uses_the_cached_type() -> None:
    row = Row(label="a", score=1)
    assert type(row) is Row.type_for(["label", "score"])
    assert isinstance(row, Row)
    assert row._fields == ("label", "score")
    assert tuple(row) == ("a", 1)


def test_named_type_looks_like_row() -> None:
    row_type = Row.type_for(("label",))
    assert row_type.__name__ == "Row"
    assert row_type.__qualname__ == "Row"
    assert row_type.__module__ == "mlpredict"
    assert row_type._index == {"label": 0}
    assert issubclass(row_type, Row)


def test_rows_have_no_instance_dict() -> None:
    for row in (Row(1), Row(a=1)):
        assert type(row).__slots__ == ()
        assert not hasattr(row, "__dict__")
        with pytest.raises(AttributeError):
            row.extra = 1  # type: ignore[attr-defined]


def test_type_for_caches_by_names() -> None:
    first = Row.type_for(["x", "y"])
    assert Row.type_for(("x", "y")) is first
    assert Row.type_for(("y", "x")) is not first
    assert Row.type_for(("x",)) is not first


def test_type_for_is_consistent_across_threads() -> None:
    names = ("thread_a", "thread_b", "thread_c")
    results: list[type[Row]] = []
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
def test_type_for_rejects_bad_names(names: tuple[Any, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Row.type_for(names)


def test_type_for_rejects_a_single_string() -> None:
    with pytest.raises(TypeError, match="not a string"):
        Row.type_for("abc")


def test_keyword_construction_rejects_empty_name() -> None:
    with pytest.raises(ValueError, match="non-empty"):
        Row(**{"": 1})


def test_mixing_positional_and_keyword_is_an_error() -> None:
    with pytest.raises(TypeError, match="not both"):
        Row("a", score=1)


def test_named_type_can_be_called_positionally() -> None:
    row_type = Row.type_for(["label", "score"])
    row = row_type("a", 1)
    assert type(row) is row_type
    assert row.as_dict() == {"label": "a", "score": 1}
    with pytest.raises(TypeError, match="takes 2 values, got 1"):
        row_type("a")


def test_named_type_orders_keywords_by_its_fields() -> None:
    row_type = Row.type_for(["label", "score"])
    row = row_type(score=1, label="a")
    assert type(row) is row_type
    assert tuple(row) == ("a", 1)
    with pytest.raises(TypeError, match="got keyword fields 'label'"):
        row_type(label="a")
    with pytest.raises(TypeError, match="got keyword fields"):
        row_type(label="a", score=1, extra=2)


def test_keyword_order_defines_the_field_order() -> None:
    row = Row(score=1, label="a")
    assert row._fields == ("score", "label")
    assert tuple(row) == (1, "a")


def test_indexing_by_position_and_slice() -> None:
    row = Row(label="a", score=1, extra=None)
    assert row[0] == "a"
    assert row[-1] is None
    assert row[1:] == (1, None)
    assert type(row[1:]) is tuple
    with pytest.raises(IndexError):
        row[3]


def test_indexing_by_name() -> None:
    row = Row(label="a", score=1)
    assert row["label"] == "a"
    assert row["score"] == 1


def test_indexing_by_unknown_name_lists_the_fields() -> None:
    with pytest.raises(KeyError, match="no field 'nope'; its fields are 'label', 'score'"):
        Row(label="a", score=1)["nope"]


def test_indexing_unnamed_row_by_name() -> None:
    with pytest.raises(KeyError, match="no field 'label': the row has no field names"):
        Row("a")["label"]


def test_attribute_access() -> None:
    row = Row(label="a", score=1)
    assert row.label == "a"
    assert row.score == 1


def test_unknown_attribute_lists_the_fields() -> None:
    row = Row(label="a", score=1)
    with pytest.raises(AttributeError, match="no field 'nope'; its fields are 'label', 'score'"):
        row.nope  # noqa: B018 - the attribute access is what raises
    assert not hasattr(Row("a"), "label")
    assert getattr(Row("a"), "label", "default") == "default"


def test_fields_named_like_tuple_methods_need_indexing() -> None:
    row = Row(count=3, index=4)
    assert callable(row.count)
    assert row["count"] == 3
    assert row["index"] == 4


def test_as_dict() -> None:
    assert Row(label="a", score=1).as_dict() == {"label": "a", "score": 1}
    with pytest.raises(ValueError, match="no field names"):
        Row("a", 1).as_dict()


@pytest.mark.parametrize(
    ("row", "text"),
    [
        (Row("a", 1), "Row('a', 1)"),
        (Row(), "Row()"),
        (Row(None), "Row(None)"),
        (Row(label="a", score=1), "Row(label='a', score=1)"),
        (Row(outer=Row(inner=1)), "Row(outer=Row(inner=1))"),
        (Row(**{"my col": 1}), "Row(**{'my col': 1})"),
        (Row(**{"class": 1}), "Row(**{'class': 1})"),
    ],
)
def test_repr(row: Row, text: str) -> None:
    assert repr(row) == text
    assert str(row) == text
    assert eval(text, {"Row": Row}) == row


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
@pytest.mark.parametrize(
    "row",
    [Row(), Row("a", 1), Row(label="a", score=1.5), Row(nested=Row(x=1), items=[1, 2])],
    ids=["empty", "unnamed", "named", "nested"],
)
def test_pickle_round_trip(row: Row, protocol: int) -> None:
    restored = pickle.loads(pickle.dumps(row, protocol=protocol))
    assert restored == row
    assert type(restored) is type(row)
    assert repr(restored) == repr(row)


@pytest.mark.parametrize("row", [Row("a", [1]), Row(label="a", items=[1])])
def test_copy_and_deepcopy(row: Row) -> None:
    shallow = copy.copy(row)
    deep = copy.deepcopy(row)
    assert type(shallow) is type(deep) is type(row)
    assert shallow == deep == row
    assert shallow[1] is row[1]
    assert deep[1] is not row[1]


def test_tuple_storage_construction() -> None:
    # The host creates rows without calling __new__ and fills the tuple items.
    row = tuple.__new__(Row.type_for(["label", "score"]), ["a", 1])
    assert row.label == "a"
    assert row["score"] == 1
    assert row == Row(label="a", score=1)


def test_subclasses_must_declare_empty_slots() -> None:
    with pytest.raises(TypeError, match="must declare __slots__"):

        class WithDict(Row):
            pass

    class Slotted(Row):
        __slots__ = ()

    assert not hasattr(Slotted(1), "__dict__")
