"""Encryption at rest for confidential text.

Values are Fernet tokens (AES-128-CBC + HMAC) under a MultiFernet built from ENCRYPTION_KEYS,
newest key first, so old values stay readable while `rotate_keys` re-encrypts them.
"""

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

PREFIX = "enc1:"


@cache
def _fernet() -> MultiFernet:
    keys = list(settings.ENCRYPTION_KEYS)
    if not keys:
        # Development only: a key derived from SECRET_KEY (production requires ENCRYPTION_KEYS).
        digest = hashlib.sha256(("entrepairs-encryption:" + settings.SECRET_KEY).encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode()]
    return MultiFernet([Fernet(key.encode()) for key in keys])


def reset_key_cache() -> None:
    _fernet.cache_clear()


def encrypt(plaintext: str) -> str:
    return PREFIX + _fernet().encrypt(plaintext.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise ValueError("value is not an Entrepairs ciphertext")
    try:
        return _fernet().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as exc:
        raise ValueError(
            "cannot decrypt: no configured key matches (check ENCRYPTION_KEYS)"
        ) from exc


def rotate(stored: str) -> str:
    return PREFIX + _fernet().rotate(stored[len(PREFIX) :].encode()).decode()


class EncryptedTextField(models.TextField):
    """A TextField whose value is encrypted in the database; Python code sees plaintext.

    Encrypted values cannot be searched or ordered by the database: by design.
    """

    def from_db_value(self, value, expression, connection):  # type: ignore[no-untyped-def]
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):  # type: ignore[no-untyped-def]
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    from django.apps import apps

    found = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            found.append((model, names))
    return found
