CREATE MODEL batch_rows
INPUT (text STRING)
OUTPUT (echo STRING, batch_rows DOUBLE)
WITH (
  'provider' = 'generic-python',
  'model-directory-path' = '../../MLPredictTests/Fixtures/models/batch',
  'python-predict-class' = 'batch.VectorizedPredictFunction'
);
