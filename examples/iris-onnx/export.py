"""Exports the iris classifier of ``../iris-sklearn/train.py`` to ONNX with skl2onnx.

Run by ``scripts/setup`` and by the example's test; writes ``model/iris.onnx`` (git-ignored) and
``model/classes.txt``. ``python export.py [DIRECTORY]`` (default: ``model`` next to this script).
"""

from __future__ import annotations

import os
import runpy
import sys
import tempfile
from pathlib import Path

from skl2onnx import to_onnx
from skl2onnx.common.data_types import FloatTensorType
from sklearn.datasets import load_iris

TRAIN = Path(__file__).resolve().parent.parent / "iris-sklearn" / "train.py"


def write(data: bytes, path: Path) -> None:
    """Write to a temporary file renamed into place (concurrent runs never see half)."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as file:
        file.write(data)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def main() -> None:
    """Train (deterministically, as the scikit-learn example does) and export."""
    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "model"
    pipeline = runpy.run_path(str(TRAIN))["train"]()
    # One float32 input of 4 features; probabilities as a plain (n, 3) tensor, not a ZipMap.
    onnx = to_onnx(
        pipeline,
        initial_types=[("features", FloatTensorType([None, 4]))],
        options={id(pipeline.steps[-1][1]): {"zipmap": False}},
        target_opset=17,
    )
    write(onnx.SerializeToString(), directory / "iris.onnx")
    names = "\n".join(str(name) for name in load_iris().target_names) + "\n"
    write(names.encode(), directory / "classes.txt")


if __name__ == "__main__":
    main()
