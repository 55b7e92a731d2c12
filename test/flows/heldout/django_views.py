"""blog/views.py"""
import logging
import os
import re
import subprocess
import urllib.request

import jsonpickle
import requests
import yaml
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import (
    FileResponse,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views import View
from django.views.decorators.http import require_POST

from .models import Article

logger = logging.getLogger(__name__)

CONVERT_FORMATS = {"pdf", "docx", "odt"}


class ArchiveFilterForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100)
    order = forms.ChoiceField(choices=[("published_at", "Newest"), ("title", "Title")])


def _articles_json(qs):
    return JsonResponse({"articles": [{"id": a.pk, "title": a.title} for a in qs]})


# ---------------------------------------------------------------------------
# Article queries
# ---------------------------------------------------------------------------


def article_search(request):
    term = request.GET.get("q", "")
    # expect: sql-injection
    articles = Article.objects.raw(f"SELECT * FROM blog_article WHERE title = '{term}'")
    return _articles_json(articles)


def article_by_author(request, author):
    # ok: sql-injection
    articles = Article.objects.raw("SELECT * FROM blog_article WHERE author = %s", [author])
    return _articles_json(articles)


def article_by_tag(request, tag):
    with connection.cursor() as cursor:
        # expect: sql-injection
        cursor.execute("SELECT id, title FROM blog_article WHERE tag = '%s'" % tag)
        rows = cursor.fetchall()
    return JsonResponse({"rows": rows})


def article_by_slug(request, slug):
    with connection.cursor() as cursor:
        # ok: sql-injection
        cursor.execute("SELECT id, title FROM blog_article WHERE slug = %s", [slug])
        rows = cursor.fetchall()
    return JsonResponse({"rows": rows})


def article_by_status(request):
    status = request.GET.get("status", "published")
    # expect: sql-injection
    qs = Article.objects.extra(where=[f"status = '{status}'"])
    return _articles_json(qs)


def article_by_status_safe(request):
    status = request.GET.get("status", "published")
    # ok: sql-injection
    qs = Article.objects.extra(where=["status = %s"], params=[status])
    return _articles_json(qs)


def trending(request):
    boost = request.GET.get("boost", "1")
    # expect: sql-injection
    qs = Article.objects.annotate(score=RawSQL(f"views * {boost}", [])).order_by("-score")[:10]
    return _articles_json(qs)


def trending_safe(request):
    boost = float(request.GET.get("boost", "1"))
    # ok: sql-injection
    qs = Article.objects.annotate(score=RawSQL("views * %s", [boost])).order_by("-score")[:10]
    return _articles_json(qs)


def archive(request):
    form = ArchiveFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest("invalid filter")
    year = form.cleaned_data["year"]
    order = form.cleaned_data["order"]
    with connection.cursor() as cursor:
        # ok: sql-injection
        cursor.execute(f"SELECT id, title FROM blog_article WHERE EXTRACT(year FROM published_at) = {year} ORDER BY {order}")
        rows = cursor.fetchall()
    return JsonResponse({"rows": rows})


def article_detail(request, pk):
    article = get_object_or_404(Article, pk=pk)
    # ok: log-injection
    logger.info("article %s viewed", article.pk)
    return render(request, "blog/detail.html", {"article": article})


def filter_titles(request):
    pattern = request.GET.get("pattern", "")
    # expect: regex-injection
    rx = re.compile(pattern, re.IGNORECASE)
    return JsonResponse({"titles": [t for t in Article.objects.values_list("title", flat=True) if rx.search(t)]})


def find_titles(request):
    word = request.GET.get("word", "")
    # ok: regex-injection
    rx = re.compile(r"\b" + re.escape(word) + r"\b", re.IGNORECASE)
    return JsonResponse({"titles": [t for t in Article.objects.values_list("title", flat=True) if rx.search(t)]})


# ---------------------------------------------------------------------------
# HTML responses
# ---------------------------------------------------------------------------


def hello(request):
    name = request.GET.get("name", "stranger")
    # expect: cross-site-scripting
    return HttpResponse(f"<h1>Hello {name}</h1>")


def hello_safe(request):
    name = request.GET.get("name", "stranger")
    # ok: cross-site-scripting
    return HttpResponse(format_html("<h1>Hello {}</h1>", name))


@login_required
def profile_preview(request):
    bio = request.POST.get("bio", "")
    # expect: cross-site-scripting
    return render(request, "blog/profile_preview.html", {"bio": mark_safe(bio)})


def comment_preview(request):
    text = request.POST.get("text", "")
    # ok: cross-site-scripting
    return render(request, "blog/comment_preview.html", {"text": mark_safe(escape(text).replace("\n", "<br>"))})


