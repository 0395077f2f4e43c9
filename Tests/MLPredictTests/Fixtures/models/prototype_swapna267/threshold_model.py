# A model written to the swapna267/flink prototype's README (FLIP-552): it reads
# self.init_properties and the job parameter 'model_directory_path' in open().
# Only the import differs from the prototype (pyflink.table.ml.predict_function).
import os
from typing import List

from mlpredict import PredictFunction, Row


class ThresholdPredictFunction(PredictFunction):

    def __init__(self):
        super().__init__()
        self.labels = None
        self.threshold = None

    def open(self, context):
        super().open(context)
        self.threshold = float(self.init_properties.get('threshold', 0.5))
        model_dir = context.get_job_parameter('model_directory_path')
        with open(os.path.join(model_dir, 'labels.txt')) as f:
            self.labels = f.read().split()
        assert self.model_directory == model_dir

    def predict(self, data: Row) -> List[Row]:
        score = data[0]
        label = self.labels[1] if score >= self.threshold else self.labels[0]
        return [Row(label, self.threshold)]
