CREATE MODEL chatty
INPUT (text STRING)
OUTPUT (`upper` STRING)
WITH (
  'provider' = 'generic-python',
  'model-directory-path' = 'models/chatty',
  'python-predict-class' = 'chatty.ChattyPredictFunction'
);
