CREATE MODEL broken
INPUT (text STRING
OUTPUT (label STRING)
WITH (
  'provider' = 'generic-python'
);
