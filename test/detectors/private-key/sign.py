import os
from cryptography.hazmat.primitives import serialization

# expect: private-key
KEY = b"""-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEAt3Qk9v0mZ7bX2Lx4Jr8sHc6Yp1Wn5Ue3Tq0Vd2Ri7Fo9Gk1Ma4Zb6N
c8Xe0Sf2Ug4Vh6Wi8Xj0Yk2Zl4Am6Bn8Co0Dp2Eq4Fr6Gs8Ht0Iu2Jv4Kw6LxMy8Nz0Oa
-----END RSA PRIVATE KEY-----"""

# ok: private-key
key_from_env = os.environ["SIGNING_KEY"].encode()

private_key = serialization.load_pem_private_key(KEY, password=None)
