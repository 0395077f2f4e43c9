CREATE MODEL linear
INPUT (x DOUBLE, bias DOUBLE, name STRING)
OUTPUT (score DOUBLE, label STRING, rows_in_batch BIGINT)
WITH (
  'provider' = 'generic-python',
  'model' = '../../MLPredictTests/Fixtures/models/prototype_bgeng777',
  'python-predict-function' = 'batch_model.LinearBatchPredictFunction',
  'batch-size' = '8',
  'properties.weight' = '2'
);
