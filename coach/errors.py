"""The errors a user can hit. Each message says what went wrong and what to do about it.

The CLI and the page print these messages; nothing else in the package formats errors for people.
"""


class CoachError(Exception):
    """Base of every error the user is meant to read."""


class CorpusError(CoachError):
    """The corpus folder or one of its files cannot be used."""


class IndexMissingError(CoachError):
    """There is no index yet, or it is empty."""


class IndexMismatchError(CoachError):
    """The index was built with another embedding model or chunker."""


class StoreUnreachableError(CoachError):
    """The Chroma server cannot be reached."""


class ModelMissingError(CoachError):
    """A model file or folder is missing or cannot be loaded."""


class LLMUnreachableError(CoachError):
    """The OpenAI-compatible server cannot be reached or answered with an error."""


class InputError(CoachError):
    """A question or message that cannot be used as it is."""
