"""Training the tagger: data (gold, silver, paraphrases), pretraining, fine-tuning, evaluation.

Only `nianbao train` and the tests import this package; extraction never does.
"""
