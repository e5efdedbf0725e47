"""The hash of a password the office issues (a new login, a reset, the bulk sheet).

An issued password is 12 characters drawn at random from 55 (about 69 bits), so it does not
need the slow hash a chosen password needs to resist guessing; PBKDF2 at a few thousand rounds
keeps a district's bulk issue (hundreds of deputies) within one request instead of minutes.
It lives only until the first sign-in: Django re-hashes a password with the preferred hasher
when it is checked, and the user must change it then anyway
(docs/decisions/0008-issued-passwords.md).
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class IssuedPasswordHasher(PBKDF2PasswordHasher):
    """PBKDF2-SHA256 with few rounds, for random passwords issued by the office only."""

    algorithm = "pbkdf2_sha256_issued"
    iterations = 20_000
