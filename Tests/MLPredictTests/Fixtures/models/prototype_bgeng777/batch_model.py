# A model written to the bgeng777/flink prototype: a pandas BatchPredictFunction whose
# predict takes and returns a DataFrame. Only the import differs from the prototype
# (pyflink.table.ml.predict).
import pandas as pd

from mlpredict import BatchPredictFunction


class LinearBatchPredictFunction(BatchPredictFunction):

    def open(self, context):
        super().open(context)
        self.weight = float(self.init_properties.get('weight', 1.0))

    def predict(self, data: pd.DataFrame) -> pd.DataFrame:
        score = data['x'] * self.weight + data['bias']
        return pd.DataFrame({
            'score': score,
            'label': data['name'].str.upper(),
            'rows_in_batch': len(data),
        })
