"""Catalog API (FastAPI)."""
import html
import json
import logging
import os
import pathlib
import pickle
import re
import sqlite3
import subprocess
from typing import Literal

import defusedxml.ElementTree as DET
import httpx
from fastapi import Body, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from lxml import etree
from pydantic import BaseModel, Field
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

app = FastAPI(title="catalog")
logger = logging.getLogger("catalog")
engine = create_engine(os.environ.get("DATABASE_URL", "sqlite:///catalog.db"))

FILES_DIR = "/srv/catalog/files"
NOTES_DIR = "/srv/catalog/notes"
LOG_FILE = "/var/log/catalog/app.log"
PARTNER_API = "https://partners.example.com/api"

# expect: unescaped-template-output
env = Environment(loader=FileSystemLoader("templates"), autoescape=False)
# ok: unescaped-template-output
safe_env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape(["html", "xml"]))


class ReportRequest(BaseModel):
    region: Literal["emea", "apac", "amer"]
    year: int = Field(ge=2000, le=2100)


class ThumbnailRequest(BaseModel):
    image_id: str = Field(pattern=r"^[a-f0-9]{32}$")
    width: int = Field(gt=0, le=4096)


def lookup_supplier(name):
    conn = sqlite3.connect("suppliers.db")
    # expect: sql-injection
    return conn.execute("SELECT id, name, country FROM suppliers WHERE name = '" + name + "'").fetchall()


def read_log_lines():
    with open(LOG_FILE, encoding="utf-8") as fh:
        return fh.readlines()[-5000:]


# ---------------------------------------------------------------------------
# Items
# ---------------------------------------------------------------------------


@app.get("/items/{item_id}")
def read_item(item_id: int):
    with engine.connect() as conn:
        # ok: sql-injection
        row = conn.execute(text(f"SELECT * FROM items WHERE id = {item_id}")).mappings().first()
    if row is None:
        raise HTTPException(status_code=404)
    return dict(row)


@app.get("/items")
def search_items(q: str = ""):
    with engine.connect() as conn:
        # expect: sql-injection
        rows = conn.execute(text(f"SELECT id, name FROM items WHERE name LIKE '%{q}%'")).mappings().all()
    return [dict(r) for r in rows]


@app.get("/items/by-sku/{sku}")
def by_sku(sku: str):
    with Session(engine) as session:
        # ok: sql-injection
        row = session.execute(text("SELECT * FROM items WHERE sku = :sku"), {"sku": sku}).mappings().first()
    return dict(row) if row else None


@app.get("/items/by-brand/{brand}")
def by_brand(brand: str):
    with Session(engine) as session:
        # expect: sql-injection
        rows = session.execute(text("SELECT id, name FROM items WHERE brand = '%s'" % brand)).mappings().all()
    return [dict(r) for r in rows]


@app.post("/reports")
def report(req: ReportRequest):
    with engine.connect() as conn:
        # ok: sql-injection
        total = conn.execute(text(f"SELECT SUM(amount) FROM sales WHERE region = '{req.region}' AND year = {req.year}")).scalar()
    return {"total": total}


@app.get("/suppliers/{name}")
def supplier(name):
    return {"rows": lookup_supplier(name)}


# ---------------------------------------------------------------------------
# Media tools
# ---------------------------------------------------------------------------


@app.post("/thumbnails")
def thumbnail(req: ThumbnailRequest):
    # ok: command-injection
    subprocess.run(f"convert /data/{req.image_id}.png -resize {req.width} /data/thumbs/{req.image_id}.png", shell=True, check=True)
    return {"thumbnail": f"/thumbs/{req.image_id}.png"}


@app.get("/convert")
def convert(filename: str, fmt: str = "pdf"):
    # expect: command-injection
    subprocess.run(f"libreoffice --headless --convert-to {fmt} /data/docs/{filename}", shell=True, check=True)
    return {"status": "converted"}


@app.get("/tools/{tool}")
def run_tool(tool: str, target: str = Query(...)):
    # expect: command-injection
    result = subprocess.run([tool, os.path.join(FILES_DIR, os.path.basename(target))], capture_output=True, text=True)
    return {"output": result.stdout}


@app.get("/filetype")
def filetype(name: str):
    # ok: command-injection
    result = subprocess.run(["file", "--brief", os.path.join(FILES_DIR, os.path.basename(name))], capture_output=True, text=True)
    return {"type": result.stdout.strip()}


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------


@app.get("/files")
def get_file(name: str):
    # expect: path-traversal
    return FileResponse(os.path.join(FILES_DIR, name))


@app.get("/public/{name}")
def public_file(name: str):
    # ok: path-traversal
    return FileResponse(os.path.join(FILES_DIR, "public", os.path.basename(name)))


@app.get("/notes/{note_path:path}")
def read_note(note_path: str):
    # expect: path-traversal
    return {"text": pathlib.Path(NOTES_DIR, note_path).read_text()}


@app.get("/attachments")
def attachment(path: str):
    base = os.path.realpath(FILES_DIR)
    full = os.path.realpath(os.path.join(base, path))
    if not full.startswith(base + os.sep):
        raise HTTPException(status_code=403, detail="forbidden")
    # ok: path-traversal
    return FileResponse(full)


