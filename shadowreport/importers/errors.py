"""The one error importers raise: a sentence that says what is wrong with the file and where."""


class DraftImportError(ValueError):
    """A file that cannot be read as a draft."""
