-- A model with mixed types, run both by `mlpredict run` and on Flink (python/tests/test_flink.py).
CREATE MODEL mixed
INPUT (
    id BIGINT NOT NULL,
    amount DECIMAL(10, 2),
    seen TIMESTAMP(3),
    tags ARRAY<STRING>,
    attrs MAP<STRING, INT>,
    point ROW<x DOUBLE, y DOUBLE>,
    note STRING
)
OUTPUT (
    echo_id BIGINT NOT NULL,
    total DECIMAL(12, 3) COMMENT 'amount * 1.5',
    next_seen TIMESTAMP(3),
    `day` DATE,
    tag_count INT,
    upper_tags ARRAY<STRING>,
    attr_sum BIGINT,
    doubled MAP<STRING, INT>,
    info ROW<norm DOUBLE, quadrant STRING, ratio FLOAT>,
    note_length INT,
    flag BOOLEAN
)
WITH (
    'provider' = 'generic-python',
    'model-directory-path' = 'mixed',
    'python-predict-class' = 'mixed.MixedPredictFunction',
    'properties.factor' = '1.5'
);
