"""Indonesian help and usage messages for the ``lkjip`` command line.

typer (0.29) vendors its own copy of click in which the help texts and usage errors are fixed
English strings, not gettext. This module gives them Indonesian words in two places:

- :func:`localise_help` replaces the headings, markers and type names the help screen shows
  (``Usage``, ``Options``, ``[required]``, ``<str>``, "Show this message and exit.").
  It patches named module attributes of typer; when a typer release renames one, that word
  simply stays English (the constraints file pins the tested typer).
- :func:`usage_message` turns a usage error (typo in a command, missing option, value out of
  range) into one Indonesian line with the suggestion typer found.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["is_usage_error", "localise_help", "translate", "usage_message"]

HELP_OPTION_TEXT = "Tampilkan bantuan ini lalu keluar."

# Type names as typer shows them between angle brackets.
_TYPE_NAMES = {
    "str": "teks",
    "int": "bilangan",
    "float": "angka",
    "path": "path",
    "file": "file",
    "directory": "folder",
    "datetime": "tanggal",
    "int range": "bilangan",
    "float range": "angka",
}

# Whole-message and fragment translations, applied in order (first the longer ones).
_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"No such command '([^']*)'\.?"), r"Perintah '\1' tidak ada."),
    (re.compile(r"\s*Did you mean (.+)\?"), r" Maksud Anda \1?"),
    (re.compile(r"\(Possible options: ([^)]*)\)"), r"(Maksud Anda: \1?)"),
    (re.compile(r"No such option: (\S+)"), r"Opsi \1 tidak ada."),
    (re.compile(r"Missing option (.+?)\.?$"), r"Opsi \1 wajib diisi."),
    (re.compile(r"Missing argument (.+?)\.?$"), r"Argumen \1 wajib diisi."),
    (re.compile(r"Missing parameter (.+?)\.?$"), r"Parameter \1 wajib diisi."),
    (re.compile(r"^Missing command\.?$"), "Perintah belum disebut."),
    (re.compile(r"Option '([^']*)' requires an argument\.?"), r"Opsi '\1' memerlukan nilai."),
    (re.compile(r"Option '([^']*)' requires (\d+) arguments\.?"), r"Opsi '\1' perlu \2 nilai."),
    (re.compile(r"Option '([^']*)' does not take a value\.?"), r"Opsi '\1' tidak memakai nilai."),
    (
        re.compile(r"Got unexpected extra argument(?:\(s\)|s)? \(([^)]*)\)"),
        r"Ada argumen yang tidak dikenal: \1.",
    ),
    (re.compile(r"Invalid value for (.+?): "), r"Nilai tidak sah untuk \1: "),
    (re.compile(r"^Invalid value: "), "Nilai tidak sah: "),
    (re.compile(r"Value error, "), ""),
    (re.compile(r"'([^']*)' is not one of (.+?)\.?$"), r"'\1' bukan salah satu dari \2."),
    (re.compile(r"Input should be less than or equal to (\S+)"), r"harus paling besar \1."),
    (re.compile(r"Input should be greater than or equal to (\S+)"), r"harus paling kecil \1."),
    (re.compile(r"Input should be less than (\S+)"), r"harus lebih kecil dari \1."),
    (re.compile(r"Input should be greater than (\S+)"), r"harus lebih besar dari \1."),
    (
        re.compile(r"Input should be a valid integer(, [^.]*)?\.?"),
        "harus bilangan bulat, mis. 3.",
    ),
    (
        re.compile(r"Input should be a valid number(, [^.]*)?\.?"),
        "harus angka, mis. 80.5.",
    ),
    (
        re.compile(r"Input should be a valid boolean(, [^.]*)?\.?"),
        "harus ya/tidak (true/false).",
    ),
    (re.compile(r"(File|Path|Directory) '([^']*)' does not exist\.?"), r"'\2' tidak ditemukan."),
    (re.compile(r"(File|Path) '([^']*)' is a directory\.?"), r"'\2' adalah folder, bukan file."),
    (re.compile(r"(Directory|Path) '([^']*)' is a file\.?"), r"'\2' adalah file, bukan folder."),
    (re.compile(r"(File|Path|Directory) '([^']*)' is not readable\.?"), r"'\2' tak terbaca."),
    (
        re.compile(r"(File|Path|Directory) '([^']*)' is not writable\.?"),
        r"'\2' tidak dapat ditulisi.",
    ),
]


def translate(message: str) -> str:
    """Indonesian wording of one English usage-error message (unknown parts kept as they are)."""
    text = message.strip()
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)
    text = re.sub(r"\.\.+", ".", text)
    text = re.sub(r"\?\.", "?", text)
    return re.sub(r"\s+", " ", text).strip()


def is_usage_error(exc: BaseException) -> bool:
    """True for click/typer usage errors (typer's vendored click or a standalone click)."""
    return callable(getattr(exc, "format_message", None)) and isinstance(
        getattr(exc, "exit_code", None), int
    )


def usage_message(exc: BaseException, prog: str = "lkjip") -> str:
    """One Indonesian line for a usage error, with a pointer to the command's help."""
    text = translate(exc.format_message())  # type: ignore[attr-defined]
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", "") or prog
    if not text.endswith((".", "?", "!")):
        text += "."
    return f"{text} Lihat '{command} --help'."


def _patch_attr(obj: Any, name: str, value: Any) -> None:
    if hasattr(obj, name):
        setattr(obj, name, value)


def localise_help() -> None:
    """Give typer's help screen Indonesian headings, markers and type names (idempotent)."""
    try:
        from typer import core as tcore
        from typer import rich_utils
        from typer._click import core as ccore
        from typer._click import formatting
    except ImportError:  # another typer layout: help stays as typer writes it
        return
    if getattr(rich_utils, "_lkjip_localised", False):
        return
    words = {
        "DEPRECATED_STRING": "(usang) ",
        "DEFAULT_STRING": "[bawaan: {}]",
        "ENVVAR_STRING": "[variabel lingkungan: {}]",
        "REQUIRED_LONG_STRING": "[wajib]",
        "ARGUMENTS_PANEL_TITLE": "Argumen",
        "OPTIONS_PANEL_TITLE": "Opsi",
        "COMMANDS_PANEL_TITLE": "Perintah",
        "ERRORS_PANEL_TITLE": "Kesalahan",
        "ABORTED_TEXT": "Dibatalkan.",
        "RICH_HELP": "Lihat '{command_path} {help_option}' untuk bantuan.",
    }
    for name, value in words.items():
        _patch_attr(rich_utils, name, value)
    rich_utils._lkjip_localised = True  # type: ignore[attr-defined]

    write_usage = formatting.HelpFormatter.write_usage

    def _write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, "Penggunaan: " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = _write_usage  # type: ignore[method-assign]
    if hasattr(rich_utils, "OptionHighlighter"):
        rich_utils.OptionHighlighter.highlights = [
            h.replace("Usage: ", "Penggunaan: ") for h in rich_utils.OptionHighlighter.highlights
        ]

    usage_pieces = {"[OPTIONS]": "[OPSI]", "COMMAND [ARGS]...": "PERINTAH [ARGUMEN]..."}
    collect_usage = ccore.Command.collect_usage_pieces

    def _collect_usage_pieces(self: Any, ctx: Any) -> list[str]:
        return [usage_pieces.get(p, p) for p in collect_usage(self, ctx)]

    ccore.Command.collect_usage_pieces = _collect_usage_pieces  # type: ignore[method-assign]
    group_cls = getattr(tcore, "TyperGroup", None)
    if group_cls is not None and "collect_usage_pieces" in vars(group_cls):
        group_collect = group_cls.collect_usage_pieces

        def _group_usage_pieces(self: Any, ctx: Any) -> list[str]:
            return [usage_pieces.get(p, p) for p in group_collect(self, ctx)]

        group_cls.collect_usage_pieces = _group_usage_pieces

    get_help_option = ccore.Command.get_help_option

    def _get_help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option

    ccore.Command.get_help_option = _get_help_option  # type: ignore[method-assign]

    param_cls = getattr(tcore, "_TyperParameter", None)
    if param_cls is not None and hasattr(param_cls, "display_type"):
        display_type = param_cls.display_type

        def _display_type(self: Any, ctx: Any) -> str | None:
            if getattr(self, "is_flag", False) or getattr(self, "is_bool_flag", False):
                return None
            label = display_type(self, ctx)
            if label is None or not (label.startswith("<") and label.endswith(">")):
                return label
            inner = label[1:-1]
            if inner == "bool":
                return None
            return f"<{_TYPE_NAMES.get(inner, inner)}>"

        param_cls.display_type = _display_type
