CREATE MODEL shapes
INPUT (mode STRING)
OUTPUT (label STRING, score DOUBLE)
WITH (
  'provider' = 'generic-python',
  'model-directory-path' = '../../MLPredictTests/Fixtures/models/shapes',
  'python-predict-class' = 'shapes.ShapesPredictFunction'
);
