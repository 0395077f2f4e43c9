"""The benchmark's tuple model: the reference model's work with plain tuples out.

It returns its text with the text's length as score, as the reference model does, but builds a
plain ``tuple`` instead of an ``mlpredict.Row``, so the C floor over tuples does the same Python
work. ``run_loop`` is that work driven from a pure-Python loop in the embedded interpreter.
"""

from collections.abc import Callable

from mlpredict import PredictFunction, Row


class TuplePredictFunction(PredictFunction):
    def predict(self, data: Row) -> list[tuple[str, float]]:
        text = data[0]
        return [(text, float(len(text)))]


def run_loop(
    predict: Callable[[tuple[str]], list[tuple[str, float]]], texts: str, length: int
) -> tuple[int, int, int, float]:
    """Predicts every ``length``-character text of ``texts`` one at a time, as the C floor does: a
    new ``str`` (a slice) and a 1-tuple per row, ``predict``, then each output row's text and score
    read back (the texts are ASCII: characters are bytes).

    Returns (output rows, text bytes, sum of the texts' last bytes, score sum).
    """
    rows = text_bytes = last_bytes = 0
    scores = 0.0
    for start in range(0, len(texts), length):
        for text, score in predict((texts[start : start + length],)):
            rows += 1
            text_bytes += len(text)
            last_bytes += ord(text[-1])
            scores += score
    return rows, text_bytes, last_bytes, scores