class CommentView(View):
    def get(self, request, article_id):
        article = get_object_or_404(Article, pk=article_id)
        highlight = request.GET.get("highlight", "")
        # expect: cross-site-scripting
        return HttpResponse("<h2>" + article.title + "</h2><p class='hl'>" + highlight + "</p>")

    def post(self, request, article_id):
        article = get_object_or_404(Article, pk=article_id)
        article.comments.create(author=request.user, text=request.POST.get("text", ""))
        # ok: open-redirect
        return redirect("article-detail", pk=article.pk)


# ---------------------------------------------------------------------------
# Redirects
# ---------------------------------------------------------------------------


def login_done(request):
    next_url = request.GET.get("next", "/")
    # expect: open-redirect
    return HttpResponseRedirect(next_url)


def logout_view(request):
    next_url = request.POST.get("next") or request.GET.get("next")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        next_url = "/"
    # ok: open-redirect
    return redirect(next_url)


def external_link(request):
    # expect: open-redirect
    return redirect(request.GET["url"])


# ---------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------


@login_required
def whois_view(request):
    domain = request.GET.get("domain", "")
    # expect: command-injection
    output = os.popen("whois " + domain).read()
    return JsonResponse({"output": output})


@login_required
def whois_safe(request):
    domain = request.GET.get("domain", "")
    # ok: command-injection
    output = subprocess.run(["whois", domain], capture_output=True, text=True, timeout=15).stdout
    return JsonResponse({"output": output})


@login_required
def convert_doc(request, doc_id):
    fmt = request.GET.get("format", "pdf")
    if fmt not in CONVERT_FORMATS:
        return HttpResponseBadRequest("bad format")
    # ok: command-injection
    subprocess.run(f"soffice --headless --convert-to {fmt} /srv/docs/{int(doc_id)}.odt", shell=True, check=True)
    return JsonResponse({"status": "ok"})


@login_required
def thumbnail(request):
    size = request.GET.get("size", "200x200")
    # expect: command-injection
    subprocess.call("convert /srv/media/cover.png -thumbnail " + size + " /srv/media/cover_thumb.png", shell=True)
    return JsonResponse({"status": "ok"})


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------


@login_required
def download(request):
    name = request.GET["file"]
    # expect: path-traversal
    return FileResponse(open(os.path.join(settings.MEDIA_ROOT, name), "rb"))


@login_required
def download_safe(request):
    name = os.path.basename(request.GET["file"])
    # ok: path-traversal
    return FileResponse(open(os.path.join(settings.MEDIA_ROOT, name), "rb"))


@require_POST
@login_required
def delete_export(request):
    filename = request.POST["filename"]
    # expect: path-traversal
    os.remove(os.path.join(settings.MEDIA_ROOT, "exports", filename))
    return JsonResponse({"deleted": True})


# ---------------------------------------------------------------------------
# Outbound & imports
# ---------------------------------------------------------------------------


@require_POST
@login_required
def register_webhook(request):
    url = request.POST["url"]
    # expect: server-side-request-forgery
    resp = requests.post(url, json={"event": "ping"}, timeout=5)
    return JsonResponse({"status": resp.status_code})


def fetch_feed(request):
    feed = request.GET.get("feed")
    # expect: server-side-request-forgery
    with urllib.request.urlopen(feed, timeout=5) as resp:
        data = resp.read(512 * 1024)
    return JsonResponse({"bytes": len(data)})


def weather(request, city):
    # ok: server-side-request-forgery
    resp = requests.get("https://api.weather.example.com/v1/current", params={"city": city}, timeout=5)
    return JsonResponse(resp.json())


@require_POST
@login_required
def import_settings(request):
    # expect: unsafe-deserialization
    data = yaml.load(request.body, Loader=yaml.UnsafeLoader)
    return JsonResponse({"keys": sorted(data)})


@require_POST
@login_required
def import_settings_safe(request):
    # ok: unsafe-deserialization
    data = yaml.load(request.body, Loader=yaml.SafeLoader)
    return JsonResponse({"keys": sorted(data)})


@require_POST
@login_required
def restore_draft(request):
    # expect: unsafe-deserialization
    draft = jsonpickle.decode(request.body)
    return JsonResponse({"title": getattr(draft, "title", None)})


@require_POST
def login_failed_hook(request):
    # expect: log-injection
    logger.warning("Failed login for user %s", request.POST.get("username"))
    # ok: log-injection
    logger.warning("Failed login, username length %d", len(request.POST.get("username", "")))
    return JsonResponse({"ok": True})
