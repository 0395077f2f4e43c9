CREATE MODEL threshold
INPUT (score DOUBLE)
OUTPUT (label STRING, threshold DOUBLE)
WITH (
  'provider' = 'generic-python',
  'model-directory-path' = '../../MLPredictTests/Fixtures/models/prototype_swapna267',
  'python-predict-class' = 'threshold_model.ThresholdPredictFunction',
  'batch-size' = '16',
  'properties.threshold' = '0.7'
);
