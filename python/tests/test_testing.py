"""``mlpredict.testing``: models tested in plain Python as the host runs them.

The models are ``tests/testing_models`` and the examples. The wording of every
message is the host's: ``Tests/MLPredictTests/PythonTestingDifferentialTests.swift``
runs the same statements through the Swift host and compares.
"""

from __future__ import annotations

import collections
import datetime
import decimal
import json
import os
import threading
import zipfile
from pathlib import Path

import numpy as np
import pytest

from mlpredict import Row
from mlpredict.testing import (
    CloseFailedError,
    DefinitionError,
    InvalidInputError,
    InvalidOutputError,
    LoadedModel,
    LoadFailedError,
    ModelClosedError,
    OpenFailedError,
    PredictFailedError,
    load_model,
)

MODELS = Path(__file__).resolve().parent / "testing_models"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def reviews(
    python_class: str = "ReviewPredictFunction",
    *,
    output: str = "label STRING NOT NULL, score DOUBLE",
    input: str = "text STRING, stars INT",  # noqa: A002  # the SQL clause's name
    options: str = "",
) -> LoadedModel:
    """A model of ``testing_models/reviews`` declared by a statement (resolved against MODELS)."""
    statement = f"""
        CREATE MODEL reviews
        INPUT ({input})
        OUTPUT ({output})
        WITH (
            'provider' = 'generic-python',
            'model-directory-path' = 'reviews',
            'python-predict-class' = 'reviews.{python_class}',
            'properties.scale' = '4'{options}
        )
    """
    return load_model(statement, base_directory=MODELS)


def test_a_model_from_its_sql_file_predicts_rows_given_as_dicts_tuples_and_rows() -> None:
    with load_model(MODELS / "reviews.sql") as model:
        assert model.predict({"text": "great", "stars": 5}) == [Row("positive", 1.25)]
        assert model.predict(("meh", 2)) == [Row("negative", 0.5)]
        assert model.predict(Row(stars=4, text="good")) == [Row("positive", 1.0)]
        assert model.predict(["no stars", None]) == []
        [row] = model.predict({"text": "x", "stars": 3})
        assert (row.label, row["score"]) == ("positive", 0.75)
        assert type(row) is Row.type_for(["label", "score"])


def test_the_config_is_the_statements_with_the_directory_resolved_against_the_sql_file() -> None:
    with load_model(MODELS / "reviews.sql") as model:
        config = json.loads(model.config_json)
        assert config["model_directory_path"] == str(MODELS / "reviews")
        assert config["properties"] == {"scale": "4"}
        assert model.instance.model_config_json == model.config_json
        assert model.instance.model_directory == str(MODELS / "reviews")
        assert model.context.get_job_parameter("scale") == "4"
        assert model.output_schema.names == ("label", "score")
        assert model.batch_size is None


def test_a_relative_sql_path_resolves_against_its_own_directory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(MODELS.parent)
    with load_model(os.path.join("testing_models", "reviews.sql")) as model:
        assert model.config.model_directory == str(MODELS / "reviews")


def test_a_statement_resolves_against_the_working_directory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(MODELS)
    statement = (MODELS / "reviews.sql").read_text(encoding="utf-8")
    with load_model(statement) as model:
        assert model.config.model_directory == str(MODELS / "reviews")


def test_a_wrong_type_is_reported_as_the_host_reports_it() -> None:
    with reviews("WrongTypePredictFunction") as model, pytest.raises(InvalidOutputError) as caught:
        model.predict(("x", 1))
    assert str(caught.value) == (
        "model 'reviews': output column 'score' (DOUBLE) of row 0: "
        "expected float or int but found str 'high'"
    )
    assert caught.value.code == "invalidOutput"
    assert caught.value.model == "reviews"


def test_none_in_a_not_null_column_is_refused() -> None:
    found = "expected a value (the type is NOT NULL) but found None"
    with reviews("MissingLabelPredictFunction") as model:
        with pytest.raises(InvalidOutputError) as caught:
            model.predict(("x", 1))
        assert str(caught.value) == (
            f"model 'reviews': output column 'label' (STRING NOT NULL) of row 0: {found}"
        )
        with pytest.raises(InvalidOutputError) as caught:
            model.predict_batch([("a", 1), ("b", 2)])
        assert str(caught.value) == (
            "model 'reviews': output column 'label' (STRING NOT NULL) of row 0 of "
            f"predict_batch's result for input row 0: {found}"
        )


