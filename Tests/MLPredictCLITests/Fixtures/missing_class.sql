CREATE MODEL missing_class
INPUT (text STRING)
OUTPUT (`upper` STRING)
WITH (
  'provider' = 'generic-python',
  'model-directory-path' = '../../MLPredictTests/Fixtures/models/failing_predict',
  'python-predict-class' = 'failing.NoSuchPredictFunction'
);
