class NotAPredictFunction:
    def predict(self, data):
        return []


not_a_class = 42
