"""Reports how Python sees its INPUT schema: the typed columns parsed from the model config."""

from mlpredict import ArrayType, PredictFunction, Row, RowType


class SchemaProbePredictFunction(PredictFunction):
    """OUTPUT (name STRING, type STRING, detail STRING): one row per INPUT column."""

    def predict(self, data: Row) -> list[Row]:
        rows = []
        for column in self.input_schema:
            detail = repr(column.type)
            if isinstance(column.type, ArrayType):
                detail = f"element {column.type.element_type!r}"
            elif isinstance(column.type, RowType):
                detail = f"fields {column.type.field_names()}"
            rows.append(Row(column.name, str(column.type), detail))
        return rows
