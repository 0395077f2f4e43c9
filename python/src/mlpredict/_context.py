"""The context passed to ``PredictFunction.open``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ._model_config import ModelConfig, Schema


@dataclass(frozen=True)
class PredictContext:
    """Runtime information about the model, passed to ``PredictFunction.open``.

    Like PyFlink's ``FunctionContext``, it gives access to the job parameters,
    which for a model are its ``properties.*`` options (without the prefix).
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
        """Return the model property ``key``, or ``default`` if it is not set."""
        return self.properties.get(key, default)
