"""Names every system can hold: what Windows, macOS and Git refuse or confuse in file and folder names."""

from __future__ import annotations

import unicodedata

# Names Windows keeps for devices, in any case and with any extension (CON, con.yaml, Com1.txt).
WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", "conin$", "conout$"}
    | {f"{port}{n}" for port in ("com", "lpt") for n in [*"123456789", "¹", "²", "³"]}
)
_WINDOWS_REFUSED = set('<>:"/\\|?*')


def unportable_name(name: str) -> str | None:
    """Why a file or folder name cannot be checked out everywhere, or None."""
    stem = name.split(".", 1)[0].rstrip(" ")
    if stem.casefold() in WINDOWS_DEVICES:
        return f"'{stem}' is a device name on Windows, where no file can be called '{name}'; choose another name"
    if name.endswith((".", " ")):
        return f"'{name}' ends with a dot or a space, which Windows drops; remove it"
    if bad := next((c for c in name if c in _WINDOWS_REFUSED or ord(c) < 32), None):
        shown = f"'{bad}'" if ord(bad) >= 32 else f"U+{ord(bad):04X}"
        return f"the name holds {shown}, which Windows does not allow in a file name; choose another name"
    if name.casefold() == ".git" or name.casefold().startswith("git~"):
        return f"'{name}' is a name Git keeps for itself; choose another name"
    return None


def folded(name: str) -> str:
    """A name as a case-insensitive, normalising file system (macOS, Windows) compares it."""
    return unicodedata.normalize("NFC", name).casefold()
