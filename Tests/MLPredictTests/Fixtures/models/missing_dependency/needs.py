import surely_not_installed_package  # noqa: F401

from mlpredict import PredictFunction


class NeedsPredictFunction(PredictFunction):
    pass