def test_a_data_frame_is_read_by_column_name() -> None:
    with reviews("FramePredictFunction") as model:
        assert model.predict(("first", 1)) == [Row("first", 1.0), Row("second", 0.5)]
        assert model.predict_batch([("a", 1), ("b", 2)]) == [
            [Row("a", 1.0), Row("second", 0.5)],
            [Row("b", 1.0), Row("second", 0.5)],
        ]


def test_a_data_frame_with_other_columns_is_refused_with_the_fix() -> None:
    with (
        reviews("FramePredictFunction", output="label STRING, confidence DOUBLE") as model,
        pytest.raises(InvalidOutputError) as caught,
    ):
        model.predict(("x", 1))
    assert str(caught.value) == (
        "model 'reviews': predict returned pandas.DataFrame with columns (score, label) but the "
        "OUTPUT columns are (label, confidence); name the DataFrame's columns as the OUTPUT "
        "columns: df.rename(columns={...}), or return df.itertuples(index=False, name=None) "
        "for rows by position"
    )


def test_an_async_model_runs_on_the_model_event_loop() -> None:
    with reviews("AsyncPredictFunction") as model:
        assert model.predict(("x", 4)) == [Row("mlpredict-asyncio", 4.0)]
        batch = model.predict_batch([("a", 1), ("b", None)])
        assert batch == [[Row("mlpredict-asyncio", 1.0)], [Row("mlpredict-asyncio", 0.0)]]


def test_a_prototype_model_reads_init_properties_and_job_parameters() -> None:
    with load_model(MODELS / "prototype.sql") as model:
        assert model.predict((0.9,)) == [Row("high", 0.7)]
        assert model.predict((0.1,)) == [Row("low", 0.7)]
        assert model.instance.init_properties == {"threshold": "0.7"}
        assert model.instance.output_fields == 2  # type: ignore[attr-defined]


def test_inputs_are_the_values_the_host_hands_python() -> None:
    columns = (
        "c CHAR(4), f FLOAT, d DECIMAL(6, 2), ltz TIMESTAMP_LTZ(3), "
        "tags MULTISET<STRING>, r ROW<a INT, b ARRAY<DOUBLE>>, raw BINARY(2)"
    )
    with reviews("EchoInputPredictFunction", input=columns, output="label STRING, x INT") as model:
        [row] = model.predict(
            (
                "ab",
                0.1,
                3,
                datetime.datetime(
                    2024, 1, 1, 2, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
                ),
                collections.Counter({"x": 2, "y": 0}),
                Row.type_for(["b", "a"])(np.array([1, 2]), 7),
                bytearray(b"z"),
            )
        )
    utc = datetime.UTC
    assert row.label == repr(
        Row.type_for(["c", "f", "d", "ltz", "tags", "r", "raw"])(
            "ab  ",
            0.10000000149011612,
            decimal.Decimal("3.00"),
            datetime.datetime(2024, 1, 1, 0, 0, tzinfo=utc),
            {"x": 2},
            Row(a=7, b=[1.0, 2.0]),
            b"z\x00",
        )
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("x",), "the input row has 1 value but INPUT has 2 columns (text STRING, stars INT)"),
        ({"text": "x"}, "the input row has no value for INPUT column 'stars' (INT); give None"),
        (
            {"text": "x", "stars": 1, "star": 2},
            "the input row has keys that are not INPUT columns: 'star'",
        ),
        (("x", 1.5), "input column 'stars' (INT): expected int but found float 1.5"),
        (("x", 2**40), "input column 'stars' (INT): 1099511627776 is out of range for INT"),
        ("x", "the input row is str 'x'; expected a dict, Row, tuple or list of the INPUT columns"),
    ],
)
def test_rows_that_do_not_fit_the_input_are_refused(row: object, message: str) -> None:
    with reviews() as model:
        with pytest.raises(InvalidInputError) as caught:
            model.predict(row)
        assert str(caught.value).startswith(f"model 'reviews': {message}")
        assert model.predict(("still working", 3)) == [Row("positive", 0.75)]


