CREATE MODEL sentiment
INPUT (text STRING)
OUTPUT (label STRING, score DOUBLE)
WITH (
  'provider' = 'generic-python',
  'model-directory-path' = '../../MLPredictTests/Fixtures/models/prototype_flip',
  'python-predict-class' = 'models.KeywordSentimentPredictFunction'
);
