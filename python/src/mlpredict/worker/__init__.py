"""The worker process of MLPredict's process execution mode: ``python -m mlpredict.worker``.

A worker loads one model and answers the host's requests, framed as
``docs/row-framing.md`` describes, on file descriptors 3 (requests) and 4
(responses). Importing this package has no side effects: the host imports
:mod:`mlpredict.worker.stand_in` to unpickle a worker's results.
"""
