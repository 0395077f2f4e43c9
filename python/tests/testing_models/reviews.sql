-- The model of tests/test_testing.py; 'model-directory-path' is relative to this file.
CREATE MODEL reviews
INPUT (text STRING, stars INT)
OUTPUT (label STRING NOT NULL, score DOUBLE)
WITH (
    'provider' = 'generic-python',
    'model-directory-path' = 'reviews',
    'python-predict-class' = 'reviews.ReviewPredictFunction',
    'properties.scale' = '4'
);
