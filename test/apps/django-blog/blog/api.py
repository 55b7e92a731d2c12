"""JSON API (Django REST framework)."""
import hmac
import hashlib
import json
import logging

import jwt
import requests
from django.contrib.auth.models import User
from django.db import DatabaseError
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import generics, permissions, status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response

from .models import Author, Post
from .serializers import PostSerializer, UserAdminSerializer

logger = logging.getLogger(__name__)

NEWSLETTER_API = "https://api.newsletter-provider.example/v2"


class PostList(generics.ListCreateAPIView):
    queryset = Post.objects.filter(published=True)
    serializer_class = PostSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def perform_create(self, serializer):
        serializer.save(author=self.request.user.author)


class PostDetail(generics.RetrieveUpdateDestroyAPIView):
    queryset = Post.objects.all()
    serializer_class = PostSerializer


@api_view(["GET"])
def user_dump(request):
    users = User.objects.all()
    # todo-expect: database-record-in-response
    return Response(UserAdminSerializer(users, many=True).data)


@api_view(["GET"])
@permission_classes([permissions.IsAdminUser])
def author_contacts(request):
    # ok: database-record-in-response
    return Response(list(Author.objects.values("id", "user__username", "bio")))


@csrf_exempt
@api_view(["POST"])
def newsletter_webhook(request):
    signature = request.headers.get("X-Signature", "")
    # expect: hardcoded-secret-in-sink
    expected = hmac.new(b"newsletter-shared-secret", request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        return Response({"error": "bad signature"}, status=status.HTTP_401_UNAUTHORIZED)
    try:
        # expect: json-loads-encoding-removed
        event = json.loads(request.body, encoding="utf-8")
    except ValueError as e:
        # ok: error-details-in-response
        return Response({"error": "invalid JSON body"}, status=400)
    try:
        post = Post.objects.get(pk=event["post_id"])
    except (Post.DoesNotExist, DatabaseError) as e:
        # expect: error-details-in-response
        return Response({"error": str(e)}, status=404)
    resp = requests.post(
        f"{NEWSLETTER_API}/campaigns",
        json={"subject": post.title, "slug": post.slug},
        # expect: hardcoded-secret-in-sink
        auth=("blog", "newsletter-pass"),
        timeout=10,
    )
    return Response({"campaign": resp.json().get("id")}, status=201)


@api_view(["POST"])
def token(request):
    user = User.objects.filter(username=request.data.get("username")).first()
    # ok: plaintext-password, hardcoded-credential-comparison
    if user is None or not user.check_password(request.data.get("password")):
        return Response({"error": "invalid credentials"}, status=401)
    # expect: hardcoded-secret-in-sink
    encoded = jwt.encode({"sub": user.pk}, "blog-jwt-secret", algorithm="HS256")
    # ok: sensitive-data-in-logs
    logger.info("issued token for user %s", user.pk)
    return Response({"token": encoded})


@api_view(["GET"])
def me(request):
    # expect: unguarded-debug-endpoint
    return JsonResponse({"user": request.user.username, "config": {k: str(v) for k, v in globals().items()}})
