"""The context passed to ``PredictFunction.open``."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ._model_config import ModelConfig, Schema


@dataclass(frozen=True)
class PredictContext:
    """Runtime information about the model, passed to ``PredictFunction.open``.

    Like PyFlink's ``FunctionContext``, it gives access to the job parameters:
    a model's ``properties.*`` options (without the prefix), and the four keys
    that FLIP-552's prototype (``swapna267/flink``) sets, so models written for
    it run unchanged (see :meth:`get_job_parameter`).
    """

    model_name: str
    model_directory: str
    properties: Mapping[str, str]
    """Read-only ``properties.*`` options of the model, without the prefix."""
    input_schema: Schema
    output_schema: Schema

    def __post_init__(self) -> None:
        """Freeze ``properties`` into a read-only copy."""
        object.__setattr__(self, "properties", MappingProxyType(dict(self.properties)))

    @classmethod
    def from_config(cls, config: ModelConfig) -> PredictContext:
        """Create the context of the model described by ``config``."""
        return cls(
            model_name=config.model_name,
            model_directory=config.model_directory,
            properties=config.properties,
            input_schema=config.input_schema,
            output_schema=config.output_schema,
        )

    def get_job_parameter(self, key: str, default: str | None = None) -> str | None:
        """Return the job parameter ``key``, or ``default`` if it is not set.

        The job parameters are the model's properties plus the keys that
        FLIP-552's prototype sets, always set here:

        - ``model_directory_path``: the absolute model directory;
        - ``init_properties``: the properties as a JSON object of strings;
        - ``input_schema``, ``output_schema``: the schema as the prototype's JSON,
          ``{"field_count": n, "field_0": {"name": "text", "type": "STRING"}, ...}``,
          where ``type`` is the column's Flink SQL type, ``NOT NULL`` included
          (as Flink's ``LogicalType.toString()`` writes it).

        These four reserved keys take precedence over properties of the same
        name (``'properties.input_schema'``), so that the prototype's
        ``PredictFunction.open`` and models written for it read what they
        expect; such a property stays readable as ``properties[key]``.
        """
        reserved = _RESERVED_JOB_PARAMETERS.get(key)
        if reserved is not None:
            return reserved(self)
        return self.properties.get(key, default)


def prototype_schema_json(schema: Schema) -> str:
    """``schema`` as the JSON of FLIP-552's prototype: ``field_count`` and ``field_<i>``."""
    document: dict[str, object] = {"field_count": len(schema)}
    for index, column in enumerate(schema):
        document[f"field_{index}"] = {"name": column.name, "type": str(column.type)}
    return json.dumps(document, ensure_ascii=False)


_RESERVED_JOB_PARAMETERS: dict[str, Callable[[PredictContext], str]] = {
    "model_directory_path": lambda context: context.model_directory,
    "init_properties": lambda context: json.dumps(dict(context.properties), ensure_ascii=False),
    "input_schema": lambda context: prototype_schema_json(context.input_schema),
    "output_schema": lambda context: prototype_schema_json(context.output_schema),
}
"""The job parameters FLIP-552's prototype sets, by key: each computed from the context."""
