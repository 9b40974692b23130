"""The story desk: an HTTP API and browser pages over a store (``wiretrace serve``)."""

from wiretrace.web.app import create_app
from wiretrace.web.settings import DeskSettings

__all__ = ["DeskSettings", "create_app"]
