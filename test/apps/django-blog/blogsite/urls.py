from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from blog import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("blog.api_urls")),
    path("", views.post_list, name="post_list"),
    path("posts/<slug:slug>/", views.post_detail, name="post_detail"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/staff-login/", views.staff_login, name="staff_login"),
    path("ops/env/", views.ops_env, name="ops_env"),
    path("ops/settings/", views.ops_settings, name="ops_settings"),
    # ok: sensitive-folder-served
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    # expect: directory-listing-exposed
    re_path(r"^backups/(?P<path>.*)$", serve, {"document_root": settings.BACKUP_ROOT, "show_indexes": True}),
]