def test_a_batch_names_the_failing_input_row() -> None:
    with reviews() as model:
        with pytest.raises(
            InvalidInputError, match=r"input column 'stars' \(INT\) of input row 1:"
        ):
            model.predict_batch([("a", 1), ("b", "two")])
    with reviews("RaisingPredictFunction") as model:
        with pytest.raises(PredictFailedError) as caught:
            model.predict_batch([("a", 1), ("", 2)])
        assert str(caught.value) == (
            "model 'reviews': predict_batch raised ValueError: an empty review cannot be scored "
            "(in predict for input row 1 of the batch)"
        )
        assert isinstance(caught.value.__cause__, ValueError)


def test_columns_go_in_as_memoryviews_and_come_back_checked() -> None:
    with reviews("ColumnsPredictFunction") as model:
        output = model.predict_columns({"text": ["a", "b", None], "stars": [5, 1, 3]})
        assert dict(output) == {
            "label": ["positive", "negative", "positive"],
            "score": [1.25, 0.25, 0.75],
        }
        text, stars = model.instance.received  # type: ignore[attr-defined]
        assert text == ["a", "b", None]
        assert isinstance(stars, memoryview) and stars.readonly and stars.format == "i"
        assert stars.tolist() == [5, 1, 3]
        with pytest.raises(InvalidInputError, match=r"input column 'stars' \(INT\) has 1 values"):
            model.predict_columns({"text": ["a", "b"], "stars": [5]})


def test_columns_of_a_row_model_go_through_predict() -> None:
    with reviews() as model:
        output = model.predict_columns({"text": ["a", "b"], "stars": np.array([4, 2])})
        assert dict(output) == {"label": ["positive", "negative"], "score": [1.0, 0.5]}


def test_the_error_column_is_null_in_every_row_the_model_returns() -> None:
    with reviews(output="label STRING, score DOUBLE, `error-string` STRING") as model:
        assert "error-string" not in json.loads(model.config_json)["output_schema"]["columns"]
        [row] = model.predict(("x", 4))
        assert row.as_dict() == {"label": "positive", "score": 1.0, "error-string": None}
        assert list(model.predict_columns({"text": ["x"], "stars": [4]})["error-string"]) == [None]


def test_the_model_is_opened_once_and_closed_once(tmp_path: Path) -> None:
    log = tmp_path / "events.log"
    model = reviews(options=f", 'properties.log' = '{log}'")
    assert log.read_text() == "open\n"
    with model:
        model.predict(("x", 1))
    model.close()
    assert log.read_text() == "open\nclose\n"
    assert model.closed
    with pytest.raises(ModelClosedError, match=r"^model 'reviews' is closed$"):
        model.predict(("x", 1))
    with pytest.raises(ModelClosedError):
        model.predict_batch([("x", 1)])


def test_a_failed_open_is_followed_by_close(tmp_path: Path) -> None:
    log = tmp_path / "events.log"
    with pytest.raises(OpenFailedError) as caught:
        reviews("FailingOpenPredictFunction", options=f", 'properties.log' = '{log}'")
    assert str(caught.value) == (
        "model 'reviews': open raised FileNotFoundError: weights.bin is missing"
    )
    assert log.read_text() == "open\nclose\n"


def test_a_failing_close_is_reported_once_and_noted_on_a_failing_test(tmp_path: Path) -> None:
    model = reviews("FailingClosePredictFunction")
    with pytest.raises(CloseFailedError, match=r"close raised RuntimeError: the connection"):
        model.close()
    model.close()  # only the first call calls close()
    with pytest.raises(AssertionError) as caught:
        with reviews("FailingClosePredictFunction"):
            raise AssertionError("the test failed")
    assert caught.value.__notes__ == [
        "closing the model then failed: model 'reviews': close raised RuntimeError: the "
        "connection is already gone"
    ]


