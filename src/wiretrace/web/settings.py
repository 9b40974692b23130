"""Settings of the story desk (``wiretrace serve``), from the environment and options."""

from __future__ import annotations

import ipaddress
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from wiretrace.errors import ConfigError

#: Default request body limit: 16 MiB (a day of wire copy posted at once fits easily).
DEFAULT_MAX_BODY = 16 * 1024 * 1024


class DeskSettings(BaseSettings):
    """Everything ``create_app`` needs. Each field can be set as ``WIRETRACE_<NAME>`` in
    the environment (``WIRETRACE_DB``, ``WIRETRACE_TOKEN``, ...) or passed as a keyword
    (``serve``'s options do that); keywords win.

    Attributes:
        db: The store (SQLite file); created if missing.
        host, port: Where ``serve`` listens. A host other than loopback needs a token.
        workers: Server processes (each serves reads; writes take one lock across them).
        token: Bearer token for writes (``POST /api/v1/articles``). Without one (and
            without ``token_file``) writes are refused.
        token_file: A file whose first line is the write token (read at start).
        read_token: When set, every read (pages and API, ``POST /compare`` included;
            not ``/api/v1/health``) needs ``Authorization: Bearer`` with it or the write
            token: for licensed wire text served off loopback.
        session_hours: How long a browser stays signed in after entering the read token
            in the login form (an HttpOnly, SameSite=Strict cookie).
        max_body_bytes: Request bodies over this many bytes get 413.
        max_compares: ``POST /api/v1/compare`` requests running at once; one more gets 429.
        read_connections: Store connections per process for reads.
        background_builds: Rebuild the stories a write changed in a background process
            (``web.builder``), their readers getting the last version built, marked
            stale (``Wiretrace-Cache: stale``), meanwhile; off: the next reader of a
            changed story derives it while it waits.
        prebuild_stories: At start, the newest stories (``-first_seen``, at most 500)
            whose pages the background builder builds if they are not cached: the
            desk's first pages open warm.
        config: A TOML/JSON file overriding ``CompareConfig`` (as ``--config`` elsewhere).
        access_log: Log one line per request.
        allowed_hosts: Host headers the desk answers (others get 400), against DNS
            rebinding: a page elsewhere that points its own name at 127.0.0.1 cannot read
            the desk through the browser. Empty (the default): the loopback names when
            listening on loopback, else any.
    """

    model_config = SettingsConfigDict(env_prefix="WIRETRACE_", extra="ignore")

    db: Path = Path("wiretrace.db")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    token: SecretStr | None = None
    token_file: Path | None = None
    read_token: SecretStr | None = None
    session_hours: float = Field(default=12.0, gt=0, le=24 * 90)
    max_body_bytes: int = Field(default=DEFAULT_MAX_BODY, ge=1024)
    max_compares: int = Field(default=2, ge=1)
    read_connections: int = Field(default=8, ge=1, le=256)
    background_builds: bool = True
    prebuild_stories: int = Field(default=100, ge=0, le=500)
    config: Path | None = None
    access_log: bool = True
    allowed_hosts: list[str] = Field(default_factory=list)

    def trusted_hosts(self) -> list[str]:
        """``allowed_hosts``, or the default for ``host`` (see the class docstring)."""
        if self.allowed_hosts:
            return list(self.allowed_hosts)
        if is_loopback(self.host):
            return ["127.0.0.1", "localhost", "::1", "[::1]", self.host]
        return ["*"]

    def write_token(self) -> str | None:
        """The write token: ``token``, else the first line of ``token_file``, else None.

        Raises:
            ConfigError: the token file cannot be read or is empty.
        """
        if self.token is not None and self.token.get_secret_value():
            return self.token.get_secret_value()
        if self.token_file is None:
            return None
        try:
            lines = self.token_file.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise ConfigError(
                f"cannot read the token file {self.token_file}: {exc.strerror}; "
                "give a readable file whose first line is the token"
            ) from exc
        value = lines[0].strip() if lines else ""
        if not value:
            raise ConfigError(
                f"the token file {self.token_file} is empty; write the token on its first line"
            )
        return value

    def read_token_value(self) -> str | None:
        """The read token, or None when reads are open."""
        if self.read_token is None or not self.read_token.get_secret_value():
            return None
        return self.read_token.get_secret_value()

    def check_bind(self) -> None:
        """Refuse to listen beyond loopback without a write token.

        Raises:
            ConfigError: ``host`` is not a loopback address or "localhost" and no token
                is set.
        """
        if is_loopback(self.host) or self.write_token() is not None:
            return
        raise ConfigError(
            f"refusing to listen on {self.host} without a token: anyone who can reach it "
            "could write to the store. Set WIRETRACE_TOKEN (or --token-file), and "
            "WIRETRACE_READ_TOKEN for licensed text, or listen on 127.0.0.1"
        )


def is_loopback(host: str) -> bool:
    """Whether ``host`` is "localhost" or a loopback address (127.0.0.0/8, ::1)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
