-- The stream processor's model: VADER sentiment over reviews, a batch per predict_batch call.
-- 'model-directory-path' is relative to this file's directory.
CREATE MODEL reviews
INPUT (id BIGINT, text STRING)
OUTPUT (label STRING, score DOUBLE)
WITH (
    'provider' = 'generic-python',
    'model-directory-path' = 'model',
    'python-predict-class' = 'review_sentiment.ReviewSentiment'
);
