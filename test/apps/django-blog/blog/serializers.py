from django.contrib.auth.models import User
from rest_framework import serializers

from .models import Author, Post


class AuthorSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = Author
        fields = ["id", "username", "bio"]


class PostSerializer(serializers.ModelSerializer):
    author = AuthorSerializer(read_only=True)

    class Meta:
        model = Post
        fields = ["id", "title", "slug", "body", "published", "created", "author"]


class UserAdminSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = "__all__"
