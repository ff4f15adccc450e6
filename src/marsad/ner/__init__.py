"""Statistical named-entity recognition: a CRF trained by us on NewsFANE, AQMAR and the Wojood
sample (see docs/ner.md).  Use :class:`marsad.ner.tagger.Tagger`; retrain with
``python -m marsad.ner.train``."""

#: Entity types the tagger emits.
TYPES = ("PERSON", "ORG", "PLACE", "NORP", "MISC")
MODEL_NAME = "ner.crfsuite"
TRIGGERS_NAME = "ner_triggers.tsv"
NAMES_NAME = "ner_given_names.tsv"
