"""The plain-Python baseline for `mlpredict run`: the same model, the same input, the same output.

Reads JSON Lines, calls the model's ``predict`` on each row and writes each input object's members
followed by the OUTPUT columns (an OUTPUT name that an input field already has gets the suffix 0,
as ``mlpredict run`` names it), compact, as ``mlpredict run`` writes them, so the outputs compare
byte for byte.

Usage: python plain_run.py MODEL_DIRECTORY INPUT.jsonl OUTPUT.jsonl
"""

from __future__ import annotations

import json
import sys


def main() -> None:
    directory, source_path, sink_path = sys.argv[1:4]
    sys.path.insert(0, directory)
    from tuples import TuplePredictFunction

    model = TuplePredictFunction()
    with (
        open(source_path, encoding="utf-8") as source,
        open(sink_path, "w", encoding="utf-8") as sink,
    ):
        for line in source:
            row = json.loads(line)
            for text, score in model.predict((row["text"],)):
                out = {**row, "text0": text, "score": score}
                sink.write(json.dumps(out, separators=(",", ":"), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
