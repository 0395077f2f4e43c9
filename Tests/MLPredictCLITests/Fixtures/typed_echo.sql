CREATE MODEL typed_echo
INPUT (id INT NOT NULL, price DECIMAL(10, 2), ok BOOLEAN, tags ARRAY<STRING>, born DATE, note STRING)
OUTPUT (id_out INT, price_out DECIMAL(10, 2), ok_out BOOLEAN, tags_out ARRAY<STRING>, born_out DATE, note_out STRING)
WITH (
  'provider' = 'generic-python',
  'model-directory-path' = '../../MLPredictTests/Fixtures/models/echo',
  'python-predict-class' = 'echo.EchoPredictFunction'
);
