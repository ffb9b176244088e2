"""Neural back-translation scoring (optional: needs the ``neural`` extra).

Importing this package is cheap; torch and transformers are imported only by the modules
that run a model.
"""
