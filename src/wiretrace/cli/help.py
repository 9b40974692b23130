"""Plain ``--help``: metavars such as TEXT, N, PATH or KIND beside options, and argument
names without Typer's ``<str>``, ``<int range>`` or ``<list[...]>`` type placeholders.

Typer (0.29, pinned) writes each parameter's Python type in angle brackets; a long
choice list such as ``--kind`` then fills a whole line. ``plain_help`` swaps the classes
of the built command's parameters for subclasses that name the value instead (an explicit
``metavar=`` still wins), so every command's help reads the same without a ``metavar`` on
each option.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from typer.core import TyperArgument, TyperGroup, TyperOption

#: Choice lists up to this many characters are shown as they are ("text|json|html");
#: longer ones by the option's name ("KIND").
_SHORT_CHOICES = 30


#: Options whose value is text of a given shape, by long name (without ``--``).
_NAMED = {
    "published": "TIME",
    "since": "TIME",
    "until": "TIME",
    "map": "NAME=FIELD,...",
}


def value_name(param: TyperOption) -> str:
    """The metavar of an option that has none: its choices when short (``a|b|c``), else
    its long name in capitals for a choice (``--kind KIND``), ``PATH``, ``N``
    (integers), ``NUMBER`` (floats), ``TIME`` (datetimes and the time options) or
    ``TEXT``."""
    desc = param.type_descriptor
    flag = max(param.opts, key=len).lstrip("-")
    if flag in _NAMED:
        return _NAMED[flag]
    name = flag.upper().replace("-", "_")
    if desc.is_choice:
        shown = "|".join(str(getattr(c, "value", c)) for c in desc.choices or ())
        return shown if len(shown) <= _SHORT_CHOICES and not desc.is_list else name
    annotation: Any = desc.annotation
    if desc.is_list:
        args: tuple[Any, ...] = getattr(annotation, "__args__", ())
        annotation = args[0] if len(args) == 1 else str
    if desc.is_path or annotation is Path:
        return "PATH"
    if annotation is int:
        return "N"
    if annotation is float:
        return "NUMBER"
    if annotation is datetime:
        return "TIME"
    return "TEXT"


class PlainOption(TyperOption):
    """An option whose help names its value (``--db PATH``, ``--kind KIND``)."""

    def display_type_rich(self, ctx: Any) -> str | None:
        """The metavar given, else ``value_name``."""
        if self.metavar is not None:
            return self.metavar
        return value_name(self) + ("..." if self.nargs != 1 else "")


class PlainArgument(TyperArgument):
    """An argument shown by its name in capitals (``A``, ``PATHS...``), no type."""

    def display_type_rich(self, ctx: Any) -> str | None:
        """None: the help shows the argument's name alone."""
        return None

    def _label(self) -> str:
        return self.metavar or (self.name or "value").upper()

    def _rich_display_name(self) -> str:
        return self._label() + ("..." if self.nargs != 1 else "")

    def _usage_display_name(self) -> str:
        name = self._label() if self.required else f"[{self._label()}]"
        return name + ("..." if self.nargs != 1 else "")


def plain_help(command: Any) -> None:
    """Give every parameter of ``command`` (a Typer-built Click command) and of its
    subcommands the plain help names above, in place."""
    for param in getattr(command, "params", ()):
        if type(param) is TyperOption:
            param.__class__ = PlainOption
        elif type(param) is TyperArgument:
            param.__class__ = PlainArgument
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            plain_help(sub)
