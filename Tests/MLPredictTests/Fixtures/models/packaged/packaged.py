"""A model shipped as an archive: reads a file of its own directory and the 'python.archives'."""

import os

from greeting import GREETING_FILE

from mlpredict import PredictContext, PredictFunction, Row


class PackagedPredictFunction(PredictFunction):
    def open(self, context: PredictContext) -> None:
        super().open(context)
        with open(os.path.join(self.model_directory, GREETING_FILE), encoding="utf-8") as file:
            self.greeting = file.read().strip()

    def predict(self, data: Row) -> list[Row]:
        """Row(greeting, the archive's data.txt by absolute path, the same by relative path)."""
        name = data["text"]
        by_path = relative = None
        if name in self.python_archives:
            path = os.path.join(self.python_archives[name], "data.txt")
            with open(path, encoding="utf-8") as file:
                by_path = file.read().strip()
        if name and os.path.exists(os.path.join(name, "data.txt")):
            with open(os.path.join(name, "data.txt"), encoding="utf-8") as file:
                relative = file.read().strip()
        return [Row(self.greeting, by_path, relative)]
