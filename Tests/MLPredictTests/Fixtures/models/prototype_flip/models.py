# A model written as the FLIP-552 text's example: it subclasses PyPredictFunction,
# does not call super().open(context), and reads self.model_directory.
import os
from typing import List

from mlpredict import PyPredictFunction, Row


class KeywordSentimentPredictFunction(PyPredictFunction):
   """
   Keyword-based sentiment analysis prediction function.
   """

   def open(self, context):
       """
       Initialize the function and load the keyword lists.

       :param context: A context object that provides access to model properties and other runtime information.
       """
       with open(os.path.join(self.model_directory, 'positive.txt')) as f:
           self.positive = set(f.read().split())

   def predict(self, data: Row) -> List[Row]:
       """
       Perform sentiment prediction.

       :param data: The input data row for prediction (expects text field)
       :return: A list of rows containing the prediction results
       """
       text = data[0] if len(data) > 0 else ''
       words = text.lower().split()
       hits = sum(1 for word in words if word in self.positive)
       label = 'POSITIVE' if hits > 0 else 'NEGATIVE'
       return [Row(label, hits / max(len(words), 1))]
