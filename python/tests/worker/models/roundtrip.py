"""Fixture models of the worker tests: rows, batches and columns as the host sends them."""

import asyncio

from mlpredict import PredictFunction, Row


class Echo(PredictFunction):
    """Returns each input row, checking that it is the input Row type."""

    def predict(self, data):
        assert type(data) is Row.type_for(self.input_schema.names), type(data)
        return [data]

    def predict_columns(self, columns):
        assert list(columns) == list(self.input_schema.names)
        return {
            name: [f"{type(column).__name__}:{getattr(column, 'format', '')}", *column]
            for name, column in columns.items()
        }


class Doubler(PredictFunction):
    """Doubles a DOUBLE column handed over as ``(format, bytes)``."""

    def predict_columns(self, columns):
        x = columns["x"]
        info = f"{type(x).__name__}:{x.format}:{x.readonly}"
        return {"x": [value * 2 for value in x], "info": [info] * columns.num_rows}


class AsyncEcho(PredictFunction):
    """``async def predict``: the batch runs the rows' coroutines concurrently."""

    async def predict(self, data):
        await asyncio.sleep(0.01)
        return [Row(data.text.upper())]


class AsyncColumns(PredictFunction):
    """``async def predict_columns``."""

    async def predict_columns(self, columns):
        await asyncio.sleep(0)
        return {"text": [text.upper() for text in columns["text"]]}
