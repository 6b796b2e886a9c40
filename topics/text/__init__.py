"""Text: wording rules shared by labels, themes and lookup (stop words, contractions,
spelling variants, aliases mined from the corpus).

Pure functions over strings; may import ``topics.errors`` only.
"""
