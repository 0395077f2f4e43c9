"""The composite SQL data types: ``ARRAY``, ``MAP``, ``MULTISET`` and ``ROW``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ._row import Row
from ._types import DataType, _check_type


@dataclass(frozen=True, repr=False)
class ArrayType(DataType):
    """``ARRAY<element_type>``: a Python ``list``."""

    python_type = list

    element_type: DataType

    def __post_init__(self) -> None:
        """Check the element type."""
        _check_type("element_type", self.element_type)

    def _sql(self) -> str:
        return f"ARRAY<{self.element_type}>"


@dataclass(frozen=True, repr=False)
class MapType(DataType):
    """``MAP<key_type, value_type>``: a Python ``dict``."""

    python_type = dict

    key_type: DataType
    value_type: DataType

    def __post_init__(self) -> None:
        """Check the key and value types."""
        _check_type("key_type", self.key_type)
        _check_type("value_type", self.value_type)

    def _sql(self) -> str:
        return f"MAP<{self.key_type}, {self.value_type}>"


@dataclass(frozen=True, repr=False)
class MultisetType(DataType):
    """``MULTISET<element_type>``: a Python ``dict`` from each element to its count."""

    python_type = dict

    element_type: DataType

    def __post_init__(self) -> None:
        """Check the element type."""
        _check_type("element_type", self.element_type)

    def _sql(self) -> str:
        return f"MULTISET<{self.element_type}>"


@dataclass(frozen=True)
class RowField:
    """A field of a :class:`RowType`: a name, a type and an optional description."""

    name: str
    data_type: DataType
    description: str | None = None

    def __post_init__(self) -> None:
        """Check the name, the type and the description."""
        if not isinstance(self.name, str):
            raise TypeError(f"a field name must be a str, got {self.name!r}")
        if not self.name.strip():
            raise ValueError(
                f"a field name must have a non-whitespace character, got {self.name!r}"
            )
        _check_type("data_type", self.data_type)
        if self.description is not None and not isinstance(self.description, str):
            raise TypeError(f"description must be a str or None, got {self.description!r}")

    def __str__(self) -> str:
        """Return the back-quoted name, the type and the single-quoted description."""
        name = self.name.replace("`", "``")
        if self.description is None:
            return f"`{name}` {self.data_type}"
        description = self.description.replace("'", "''")
        return f"`{name}` {self.data_type} '{description}'"


@dataclass(frozen=True, repr=False)
class RowType(DataType):
    """``ROW<`name` TYPE, ...>``: an ``mlpredict.Row`` with the field names.

    Holds at least one field; names are unique. ``row_type["name"]`` and
    ``row_type[0]`` return a :class:`RowField`.
    """

    python_type = Row

    fields: Sequence[RowField]
    """The fields in order (stored as a tuple)."""

    def __post_init__(self) -> None:
        """Freeze the fields into a tuple and check them."""
        fields = tuple(self.fields)
        object.__setattr__(self, "fields", fields)
        if not fields:
            raise ValueError("a ROW type must have at least one field")
        names: set[str] = set()
        for row_field in fields:
            if not isinstance(row_field, RowField):
                raise TypeError(f"fields must be RowField objects, got {row_field!r}")
            if row_field.name in names:
                raise ValueError(f"field names must be unique, got {row_field.name!r} twice")
            names.add(row_field.name)

    def field_names(self) -> list[str]:
        """Return the field names, in order."""
        return [row_field.name for row_field in self.fields]

    def field_types(self) -> list[DataType]:
        """Return the field types, in order."""
        return [row_field.data_type for row_field in self.fields]

    def __getitem__(self, key: int | str) -> RowField:
        """Return the field at an index or with a name (``KeyError`` if unknown)."""
        if isinstance(key, str):
            for row_field in self.fields:
                if row_field.name == key:
                    return row_field
            raise KeyError(f"no field {key!r}; the fields are {', '.join(self.field_names())}")
        return self.fields[key]

    def __len__(self) -> int:
        """Return the number of fields."""
        return len(self.fields)

    def __iter__(self) -> Iterator[RowField]:
        """Iterate over the fields in order."""
        return iter(self.fields)

    def _sql(self) -> str:
        return f"ROW<{', '.join(map(str, self.fields))}>"
