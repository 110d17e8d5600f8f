"""What the app remembers between runs, in QSettings: window layout, the last store, recent
stores. Tests pass a QSettings on a temporary file so the user's own are never touched."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "s400tracker"
APPLICATION = "s400tracker"
MAX_RECENT = 8


def user_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def file_settings(path: str | Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def recent_stores(settings: QSettings) -> list[str]:
    value = settings.value("stores/recent", [])
    if isinstance(value, str):   # QSettings returns a lone string for a one-item list
        value = [value]
    return [str(v) for v in value or []]


def remember_store(settings: QSettings, path: str) -> None:
    if path == ":memory:":
        return
    path = str(Path(path).resolve())
    recent = [path] + [p for p in recent_stores(settings) if p != path]
    settings.setValue("stores/recent", recent[:MAX_RECENT])
    settings.setValue("stores/last", path)


def last_store(settings: QSettings) -> str | None:
    value = settings.value("stores/last")
    return str(value) if value else None


def save_bytes(settings: QSettings, key: str, data: QByteArray) -> None:
    settings.setValue(key, data)


def load_bytes(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    return value if isinstance(value, QByteArray) else None
