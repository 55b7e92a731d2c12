from django.urls import path

from . import api

urlpatterns = [
    path("posts/", api.PostList.as_view()),
    path("posts/<int:pk>/", api.PostDetail.as_view()),
    path("users/", api.user_dump),
    path("webhooks/newsletter/", api.newsletter_webhook),
]
