from mlpredict import PredictFunction


class BrokenPredictFunction(PredictFunction)
    def predict(self, data):
        return []
