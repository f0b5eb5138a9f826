"""Qt-free core: the case file's models, storage and scales."""
