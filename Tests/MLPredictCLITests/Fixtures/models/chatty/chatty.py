"""Prints while it works, to show that Python's standard output never reaches the JSON Lines."""

import os

from mlpredict import PredictContext, PredictFunction, Row


class ChattyPredictFunction(PredictFunction):
    def open(self, context: PredictContext) -> None:
        print("chatty: open", flush=True)
        # Below sys.stdout, as C extensions and child processes write: still not into the results.
        os.write(1, b"chatty: raw write\n")

    def predict(self, data: Row) -> list[Row]:
        print(f"chatty: predict {data['text']}")
        # No newline: still buffered by Python when the tool exits after the last row.
        print(f"chatty: done {data['text']}", end="")
        return [Row(data["text"].upper())]
