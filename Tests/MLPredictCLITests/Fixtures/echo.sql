CREATE MODEL echo
INPUT (text STRING)
OUTPUT (text STRING)
WITH (
  'provider' = 'generic-python',
  'model-directory-path' = '../../MLPredictTests/Fixtures/models/echo',
  'python-predict-class' = 'echo.EchoPredictFunction'
);
