CREATE MODEL logged
INPUT (text STRING)
OUTPUT (length INT)
WITH (
  'provider' = 'generic-python',
  'model-directory-path' = 'models/logging',
  'python-predict-class' = 'logging_model.LoggingPredictFunction'
);
