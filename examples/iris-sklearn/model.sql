-- A scikit-learn iris classifier: `python train.py` (run by scripts/setup) writes model/iris.joblib.
-- 'model-directory-path' is relative to this file's directory when run by `mlpredict run`.
CREATE MODEL iris
INPUT (sepal_length DOUBLE, sepal_width DOUBLE, petal_length DOUBLE, petal_width DOUBLE)
OUTPUT (species STRING, probability DOUBLE)
WITH (
    'provider' = 'generic-python',
    'model-directory-path' = 'model',
    'python-predict-class' = 'iris_classifier.IrisPredictFunction'
);
