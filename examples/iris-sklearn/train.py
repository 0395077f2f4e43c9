"""Trains the iris classifier deterministically and saves it with joblib in ``model/``.

Run by ``scripts/setup`` and by the example's test; the file it writes is git-ignored (a joblib
pickle is tied to the scikit-learn version that wrote it, so it is made where it is used).
``python train.py [DIRECTORY]`` (default: ``model`` next to this script).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import joblib
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")


def train() -> Pipeline:
    """A standardized logistic regression on the 150 iris flowers (no download: it ships
    with scikit-learn); deterministic (lbfgs, fixed ``random_state``)."""
    iris = load_iris()
    pipeline = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000, random_state=0))
    pipeline.fit(iris.data, iris.target)
    return pipeline


def save(obj: object, path: Path) -> None:
    """``joblib.dump`` to a temporary file renamed into place (concurrent runs never see half)."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    joblib.dump(obj, temporary)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def main() -> None:
    """Train and save ``iris.joblib`` with the class names."""
    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "model"
    classes = [str(name) for name in load_iris().target_names]
    save({"pipeline": train(), "classes": classes}, directory / "iris.joblib")


if __name__ == "__main__":
    main()
