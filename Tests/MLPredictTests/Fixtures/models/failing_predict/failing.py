"""predict() raises for one kind of input and works for the rest."""

from mlpredict import PredictFunction, Row


class ModelInputError(ValueError):
    """The input is not something the model can score."""


def check(text: str) -> None:
    if text == "boom":
        raise ModelInputError(f"cannot score {text!r}")


class FailingPredictFunction(PredictFunction):
    def predict(self, data: Row) -> list[Row]:
        check(data["text"])
        return [Row(data["text"].upper())]
