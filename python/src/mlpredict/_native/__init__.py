"""Native code owned by the Python package: ``row.c``, ``mlpredict.Row`` in C.

``python/build_native.py`` compiles it into the optional extension module
``mlpredict._native._row`` for the running Python; the Swift host compiles the
same file into itself and registers that module before importing ``mlpredict``.
"""
