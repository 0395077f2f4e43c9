"""Scores reviews with VADER (vaderSentiment), a batch at a time, and logs with Python's logging.

What it logs reaches the host's swift-log: the stream processor prints it on standard error
with the model's name.
"""

from __future__ import annotations

import logging

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from mlpredict import PredictContext, PredictFunction, Row

logger = logging.getLogger("review_sentiment")


class ReviewSentiment(PredictFunction):
    """``INPUT (id BIGINT, text STRING)``, ``OUTPUT (label STRING, score DOUBLE)``.

    The label is ``positive`` for a VADER compound score of at least 0.05, ``negative`` for at
    most -0.05, ``neutral`` between; the score is the compound score (-1 to 1).
    """

    analyzer: SentimentIntensityAnalyzer
    scored: int

    def open(self, context: PredictContext) -> None:
        super().open(context)
        self.analyzer = SentimentIntensityAnalyzer()
        self.scored = 0
        logger.info("VADER lexicon loaded: %d words", len(self.analyzer.lexicon))

    def predict(self, data: Row) -> list[Row]:
        return self.predict_batch([data])[0]

    def predict_batch(self, rows: list[Row]) -> list[list[Row]]:
        results = []
        for row in rows:
            compound = self.analyzer.polarity_scores(row.text)["compound"]
            if compound >= 0.05:
                label = "positive"
            elif compound <= -0.05:
                label = "negative"
            else:
                label = "neutral"
            results.append([Row(label, compound)])
        self.scored += len(rows)
        return results

    def close(self) -> None:
        logger.info("closed after scoring %d reviews", self.scored)
