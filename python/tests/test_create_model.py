"""Reading CREATE MODEL statements as the Swift side does (mlpredict.flink's input); no PyFlink."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlpredict import ModelConfigError, parse_type
from mlpredict._create_model import create_model_config, host_json, load_create_model

STATEMENT = """
-- a comment
CREATE TEMPORARY MODEL IF NOT EXISTS cat.db.`my model`
INPUT (`text` VARCHAR(10) NOT NULL COMMENT 'the text, it''s short', m MAP<STRING, ARRAY<INT>>)
OUTPUT (label STRING, r ROW<a DECIMAL(10, 2), `b c` TIMESTAMP(3)>)
COMMENT 'a model'
WITH (
  'provider' = 'generic-python',
  'model' = '../models/m',
  'python-predict-function' = 'm.Model',
  'batch-size' = '8',
  'properties.threshold' = '0.5'
);
"""


def test_a_statement_becomes_the_config_the_swift_side_sends() -> None:
    config = create_model_config(STATEMENT, "/base/sql")
    assert config.model_name == "my model"
    assert config.model_directory == "/base/models/m"
    assert config.python_predict_class == "m.Model"
    assert dict(config.properties) == {"threshold": "0.5"}
    assert config.input_schema["text"].type == parse_type("VARCHAR(10) NOT NULL")
    assert config.input_schema["text"].comment == "the text, it's short"
    assert config.output_schema["r"].type == parse_type("ROW<a DECIMAL(10, 2), `b c` TIMESTAMP(3)>")
    text = host_json(config)
    document = json.loads(text)
    assert text == json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert json.loads(config.to_json()) == document


def test_the_sentiment_example_resolves_against_the_sql_file() -> None:
    sql = Path(__file__).resolve().parents[2] / "examples" / "sentiment" / "model.sql"
    config = load_create_model(sql)
    assert config.model_directory == str(sql.parent / "model")
    assert config.input_schema.names == ("text",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("CREATE MODEL m INPUT (a INT) OUTPUT (b INT) WITH ('provider' = 'openai')", "provider"),
        (
            "CREATE MODEL m INPUT (a INT) OUTPUT (b INT) WITH ('provider' = 'generic-python')",
            "required",
        ),
        ("CREATE MODEL m INPUT (a INTT) OUTPUT (b INT) WITH ()", "column 'a'"),
        ("CREATE MODEL m INPUT (a INT, a INT) OUTPUT (b INT) WITH ()", "twice"),
        ("CREATE MODEL m INPUT (a INT) WITH ()", "OUTPUT"),
        (
            "CREATE MODEL m INPUT (a INT) OUTPUT (b INT) WITH ('provider' = 'generic-python', "
            "'model' = 'x', 'model-directory-path' = 'x', 'python-predict-class' = 'a.B')",
            "two spellings",
        ),
    ],
)
def test_bad_statements_are_reported(text: str, message: str) -> None:
    with pytest.raises(ModelConfigError, match=message):
        create_model_config(text)


def test_the_core_package_does_not_import_pyflink() -> None:
    code = "import sys, mlpredict, mlpredict._create_model; print('pyflink' in sys.modules)"
    source = str(Path(__file__).resolve().parents[1] / "src")
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": source},
    )
    assert result.stdout.strip() == "False"
