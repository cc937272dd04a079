"""TLS of tailor-edge checked with `openssl s_client` (docs/edge.md "TLS"): TLS 1.2 and 1.3 are
accepted, TLS 1.0 and 1.1 refused by the server (the client is told to allow them:
@SECLEVEL=0), and TLS 1.2 offers only forward-secret AEAD suites: each suite a client may ask
for is accepted exactly when it is in the edge's list."""
import subprocess
import unittest

from edge_harness import Edge, main

ALLOWED_TLS12 = {"ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384",
                 "ECDHE-RSA-CHACHA20-POLY1305"}   # an RSA certificate: the RSA-signed ones
REFUSED_TLS12 = ["AES128-SHA", "AES256-GCM-SHA384", "ECDHE-RSA-AES128-SHA",
                 "ECDHE-RSA-AES256-SHA384", "DHE-RSA-AES128-GCM-SHA256", "DES-CBC3-SHA",
                 "ECDHE-RSA-DES-CBC3-SHA", "NULL-SHA256"]


def s_client(edge, *args):
    """(handshake completed, protocol, cipher) of one `openssl s_client -brief` connection."""
    r = subprocess.run(["openssl", "s_client", "-connect", "%s:%d" % (edge.host, edge.port),
                        "-brief", *args], stdin=subprocess.DEVNULL, capture_output=True,
                       text=True, timeout=30)
    fields = {}
    for line in r.stderr.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    done = r.returncode == 0 and "Protocol version" in fields
    return done, fields.get("Protocol version"), fields.get("Ciphersuite")


class Tls(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.edge = Edge(tls=True)

    @classmethod
    def tearDownClass(cls):
        cls.edge.close()

    def test_tls13_and_tls12_are_accepted(self):
        self.assertEqual(s_client(self.edge, "-tls1_3")[:2], (True, "TLSv1.3"))
        done, proto, cipher = s_client(self.edge, "-tls1_2")
        self.assertEqual((done, proto), (True, "TLSv1.2"))
        self.assertIn(cipher, ALLOWED_TLS12)

    def test_old_protocols_are_refused_by_the_server(self):
        for flag in ("-tls1", "-tls1_1"):
            done, proto, _ = s_client(self.edge, flag, "-cipher", "DEFAULT:@SECLEVEL=0")
            self.assertFalse(done, "%s negotiated %s" % (flag, proto))

    def test_tls12_suites_are_forward_secret_aead_only(self):
        for cipher in sorted(ALLOWED_TLS12):
            done, proto, got = s_client(self.edge, "-tls1_2", "-cipher", cipher)
            self.assertEqual((done, proto, got), (True, "TLSv1.2", cipher))
        for cipher in REFUSED_TLS12:
            done, _, got = s_client(self.edge, "-tls1_2", "-cipher", cipher + ":@SECLEVEL=0")
            self.assertFalse(done, "%s was accepted (%s)" % (cipher, got))


if __name__ == "__main__":
    main()
