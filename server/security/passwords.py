"""Password hashing (argon2id, memory-hard) and the password rules."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 8
MAX_LENGTH = 128

#: Passwords found at the top of every breach list; refused whatever their length.
_COMMON = frozenset({
    "12345678", "123456789", "1234567890", "password", "password1", "qwertyuiop", "11111111",
    "iloveyou", "abcd1234", "qwerty123", "00000000", "87654321", "abcdefgh", "sunshine",
    "princess", "football", "baseball", "welcome1", "letmein1", "passw0rd",
})

_hasher = PasswordHasher()  # argon2id with the library's RFC 9106 low-memory profile
#: A real hash to verify against when the account does not exist, so sign-in takes as long
#: for an unknown email as for a wrong password (no account enumeration by timing).
_DUMMY_HASH = _hasher.hash("not-a-real-password-0")


def password_problems(password: str) -> list[str]:
    if len(password) < MIN_LENGTH:
        return [f"Use at least {MIN_LENGTH} characters."]
    if len(password) > MAX_LENGTH:
        return [f"Use at most {MAX_LENGTH} characters."]
    if password.lower() in _COMMON:
        return ["That password is too common; choose another."]
    return []


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
