"""Reports what set_model_config and open gave it, one row per fact."""

from mlpredict import PredictContext, PredictFunction, Row


class ProbePredictFunction(PredictFunction):
    def open(self, context: PredictContext) -> None:
        super().open(context)
        self.facts = [
            ("model_name", self.model_name),
            ("model_directory", self.model_directory),
            ("properties", repr(sorted(self.properties.items()))),
            ("input", repr([(c.name, str(c.type), c.nullable) for c in self.input_schema])),
            (
                "output",
                repr([(c.name, str(c.type), c.nullable, c.comment) for c in self.output_schema]),
            ),
            ("context_name", context.model_name),
            ("job_parameter", str(context.get_job_parameter("model_version"))),
            ("input_row_fields", ""),
        ]

    def predict(self, data: Row) -> list[Row]:
        facts = list(self.facts)
        fields = (type(data).__name__, data._fields, data["key"], data.key)
        facts[-1] = ("input_row_fields", repr(fields))
        return [Row(name, value) for name, value in facts]