# ---------------------------------------------------------------------------
# HTML endpoints
# ---------------------------------------------------------------------------


@app.get("/greet", response_class=HTMLResponse)
def greet(name: str = "friend"):
    # expect: cross-site-scripting
    return HTMLResponse(f"<h1>Welcome, {name}!</h1>")


@app.get("/greet-safe", response_class=HTMLResponse)
def greet_safe(name: str = "friend"):
    # ok: cross-site-scripting
    return HTMLResponse(f"<h1>Welcome, {html.escape(name)}!</h1>")


@app.get("/count", response_class=HTMLResponse)
def count(n: int = 1):
    # ok: cross-site-scripting
    return HTMLResponse(f"<p>You asked for {n} items</p>")


@app.get("/catalog-page", response_class=HTMLResponse)
def catalog_page(category: str = "all"):
    # ok: template-injection
    return HTMLResponse(safe_env.get_template("catalog.html").render(category=category))


@app.post("/render")
async def render_preview(request: Request):
    body = await request.json()
    # expect: template-injection
    rendered = env.from_string(body["template"]).render(user="preview")
    return {"html": rendered}


@app.get("/banner")
def banner(name: str = "friend"):
    # ok: template-injection
    text_out = Template("Hello {{ name }}, new arrivals are in!").render(name=name)
    return {"banner": text_out}


# ---------------------------------------------------------------------------
# Outbound HTTP
# ---------------------------------------------------------------------------


@app.get("/preview")
async def preview(url: str):
    async with httpx.AsyncClient(timeout=5) as client:
        # expect: server-side-request-forgery
        resp = await client.get(url)
    return {"status": resp.status_code, "length": len(resp.content)}


@app.get("/partner/{partner_id}/status")
def partner_status(partner_id: str):
    # ok: server-side-request-forgery
    resp = httpx.get(f"{PARTNER_API}/partners/{partner_id}/status", timeout=5)
    return resp.json()


@app.post("/webhooks/register")
def register_webhook(callback_url: str = Body(..., embed=True)):
    # expect: server-side-request-forgery
    resp = httpx.post(callback_url, json={"event": "registered"}, timeout=5)
    return {"status": resp.status_code}


@app.get("/out")
def outbound(to: str):
    # expect: open-redirect
    return RedirectResponse(url=to)


@app.get("/items/{item_id}/view")
def view_item(item_id: int):
    # ok: open-redirect
    return RedirectResponse(url=f"/static/items.html#{item_id}")


@app.post("/import/catalog.xml")
async def import_catalog_xml(request: Request):
    raw = await request.body()
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
    # expect: xml-external-entities
    root = etree.fromstring(raw, parser)
    return {"items": len(root.findall("item"))}


@app.post("/import/catalog-safe.xml")
async def import_catalog_xml_safe(request: Request):
    raw = await request.body()
    # ok: xml-external-entities
    root = DET.fromstring(raw)
    return {"items": len(root.findall("item"))}


# ---------------------------------------------------------------------------
# Jobs, rules, logs
# ---------------------------------------------------------------------------


@app.post("/jobs/restore")
async def restore_job(request: Request):
    payload = await request.body()
    # expect: unsafe-deserialization
    job = pickle.loads(payload)
    return {"job": str(job)[:200]}


@app.post("/jobs/import")
async def import_job(request: Request):
    payload = await request.body()
    # ok: unsafe-deserialization
    job = json.loads(payload)
    return {"keys": sorted(job) if isinstance(job, dict) else []}


@app.post("/rules/eval")
def eval_rule(expression: str = Body(..., embed=True)):
    # expect: code-injection
    result = eval(expression, {"__builtins__": {}}, {"price": 10, "qty": 3})
    return {"result": result}


@app.get("/rules/gross")
def gross_price(price: float, qty: int = 1):
    # ok: code-injection
    result = eval("round(price * qty * 1.19, 2)", {"__builtins__": {"round": round}}, {"price": price, "qty": qty})
    return {"gross": result}


@app.post("/rules/run")
def run_rule(source: str = Body(..., embed=True)):
    namespace = {}
    # expect: code-injection
    exec(compile(source, "<rule>", "exec"), namespace)
    return {"defined": sorted(k for k in namespace if not k.startswith("__"))}


@app.get("/logs/grep")
def grep_logs(pattern: str):
    # expect: log-injection
    logger.info(f"grep requested pattern={pattern}")
    # expect: regex-injection
    rx = re.compile(pattern)
    return {"matches": [line for line in read_log_lines() if rx.search(line)][:100]}


@app.get("/logs/find")
def find_logs(term: str):
    # ok: regex-injection
    rx = re.compile(re.escape(term))
    matches = [line for line in read_log_lines() if rx.search(line)][:100]
    # ok: log-injection
    logger.info("log find matched %d lines", len(matches))
    return {"matches": matches}


@app.get("/logs/tail")
def tail_logs(lines: int = 50):
    # ok: log-injection
    logger.info("tail requested lines=%d", lines)
    return {"lines": read_log_lines()[-lines:]}
