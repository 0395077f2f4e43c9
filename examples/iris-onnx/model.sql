-- The iris classifier exported to ONNX and served by onnxruntime through predict_columns.
-- `python export.py` (run by scripts/setup) writes model/iris.onnx; class_index is the species'
-- position in model/classes.txt (setosa, versicolor, virginica).
CREATE MODEL iris_onnx
INPUT (sepal_length DOUBLE NOT NULL, sepal_width DOUBLE NOT NULL,
       petal_length DOUBLE NOT NULL, petal_width DOUBLE NOT NULL)
OUTPUT (class_index INT, probability DOUBLE)
WITH (
    'provider' = 'generic-python',
    'model-directory-path' = 'model',
    'python-predict-class' = 'iris_onnx.IrisOnnxPredictFunction'
);
