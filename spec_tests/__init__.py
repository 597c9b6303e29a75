"""Conformance suite for PyTorch's documented tensor behaviour.

Run it against any torch-like namespace: ``python3 -m pytest spec_tests --impl=torch``
(or ``--impl=reference``, or ``--impl=some.dotted.module``); ``python -m spec_tests``
runs it against every available implementation and writes a conformance report.
"""
