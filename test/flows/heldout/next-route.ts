// app/api/[...slug]/route.ts
import { NextRequest, NextResponse } from 'next/server';
import { PrismaClient } from '@prisma/client';
import { exec, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const runtime = 'nodejs';

const prisma = new PrismaClient();
const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const CONTENT_DIR = path.join(process.cwd(), 'content');
const UPLOAD_DIR = path.join(process.cwd(), 'public', 'uploads');
const WEATHER_API = 'https://api.weather.example.com/v1';

type RouteContext = { params: { slug: string[] } };

const listSchema = z.object({
  sortBy: z.enum(['createdAt', 'title', 'views']),
  order: z.enum(['asc', 'desc']).default('desc'),
  take: z.number().int().min(1).max(100).default(20),
});

// ---------------------------------------------------------------------------
// GET handlers
// ---------------------------------------------------------------------------

async function searchPosts(request: NextRequest) {
  const q = request.nextUrl.searchParams.get('q') ?? '';
  // expect: sql-injection
  const posts = await prisma.$queryRawUnsafe(`SELECT id, title FROM "Post" WHERE title ILIKE '%${q}%' LIMIT 20`);
  return NextResponse.json(posts);
}

async function searchPostsSafe(request: NextRequest) {
  const q = request.nextUrl.searchParams.get('q') ?? '';
  const like = `%${q}%`;
  // ok: sql-injection
  const posts = await prisma.$queryRaw`SELECT id, title FROM "Post" WHERE title ILIKE ${like} LIMIT 20`;
  return NextResponse.json(posts);
}

async function postsByAuthor(request: NextRequest) {
  const { searchParams } = request.nextUrl;
  const author = searchParams.get('author');
  // expect: sql-injection
  const count = await prisma.$executeRawUnsafe(`UPDATE "Post" SET views = views + 1 WHERE author = '${author}'`);
  return NextResponse.json({ updated: count });
}

async function getPostContent(slug: string) {
  // expect: path-traversal
  const source = await readFile(path.join(CONTENT_DIR, `${slug}.mdx`), 'utf8');
  return NextResponse.json({ source });
}

async function getPostContentSafe(slug: string) {
  // ok: path-traversal
  const source = await readFile(path.join(CONTENT_DIR, `${path.basename(slug)}.mdx`), 'utf8');
  return NextResponse.json({ source });
}

async function proxy(request: NextRequest) {
  const url = request.nextUrl.searchParams.get('url');
  if (!url) return NextResponse.json({ error: 'url required' }, { status: 400 });
  // expect: server-side-request-forgery
  const upstream = await fetch(url, { cache: 'no-store' });
  return new NextResponse(upstream.body, { status: upstream.status, headers: { 'content-type': 'application/octet-stream' } });
}

async function weather(request: NextRequest) {
  const city = request.nextUrl.searchParams.get('city') ?? 'Berlin';
  // ok: server-side-request-forgery
  const res = await fetch(`${WEATHER_API}/current?city=${encodeURIComponent(city)}`, { next: { revalidate: 300 } });
  return NextResponse.json(await res.json());
}

function go(request: NextRequest) {
  const next = request.nextUrl.searchParams.get('next') ?? '/';
  // expect: open-redirect
  return NextResponse.redirect(new URL(next, request.url));
}

function goSafe(request: NextRequest) {
  const next = request.nextUrl.searchParams.get('next') ?? '/';
  if (!next.startsWith('/') || next.startsWith('//')) {
    return NextResponse.redirect(new URL('/', request.url));
  }
  // ok: open-redirect
  return NextResponse.redirect(new URL(next, request.url));
}

async function whois(request: NextRequest) {
  const domain = request.nextUrl.searchParams.get('domain') ?? '';
  // expect: command-injection
  const { stdout } = await execAsync(`whois ${domain}`, { timeout: 15000 });
  return NextResponse.json({ output: stdout });
}

async function whoisSafe(request: NextRequest) {
  const domain = request.nextUrl.searchParams.get('domain') ?? '';
  // ok: command-injection
  const { stdout } = await execFileAsync('whois', [domain], { timeout: 15000 });
  return NextResponse.json({ output: stdout });
}

function greet(request: NextRequest) {
  const name = request.nextUrl.searchParams.get('name') ?? 'there';
  // expect: cross-site-scripting
  return new Response(`<!doctype html><html><body><h1>Hi ${name}</h1></body></html>`, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}

function greetJson(request: NextRequest) {
  const name = request.nextUrl.searchParams.get('name') ?? 'there';
  // ok: cross-site-scripting
  return NextResponse.json({ message: `Hi ${name}` });
}

export async function GET(request: NextRequest, { params }: RouteContext) {
  const [resource, id] = params.slug;
  switch (resource) {
    case 'search':
      return searchPosts(request);
    case 'search-safe':
      return searchPostsSafe(request);
    case 'by-author':
      return postsByAuthor(request);
    case 'content':
      return getPostContent(id);
    case 'content-safe':
      return getPostContentSafe(id);
    case 'proxy':
      return proxy(request);
    case 'weather':
      return weather(request);
    case 'go':
      return go(request);
    case 'go-safe':
      return goSafe(request);
    case 'whois':
      return whois(request);
    case 'whois-safe':
      return whoisSafe(request);
    case 'greet':
      return greet(request);
    case 'greet-json':
      return greetJson(request);
    default:
      return NextResponse.json({ error: 'not found' }, { status: 404 });
  }
}

// ---------------------------------------------------------------------------
// POST handlers
// ---------------------------------------------------------------------------

export async function POST(request: NextRequest, { params }: RouteContext) {
  const [resource] = params.slug;

  if (resource === 'posts-list') {
    const parsed = listSchema.safeParse(await request.json());
    if (!parsed.success) {
      return NextResponse.json({ error: parsed.error.flatten() }, { status: 400 });
    }
    const { sortBy, order, take } = parsed.data;
    // ok: sql-injection
    const posts = await prisma.$queryRawUnsafe(`SELECT id, title FROM "Post" ORDER BY "${sortBy}" ${order} LIMIT ${take}`);
    return NextResponse.json(posts);
  }

  if (resource === 'webhook-test') {
    const body = await request.json();
    // expect: log-injection
    console.log(`[webhook-test] event=${body.event} target=${body.callbackUrl}`);
    // expect: server-side-request-forgery
    const res = await fetch(body.callbackUrl, { method: 'POST', body: JSON.stringify({ event: body.event }) });
    return NextResponse.json({ delivered: res.ok });
  }

  if (resource === 'upload') {
    const form = await request.formData();
    const file = form.get('file') as File | null;
    if (!file) return NextResponse.json({ error: 'file required' }, { status: 400 });
    const bytes = Buffer.from(await file.arrayBuffer());
    // expect: path-traversal
    await writeFile(path.join(UPLOAD_DIR, file.name), bytes);
    // ok: log-injection
    console.log(`[upload] stored ${bytes.length} bytes`);
    return NextResponse.json({ ok: true });
  }

  if (resource === 'upload-safe') {
    const form = await request.formData();
    const file = form.get('file') as File | null;
    if (!file) return NextResponse.json({ error: 'file required' }, { status: 400 });
    const ext = file.type === 'image/png' ? '.png' : '.jpg';
    const stored = `${randomUUID()}${ext}`;
    // ok: path-traversal
    await writeFile(path.join(UPLOAD_DIR, stored), Buffer.from(await file.arrayBuffer()));
    return NextResponse.json({ url: `/uploads/${stored}` });
  }

  if (resource === 'comments') {
    const form = await request.formData();
    const postId = Number(form.get('postId'));
    const text = String(form.get('text') ?? '');
    // ok: sql-injection
    await prisma.$executeRaw`INSERT INTO "Comment" ("postId", "text") VALUES (${postId}, ${text})`;
    return NextResponse.json({ ok: true }, { status: 201 });
  }

  return NextResponse.json({ error: 'not found' }, { status: 404 });
}
