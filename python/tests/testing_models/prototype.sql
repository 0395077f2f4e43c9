-- A model written for FLIP-552's swapna267/flink prototype: init_properties and job parameters.
CREATE MODEL threshold
INPUT (score DOUBLE)
OUTPUT (label STRING, threshold DOUBLE)
WITH (
    'provider' = 'generic-python',
    'model-directory-path' = 'prototype',
    'python-predict-class' = 'threshold_model.ThresholdPredictFunction',
    'properties.threshold' = '0.7'
);
