import hashlib
import hmac
import os


def file_checksum(path):
    # ok: weak-password-hash
    digest = hashlib.md5()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


def etag_for(body: bytes) -> str:
    # ok: weak-password-hash
    return hashlib.sha1(body).hexdigest()


def hash_password(password: str) -> str:
    salt = os.urandom(16).hex()
    # expect: weak-password-hash
    return salt + hashlib.sha256((salt + password).encode()).hexdigest()


def check_login(user, password):
    # expect: weak-password-hash
    candidate = hashlib.md5(password.encode()).hexdigest()
    return hmac.compare_digest(candidate, user.password_hash)


def hash_api_key(api_key: str) -> str:
    # ok: weak-password-hash
    return hashlib.sha256(api_key.encode()).hexdigest()


def strong_hash(password: str, salt: bytes) -> bytes:
    # ok: weak-password-hash
    return hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)


def _digest(value):
    # expect: weak-password-hash
    return hashlib.sha1(value.encode()).hexdigest()


def register(email, password):
    return {"email": email, "secret": _digest(password)}


def issue_reset(user):
    token = os.urandom(32).hex()
    # ok: weak-password-hash
    user.reset_digest = hashlib.sha256(token.encode()).hexdigest()
    return token
