from django.contrib.auth.models import User
from django.test import TestCase
from rest_framework.test import APIClient


class TokenTests(TestCase):
    def setUp(self):
        # ok: hardcoded-secret-in-sink, generic-secret-assignment
        self.user = User.objects.create_user("alice", "alice@example.com", "alice-test-password")
        self.client = APIClient()

    def test_token_issued(self):
        resp = self.client.post("/api/token/", {"username": "alice", "password": "alice-test-password"})
        self.assertEqual(resp.status_code, 200)

    def test_wrong_password(self):
        resp = self.client.post("/api/token/", {"username": "alice", "password": "nope"})
        self.assertEqual(resp.status_code, 401)
        # ok: hardcoded-credential-comparison
        self.assertTrue(self.user.check_password("alice-test-password"))
