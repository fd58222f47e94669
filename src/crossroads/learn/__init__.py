"""Learning extraction from annotated articles: data in the gold format, features, the
shipped linear models, training and document-fold cross-validation.

Reading uses only ``features`` and ``linear`` (numpy); training also needs scikit-learn.
"""
