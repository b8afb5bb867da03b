"""The provider's RS256 signing key: generated at first start into a git-ignored file."""

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def signing_key(path: Path) -> str:
    """The PEM of the key in `path`, which is created (mode 0600) when it does not exist."""
    if not path.exists():
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process was first
            pass
        else:
            with os.fdopen(fd, "wb") as file:
                file.write(pem)
    return path.read_text()
