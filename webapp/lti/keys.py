"""The tool's own RSA keys: made once (in the database, never in a file of the project), the newest
signs, and every one is published at /lti/jwks so platforms can check what the tool signed."""
from __future__ import annotations

from jwcrypto.jwk import JWK
from pylti1p3.registration import Registration
from sqlalchemy import select

from ..db import db
from .models import LtiKey

KEY_BITS = 2048


def signing_key() -> LtiKey:
    """The newest key pair, made (and committed) the first time it is needed."""
    key = db.session.scalar(select(LtiKey).order_by(LtiKey.id.desc()).limit(1))
    return key if key is not None else new_key()


def new_key() -> LtiKey:
    """A fresh key pair that signs from now on (the older ones stay published for tokens in flight)."""
    jwk = JWK.generate(kty="RSA", size=KEY_BITS)
    key = LtiKey(kid=jwk.thumbprint(), private_pem=jwk.export_to_pem(private_key=True, password=None).decode())
    db.session.add(key)
    db.session.commit()
    return key


def public_pem(key: LtiKey) -> str:
    return JWK.from_pem(key.private_pem.encode()).export_to_pem().decode()


def jwks() -> dict:
    """Every key's public half as a JSON Web Key Set (kid: the key's thumbprint, as pylti1p3 signs)."""
    keys = db.session.scalars(select(LtiKey).order_by(LtiKey.id)).all() or [signing_key()]
    return {"keys": [Registration.get_jwk(public_pem(k)) for k in keys]}
