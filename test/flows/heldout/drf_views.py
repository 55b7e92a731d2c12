"""billing/api/views.py — Django REST Framework endpoints."""
import base64
import json
import logging
import os
import pickle
import re
import shutil
import subprocess
from urllib.parse import urlparse

import requests
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from jinja2 import Template
from lxml import etree
from pymongo import MongoClient
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from billing.models import Invoice

logger = logging.getLogger("billing.api")

TEMPLATE_DIR = os.path.join(settings.BASE_DIR, "billing", "invoice_templates")
EXPORT_DIR = os.path.join(settings.MEDIA_ROOT, "exports")
ALLOWED_TOOLS = {"pdftotext", "qpdf", "gs"}
ALLOWED_WEBHOOK_HOSTS = {"hooks.slack.com", "discord.com"}
INVOICE_EMAIL = "Dear {{ customer }},\n\nplease find your invoice attached.\n"

payments = MongoClient(os.environ.get("MONGO_URL", "mongodb://localhost:27017"))["billing"]["payments"]


class InvoiceFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["draft", "sent", "paid"])
    min_total = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)


class RenderSerializer(serializers.Serializer):
    template = serializers.RegexField(r"^[a-z_]{1,40}\.html$")


# ---------------------------------------------------------------------------
# Invoices
# ---------------------------------------------------------------------------


class InvoiceSearchView(APIView):
    def get(self, request):
        ordering = request.query_params.get("ordering", "id")
        # expect: sql-injection
        invoices = Invoice.objects.raw(f"SELECT * FROM billing_invoice ORDER BY {ordering}")
        return Response([{"id": i.id, "total": str(i.total)} for i in invoices])


class InvoiceFilterView(APIView):
    def post(self, request):
        ser = InvoiceFilterSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        st = ser.validated_data["status"]
        with connection.cursor() as cursor:
            # ok: sql-injection
            cursor.execute(f"SELECT id, total FROM billing_invoice WHERE status = '{st}'")
            rows = cursor.fetchall()
        return Response(rows)


@api_view(["GET"])
def customer_invoices(request, customer_id):
    with connection.cursor() as cursor:
        # ok: sql-injection
        cursor.execute("SELECT id, total FROM billing_invoice WHERE customer_id = %s", [customer_id])
        rows = cursor.fetchall()
    return Response(rows)


@api_view(["POST"])
def void_invoices(request):
    ids = ",".join(request.data.get("ids", []))
    with connection.cursor() as cursor:
        # expect: sql-injection
        cursor.execute("UPDATE billing_invoice SET status = 'void' WHERE id IN (" + ids + ")")
    return Response({"voided": True})


@api_view(["POST"])
def void_invoices_safe(request):
    ids = [int(i) for i in request.data.get("ids", [])]
    placeholders = ",".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        # ok: sql-injection
        cursor.execute(f"UPDATE billing_invoice SET status = 'void' WHERE id IN ({placeholders})", ids)
    return Response({"voided": len(ids)})


class InvoiceHtmlView(APIView):
    def get(self, request):
        title = request.query_params.get("title", "Invoice")
        # expect: cross-site-scripting
        return HttpResponse(f"<html><body><h1>{title}</h1></body></html>")


class InvoiceTitleView(APIView):
    def get(self, request):
        title = request.query_params.get("title", "Invoice")
        # ok: cross-site-scripting
        return Response({"title": title})


@api_view(["GET"])
def search_references(request):
    q = request.query_params.get("q", "")
    # ok: regex-injection
    rx = re.compile(re.escape(q), re.IGNORECASE)
    return Response([n for n in Invoice.objects.values_list("number", flat=True) if rx.search(n)])


@api_view(["GET"])
def match_reference(request, pk):
    invoice = Invoice.objects.get(pk=pk)
    # expect: regex-injection
    matched = re.match(request.query_params.get("pattern", ""), invoice.number) is not None
    return Response({"matched": matched})


# ---------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------


@api_view(["POST"])
def run_diagnostic(request):
    cmd = request.data.get("command")
    # expect: command-injection
    proc = subprocess.Popen(cmd, shell=True, stdout=subprocess.PIPE, text=True)
    out, _ = proc.communicate(timeout=30)
    return Response({"output": out})


@api_view(["POST"])
def tool_version(request):
    tool = request.data.get("tool")
    # expect: command-injection
    out = subprocess.check_output([tool, "--version"], text=True)
    return Response({"version": out.strip()})


