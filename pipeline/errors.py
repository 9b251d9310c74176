"""Every error message in one place, with a stable code users can search for.

Follows spaCy's `errors.py`: a code, what went wrong, and what to do about it. Messages are
format strings; the caller fills in the file, line or field at fault.
"""

from __future__ import annotations


class Errors:
    E001 = (
        "Can't find a spaCy model: tried {tried}. Install the locked dependencies with "
        "`make install`, or pass --model with the name of an installed spaCy pipeline."
    )
    E002 = "Unknown component {name!r}: choose from {choices}."
    E101 = "Cannot read {path}: {reason}."
    E102 = "Not valid UTF-8 (first bad byte at offset {offset}); file looks binary or uses another encoding."
    E103 = "The article has no text (empty or whitespace only)."
    E104 = "Malformed JSON: {reason}."
    E105 = "A JSONL line must be a JSON object, got {kind}."
    E106 = "Field 'text' is {problem}."
    E107 = "Field 'id' must be a string or an integer, got {kind}."
    E108 = "The file looks binary ({reason}), not text."
    E109 = "No main text found in the HTML document."
    E110 = "Unsupported input {path}: expected .txt, .md, .html, .htm, .jsonl, a directory or '-'."
    E111 = "Input {path} does not exist."
    E112 = "Duplicate article id {id!r} (first seen at {first})."
    E113 = "Article is {size} characters, over the limit of {limit}."
    E114 = "The ray engine reads JSONL files or URLs only: no '-' (stdin) and no --resume."
    E201 = "Processing failed: {exc_type}: {exc}."
    E202 = (
        "Processing took longer than the time budget of {seconds:g} s (a text of {chars} characters); "
        "raise it with --time-budget."
    )
    E301 = "Invalid data file line in {path}: {reason}. Fix or remove the line."
    W001 = "Field 'published' is not a date: {value!r}; the document date falls back to the dateline."
    W002 = "Invalid UTF-8 replaced with U+FFFD ({count} bytes)."


class NewsfactsError(Exception):
    """An error with a stable code; `where` names the file, line or field at fault."""

    def __init__(self, code: str, where: str = "", **fields: object) -> None:
        self.code = code
        self.where = where
        self.message = getattr(Errors, code).format(**fields)
        super().__init__(f"[{code}] {self.message}" + (f" ({where})" if where else ""))

    def __reduce__(self) -> tuple:
        """Pickle by value (errors travel to and from worker processes with their articles)."""
        return (_restore, (self.code, self.where, self.message))


def _restore(code: str, where: str, message: str) -> NewsfactsError:
    error = NewsfactsError.__new__(NewsfactsError)
    error.code, error.where, error.message = code, where, message
    Exception.__init__(error, f"[{code}] {message}" + (f" ({where})" if where else ""))
    return error
