# A model written to the swapna267/flink prototype's README (FLIP-552): it reads
# self.init_properties and the job parameters 'model_directory_path' and
# 'output_schema' in open(). Only the import differs from the prototype.
import json
import os

from mlpredict import PredictFunction, Row


class ThresholdPredictFunction(PredictFunction):
    def open(self, context):
        super().open(context)
        self.threshold = float(self.init_properties.get("threshold", 0.5))
        model_dir = context.get_job_parameter("model_directory_path")
        with open(os.path.join(model_dir, "labels.txt")) as f:
            self.labels = f.read().split()
        self.output_fields = json.loads(context.get_job_parameter("output_schema"))["field_count"]

    def predict(self, data):
        label = self.labels[1] if data[0] >= self.threshold else self.labels[0]
        return [Row(label, self.threshold)]