@api_view(["POST"])
def tool_version_safe(request):
    tool = request.data.get("tool")
    if tool not in ALLOWED_TOOLS:
        return Response({"detail": "unknown tool"}, status=status.HTTP_400_BAD_REQUEST)
    # ok: command-injection
    out = subprocess.check_output([tool, "--version"], text=True)
    return Response({"version": out.strip()})


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------


class TemplateCopyView(APIView):
    def post(self, request):
        name = request.data["template"]
        # expect: path-traversal
        shutil.copy(os.path.join(TEMPLATE_DIR, name), os.path.join(settings.MEDIA_ROOT, "drafts"))
        return Response({"copied": True}, status=status.HTTP_201_CREATED)


class TemplateRenderView(APIView):
    def post(self, request):
        ser = RenderSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        # ok: path-traversal
        with open(os.path.join(TEMPLATE_DIR, ser.validated_data["template"]), encoding="utf-8") as fh:
            source = fh.read()
        return Response({"length": len(source)})


class ExportCleanupView(APIView):
    def delete(self, request, filename):
        # ok: path-traversal
        os.remove(os.path.join(EXPORT_DIR, os.path.basename(filename)))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ExportDownloadView(APIView):
    def get(self, request):
        path = os.path.join(EXPORT_DIR, request.query_params["file"])
        # expect: path-traversal
        with open(path, "rb") as fh:
            data = fh.read()
        return HttpResponse(data, content_type="application/octet-stream")


# ---------------------------------------------------------------------------
# Webhooks & imports
# ---------------------------------------------------------------------------


class WebhookTestView(APIView):
    def post(self, request):
        url = request.data.get("url", "")
        # expect: server-side-request-forgery
        r = requests.get(url, timeout=5)
        return Response({"status": r.status_code})


class WebhookSafeView(APIView):
    def post(self, request):
        url = request.data.get("url", "")
        parsed = urlparse(url)
        if parsed.scheme != "https" or parsed.hostname not in ALLOWED_WEBHOOK_HOSTS:
            return Response({"detail": "host not allowed"}, status=status.HTTP_400_BAD_REQUEST)
        # ok: server-side-request-forgery
        r = requests.post(url, json={"text": "test message"}, timeout=5)
        return Response({"status": r.status_code})


@api_view(["POST"])
def restore_state(request):
    # expect: unsafe-deserialization
    state = pickle.loads(base64.b64decode(request.data["state"]))
    return Response({"keys": sorted(state)})


@api_view(["POST"])
def restore_state_json(request):
    # ok: unsafe-deserialization
    state = json.loads(base64.b64decode(request.data["state"]))
    return Response({"keys": sorted(state)})


@api_view(["POST"])
def import_invoices_xml(request):
    # expect: xml-external-entities
    tree = etree.fromstring(request.body, etree.XMLParser(resolve_entities=True, no_network=False))
    return Response({"invoices": len(tree.findall("invoice"))})


@api_view(["POST"])
def import_invoices_xml_safe(request):
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    # ok: xml-external-entities
    tree = etree.fromstring(request.body, parser)
    return Response({"invoices": len(tree.findall("invoice"))})


@api_view(["POST"])
def preview_invoice_email(request):
    # expect: template-injection
    body = Template(request.data["body"]).render(customer="ACME Corp")
    return Response({"preview": body})


@api_view(["POST"])
def render_invoice_email(request):
    # ok: template-injection
    body = Template(INVOICE_EMAIL).render(customer=request.data.get("customer", ""))
    return Response({"preview": body})


@api_view(["POST"])
def search_payments(request):
    # expect: nosql-injection
    docs = list(payments.find(request.data, {"_id": 0}).limit(100))
    return Response(docs)


@api_view(["GET"])
def payment_by_reference(request):
    # ok: nosql-injection
    doc = payments.find_one({"reference": str(request.query_params.get("ref", ""))}, {"_id": 0})
    return Response(doc)


@api_view(["POST"])
def import_requested(request):
    # expect: log-injection
    logger.info(f"Invoice import requested by {request.data.get('email')}")
    rows = Invoice.objects.filter(status="draft").count()
    # ok: log-injection
    logger.info("Invoice import queued, %d drafts pending", rows)
    return Response({"queued": True})
