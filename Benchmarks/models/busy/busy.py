"""A pure-Python model with real work per row (about 20 µs), for the workers benchmark."""

from mlpredict import PredictFunction, Row


class BusyPredictFunction(PredictFunction):
    def predict(self, data: Row) -> list[Row]:
        text = data[0]
        total = 0
        for _ in range(20):
            for character in text:
                total += ord(character)
        return [Row(text, float(total))]
