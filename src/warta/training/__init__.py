"""Training code for warta's statistical models (run from the repository root; needs ``../shared`` data).

* :mod:`warta.training.ner_data` – idner-news-2k + ner-ud + warta's own sentences to spaCy ``DocBin``;
* :mod:`warta.training.ner_ud` – reading and the deterministic train/dev/test split of ner-ud;
* :mod:`warta.training.place_rules` / :mod:`warta.training.group_rules` – label mapping rules;
* :mod:`warta.training.own_data` – the ``[text](LABEL)`` format of warta's own annotated sentences;
* :mod:`warta.training.train_ner` – the reproducible training command;
* :mod:`warta.training.evaluate_ner` – scores and speed for the model card.
"""
