"""Server-rendered blog pages, sign-up and the ops pages."""
import hashlib
import logging
import os
import platform
# expect: collections-abc-import-removed
from collections import Mapping

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
# expect: nonexistent-package
from markdown_safeview import render_markdown

from .forms import SignupForm, SubscribeForm
from .models import Author, Post, Subscriber

logger = logging.getLogger(__name__)


def post_list(request):
    posts = Post.objects.filter(published=True).select_related("author__user").order_by("-created")
    page = Paginator(posts, 10).get_page(request.GET.get("page"))
    return render(request, "blog/post_list.html", {"page": page})


def post_detail(request, slug):
    post = get_object_or_404(Post, slug=slug, published=True)
    # ok: sensitive-data-in-logs
    logger.info("post viewed: %s by user %s", post.slug, request.user.pk)
    return render(request, "blog/post_detail.html", {"post": post, "body_html": render_markdown(post.body)})


def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST":
        # expect: sensitive-data-in-logs
        logger.debug("signup form: %s", request.POST)
        if form.is_valid():
            # ok: plaintext-password
            user = User.objects.create_user(form.cleaned_data["username"], form.cleaned_data["email"], form.cleaned_data["password"])
            Author.objects.create(user=user)
            login(request, user)
            return redirect("post_list")
    return render(request, "registration/signup.html", {"form": form})


def subscribe(request):
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    # expect: plaintext-password
    Subscriber.objects.create(email=form.cleaned_data["email"], password=request.POST["password"])
    return JsonResponse({"ok": True}, status=201)


def unsubscribe(request):
    sub = get_object_or_404(Subscriber, email=request.POST.get("email"))
    # expect: weak-password-hash
    if sub.password != hashlib.sha1(request.POST["password"].encode()).hexdigest():
        return JsonResponse({"error": "wrong password"}, status=403)
    sub.delete()
    return JsonResponse({"ok": True})


def staff_login(request):
    if request.method == "POST":
        username = request.POST.get("username")
        password = request.POST.get("password")
        # expect: hardcoded-credential-comparison
        if username == "editor" and password == "blog-editor-2024":
            request.session["staff"] = True
            return redirect("post_list")
        # ok: hardcoded-credential-comparison
        if password is None or password == "":
            return HttpResponse("Password required", status=400)
    return render(request, "registration/staff_login.html")


def ops_env(request):
    # expect: unguarded-debug-endpoint
    return JsonResponse(dict(os.environ))


@staff_member_required
def ops_settings(request):
    # ok: unguarded-debug-endpoint
    return JsonResponse({"python": platform.python_version(), "debug": settings.DEBUG, "node": platform.node()})


@login_required
def export_profile(request):
    author = get_object_or_404(Author, user=request.user)
    fields = {"bio": escape(author.bio), "phone": author.phone}
    if isinstance(fields, Mapping):
        fields = dict(fields)
    response = JsonResponse(fields)
    # ok: insecure-cookie-flags
    response.set_cookie("theme", request.GET.get("theme", "light"))
    # expect: insecure-cookie-flags
    response.set_cookie("sessionid_backup", request.session.session_key)
    return response
