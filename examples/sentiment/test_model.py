"""Unit tests of the sentiment model in plain Python, without Swift.

``mlpredict.testing.load_model`` loads the model from ``model.sql`` as the
``mlpredict`` command does: the same config, the same checks of what goes in
and comes out. Run ``pytest examples/sentiment`` where ``mlpredict`` is
installed (``pip install ./python``); scripts/test runs these with the
package's own tests (``testpaths`` in python/pyproject.toml).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlpredict import Row
from mlpredict.testing import InvalidInputError, LoadedModel, load_model

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def model() -> Iterator[LoadedModel]:
    with load_model(HERE / "model.sql") as model:
        yield model


def test_clear_opinions_get_their_label(model: LoadedModel) -> None:
    [row] = model.predict({"text": "I love this product"})
    assert row.label == "positive"
    assert 0.5 < row.confidence <= 1.0
    [row] = model.predict({"text": "This is the worst purchase I have ever made"})
    assert row.label == "negative"


def test_a_plain_statement_of_fact_is_neutral(model: LoadedModel) -> None:
    assert model.predict({"text": "The package arrived on Tuesday."}) == [Row("neutral", 1.0)]


def test_a_null_text_gets_no_prediction(model: LoadedModel) -> None:
    assert model.predict({"text": None}) == []


def test_the_threshold_comes_from_the_statement(model: LoadedModel) -> None:
    assert model.config.properties["threshold"] == "0.05"
    assert model.instance.threshold == 0.05  # type: ignore[attr-defined]


def test_the_sample_input_predicts_in_one_batch(model: LoadedModel) -> None:
    lines = (HERE / "input.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [{"text": json.loads(line)["text"]} for line in lines]
    labels = [[row.label for row in rows] for rows in model.predict_batch(rows)]
    assert labels == [["positive"], ["negative"], ["neutral"], ["positive"], ["positive"], []]


def test_a_text_must_be_a_string(model: LoadedModel) -> None:
    with pytest.raises(InvalidInputError) as caught:
        model.predict({"text": 42})
    assert str(caught.value) == (
        "model 'sentiment': input column 'text' (STRING): expected str but found int 42"
    )