def test_calls_from_many_threads_run_one_at_a_time() -> None:
    with reviews("SlowPredictFunction") as model:
        threads = [
            threading.Thread(target=lambda: [model.predict(("x", 3)) for _ in range(20)])
            for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert type(model.instance).most_in_flight == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        (
            ", 'colour' = 'blue'",
            DefinitionError,
            "model 'reviews': unsupported option 'colour' for provider 'generic-python'; "
            "supported options: 'provider', 'task', 'model-directory-path' (or 'model'), ",
        ),
        (
            ", 'batch-size' = 'many'",
            DefinitionError,
            "model 'reviews': option 'batch-size' must be an integer from 1 to 2147483647 "
            "but is 'many'",
        ),
        (
            ", 'timeout' = '1 fortnight'",
            DefinitionError,
            "model 'reviews': option 'timeout' must be a positive duration",
        ),
    ],
)
def test_options_are_checked_as_the_host_checks_them(
    options: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        reviews(options=options)
    assert str(caught.value).startswith(message)


def test_a_missing_directory_and_class_are_named() -> None:
    statement = (MODELS / "reviews.sql").read_text(encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_model(statement.replace("'reviews',", "'nowhere',"), base_directory=MODELS)
    assert str(caught.value) == (
        "model 'reviews': option 'model-directory-path' must name an existing directory, a .zip, "
        ".tar.gz (.tgz) or .tar archive, or a file:// or http(s):// URL, but "
        f"'nowhere' ({MODELS / 'nowhere'}) does not exist"
    )
    with pytest.raises(LoadFailedError) as loading:
        load_model(statement.replace("ReviewPredictFunction", "Missing"), base_directory=MODELS)
    assert loading.value.code == "classNotFound"
    assert "PredictFunction subclasses it defines: " in str(loading.value)


def test_a_model_package_is_refused_with_what_to_do(tmp_path: Path) -> None:
    statement = (MODELS / "reviews.sql").read_text(encoding="utf-8")
    archive = tmp_path / "reviews.zip"
    with zipfile.ZipFile(archive, "w") as package:
        package.writestr("reviews/model.py", "")
    for location in (str(archive), f"file://{archive}", "https://127.0.0.1:9/reviews.zip"):
        with pytest.raises(DefinitionError) as caught:
            load_model(statement.replace("'reviews',", f"'{location}',"), base_directory=MODELS)
        assert str(caught.value) == (
            f"model 'reviews': option 'model-directory-path' names the model package '{location}'; "
            "mlpredict.testing loads a model from its directory, so give the unpacked directory "
            "in the test"
        )
    text = tmp_path / "notes.txt"
    text.write_text("not an archive", encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_model(statement.replace("'reviews',", f"'{text}',"), base_directory=MODELS)
    assert str(caught.value).endswith(f"but '{text}' ({text}) is a file of none of these formats")
    with pytest.raises(DefinitionError) as caught:
        load_model(statement.replace("'reviews',", "'ftp://host/m.zip',"), base_directory=MODELS)
    assert "'ftp://' URLs are not supported (only file://, http:// and https://)" in str(
        caught.value
    )


def test_model_sha256_applies_only_to_a_package() -> None:
    statement = (MODELS / "reviews.sql").read_text(encoding="utf-8")
    for digest, problem in (
        ("abc", "must be a SHA-256 as 64 hexadecimal digits, but is 'abc'"),
        ("A" * 64, "applies only when 'model-directory-path' names an archive or URL, but "),
    ):
        option = f"'model-sha256' = '{digest}',\n    'python-predict-class'"
        with pytest.raises(DefinitionError) as caught:
            load_model(statement.replace("'python-predict-class'", option), base_directory=MODELS)
        assert f"option 'model-sha256' {problem}" in str(caught.value)


def test_the_sentiment_example_runs_with_its_property() -> None:
    with load_model(EXAMPLES / "sentiment" / "model.sql") as model:
        assert model.instance.threshold == 0.05  # type: ignore[attr-defined]
        [[positive], [], [negative]] = model.predict_batch(
            [("I love this product",), (None,), ("This is the worst purchase",)]
        )
        assert positive.label == "positive"
        assert negative.label == "negative"


def test_the_iris_example_gives_its_expected_output() -> None:
    directory = EXAMPLES / "iris-sklearn"
    inputs = [json.loads(line) for line in (directory / "input.jsonl").read_text().splitlines()]
    expected = {
        row["id"]: row
        for row in map(json.loads, (directory / "expected.jsonl").read_text().splitlines())
    }
    with load_model(directory / "model.sql") as model:
        assert model.output_schema.names == ("species", "probability")
        batch = model.predict_batch(
            [{name: row[name] for name in model.input_schema.names} for row in inputs]
        )
    for row, outputs in zip(inputs, batch, strict=True):
        want = expected.get(row["id"])
        if want is None:  # a NULL measurement: no prediction
            assert outputs == []
            continue
        [output] = outputs
        assert output.species == want["species"]
        assert output.probability == pytest.approx(want["probability"], abs=1e-4)
