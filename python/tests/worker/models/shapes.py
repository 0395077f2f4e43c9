"""Fixture model returning results that are not plainly picklable."""

import array
import collections
import enum

from mlpredict import PredictFunction, Row

Point = collections.namedtuple("Point", ["y", "x"])


class Thing:
    def __repr__(self):
        return "Thing(42)"


class Level(enum.IntEnum):
    HIGH = 3


class Shapes(PredictFunction):
    def predict(self, data):
        kind = data.text
        if kind == "generator":
            return (Row(str(i)) for i in range(3))
        if kind == "thing":
            return [Row(Thing())]
        if kind == "bare-thing":
            return Thing()
        if kind == "namedtuple":
            return [Point(y="b", x="a")]
        if kind == "binary":
            return [Row(bytearray(b"ab")), Row(memoryview(b"cd")), Row(Level.HIGH)]
        if kind == "array":
            return [Row(array.array("d", [1.0]))]
        if kind == "numpy":
            import numpy

            return [Row(numpy.float64(1.5)), Row(numpy.array([1, 2])), numpy.array(["x"])]
        if kind == "numpy-rows":
            import numpy

            return numpy.array([[1.5], [2.5]])
        return [Row(kind)]

    def predict_batch(self, rows):
        return (iter([Row(row.text * 2)]) for row in rows)

    def predict_columns(self, columns):
        import numpy

        n = columns.num_rows
        return {"text": numpy.arange(n, dtype=numpy.float64)}
