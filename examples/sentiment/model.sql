-- A VADER sentiment model run by the generic-python provider.
-- 'model-directory-path' is relative to this file's directory when run by `mlpredict run`.
CREATE MODEL sentiment
INPUT (text STRING)
OUTPUT (label STRING, confidence FLOAT)
WITH (
    'provider' = 'generic-python',
    'model-directory-path' = 'model',
    'python-predict-class' = 'sentiment.SentimentPredictFunction',
    'properties.threshold' = '0.05'
);
