"""A stand-in identity provider on loopback for the sign-in's refusal tests (ACC-11): a real
RSA key, its JWKS and discovery document, and a token endpoint that answers the ID token a
test chose (signed with that key, another key, or carrying wrong claims)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

KID = "fake-idp-key"


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FakeProvider:
    def __init__(self):
        self.key = new_key()
        self.id_token = ""
        self.token_requests: list[dict] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def sign(self, *, nonce, key=None, **claims) -> str:
        """An ID token for `claims`, signed RS256 with the provider's key (or `key`)."""
        now = int(time.time())
        payload = {
            "iss": self.issuer,
            "aud": "sesam",
            "sub": "42",
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            **claims,
        }
        return jwt.encode(payload, key or self.key, algorithm="RS256", headers={"kid": KID})

    def _documents(self):
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {
            "/.well-known/openid-configuration": {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "end_session_endpoint": f"{self.issuer}/logout",
            },
            "/jwks": {"keys": [{**jwk, "kid": KID, "alg": "RS256", "use": "sig"}]},
        }

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def _json(self, body, status=200):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                document = provider._documents().get(self.path)
                self._json(document or {}, 200 if document else 404)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = parse_qs(self.rfile.read(length).decode())
                provider.token_requests.append({k: v[0] for k, v in form.items()})
                token = {"access_token": "a", "token_type": "Bearer", "id_token": provider.id_token}
                self._json(token)

            def log_message(self, *args):
                pass

        return Handler
