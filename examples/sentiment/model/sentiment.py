"""A lexicon-based sentiment model: VADER (vaderSentiment), whose lexicon ships in the package."""

from __future__ import annotations

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from mlpredict import PredictContext, PredictFunction, Row


class SentimentPredictFunction(PredictFunction):
    """Labels a text ``positive``, ``negative`` or ``neutral``.

    VADER's compound score (-1..1) decides the label: at least ``threshold``
    (property ``threshold``, default 0.05, VADER's own convention) is positive,
    at most ``-threshold`` negative, anything between neutral. The confidence is
    the compound score's magnitude for positive and negative texts, and VADER's
    neutral proportion for neutral ones. A NULL text gets no prediction.
    """

    analyzer: SentimentIntensityAnalyzer
    threshold: float

    def open(self, context: PredictContext) -> None:
        super().open(context)
        self.threshold = float(context.get_job_parameter("threshold", "0.05") or "0.05")
        if not 0.0 <= self.threshold < 1.0:
            raise ValueError(f"property 'threshold' must be in [0, 1) but is {self.threshold}")
        self.analyzer = SentimentIntensityAnalyzer()

    def predict(self, data: Row) -> list[Row]:
        text = data["text"]
        if text is None:
            return []
        scores = self.analyzer.polarity_scores(text)
        compound = scores["compound"]
        if compound >= self.threshold:
            return [Row("positive", abs(compound))]
        if compound <= -self.threshold:
            return [Row("negative", abs(compound))]
        return [Row("neutral", scores["neu"])]
