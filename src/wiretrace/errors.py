"""The exception tree: every error wiretrace raises on purpose is a WiretraceError.

    WiretraceError
    ├── InputError                 a file or text cannot be used as an article
    │   ├── InputNotFoundError     the path does not exist or is not a file
    │   ├── EmptyInputError        nothing but whitespace (after extraction)
    │   ├── BinaryInputError       the bytes are not text
    │   ├── EncodingError          the bytes could not be decoded
    │   ├── InputTooLargeError     the file exceeds ``IngestConfig.max_bytes``
    │   └── InputFormatError       the format is broken or unknown (bad JSON, missing field)
    ├── OutputError                an output would replace an input, a store or an existing
    │                              file, or cannot be written
    ├── StoreError                 the article store cannot be opened, read or written
    ├── NotFoundError              no story or article in the store has the id asked for
    ├── ConfigError                a configuration value breaks a rule
    └── MissingDependencyError     an optional extra is needed for this feature
        └── MissingJavaError       the Spark engine needs Java 17+ and found none

Each message says what was wrong and how to fix it. Third-party errors are wrapped
with ``raise ... from exc`` so the cause stays visible.
"""

from __future__ import annotations


class WiretraceError(Exception):
    """Root of every error wiretrace raises on purpose."""


class InputError(WiretraceError):
    """An input cannot be read as an article."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class InputNotFoundError(InputError):
    """The path does not exist or is not a regular file."""


class EmptyInputError(InputError):
    """The input holds no text (only whitespace, or nothing left after extraction)."""


class BinaryInputError(InputError):
    """The input bytes are binary data, not text."""


class EncodingError(InputError):
    """The input bytes could not be decoded as text in any known encoding."""


class InputTooLargeError(InputError):
    """The input is larger than the configured limit."""


class InputFormatError(InputError):
    """The input's format is broken or not supported (bad JSON, missing field, unknown suffix)."""


class OutputError(WiretraceError):
    """An output file would replace an input, a store or an existing file (without
    ``--force``), or cannot be written."""


class StoreError(WiretraceError):
    """The article store cannot be opened, read or written (locked, corrupt, newer)."""


class NotFoundError(WiretraceError):
    """No story or article in the store has the id asked for."""


class ConfigError(WiretraceError):
    """A configuration value breaks a rule; the message names the value, the rule and the fix."""


class MissingDependencyError(WiretraceError):
    """An optional dependency is needed for the feature that was asked for."""

    def __init__(self, package: str, feature: str) -> None:
        self.package = package
        super().__init__(f"Please install `{package}` to use {feature} (`pip install {package}`).")


class MissingJavaError(MissingDependencyError):
    """The Spark engine needs a Java runtime (17 or newer) and none was found."""

    def __init__(self, found: int | None = None) -> None:
        self.package = "openjdk-17-jre-headless"
        what = f"found Java {found}" if found else "no `java` is on the PATH or under JAVA_HOME"
        WiretraceError.__init__(
            self,
            f"The Spark engine needs Java 17 or newer and {what}; install it, on Debian "
            "or Ubuntu with `apt-get install openjdk-17-jre-headless`.",
        )
