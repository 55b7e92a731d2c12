'use server';

// app/actions.ts — server actions used by the blog dashboard
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { sql } from '@vercel/postgres';
import { Pool } from 'pg';
import { MongoClient } from 'mongodb';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import { z } from 'zod';
import { auth } from '@/lib/auth';

const pool = new Pool({ connectionString: process.env.POSTGRES_URL });
const mongo = new MongoClient(process.env.MONGODB_URI!);
const AVATAR_DIR = path.join(process.cwd(), 'public', 'avatars');
const FEED_HOSTS = new Set(['feeds.feedburner.com', 'rss.nytimes.com', 'blog.example.com']);
const CDN_PURGE_HOOK = 'https://cdn-purge.example.com/hooks/revalidate';

const PostSchema = z.object({
  title: z.string().min(1).max(200),
  category: z.enum(['news', 'engineering', 'culture']),
});

function escapeRegExp(value: string) {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Not exported: only ever called below with our own CDN hook URL.
async function pingRevalidator(endpoint: string) {
  // ok: server-side-request-forgery
  await fetch(endpoint, { method: 'POST', headers: { authorization: `Bearer ${process.env.REVALIDATE_TOKEN}` } });
}

export async function searchPosts(query: string) {
  // expect: sql-injection
  const { rows } = await pool.query(`SELECT id, title FROM posts WHERE title ILIKE '%${query}%' LIMIT 20`);
  return rows;
}

export async function getPostsByTag(tag: string) {
  // ok: sql-injection
  const { rows } = await sql`SELECT id, title FROM posts WHERE tag = ${tag} ORDER BY created_at DESC`;
  return rows;
}

export async function deleteDraft(draftId: string) {
  const session = await auth();
  // expect: sql-injection
  await pool.query('DELETE FROM drafts WHERE owner_id = $1 AND id = ' + draftId, [session.user.id]);
  revalidatePath('/dashboard/drafts');
}

export async function createPost(prevState: unknown, formData: FormData) {
  const parsed = PostSchema.safeParse({ title: formData.get('title'), category: formData.get('category') });
  if (!parsed.success) {
    return { error: 'Invalid post' };
  }
  // ok: sql-injection
  const { rows } = await pool.query(`INSERT INTO posts (title, category) VALUES ($1, '${parsed.data.category}') RETURNING id`, [parsed.data.title]);
  await pingRevalidator(CDN_PURGE_HOOK);
  revalidatePath('/');
  // ok: open-redirect
  redirect(`/posts/${rows[0].id}`);
}

export async function updateProfile(formData: FormData) {
  const session = await auth();
  const displayName = formData.get('displayName') as string;
  const avatar = formData.get('avatar') as File;
  // expect: path-traversal
  await writeFile(path.join(AVATAR_DIR, avatar.name), Buffer.from(await avatar.arrayBuffer()));
  // ok: sql-injection
  await pool.query('UPDATE users SET display_name = $1, avatar = $2 WHERE id = $3', [displayName, avatar.name, session.user.id]);
  const returnTo = formData.get('returnTo') as string;
  // expect: open-redirect
  redirect(returnTo || '/profile');
}

export async function updateAvatarSafe(formData: FormData) {
  const session = await auth();
  const avatar = formData.get('avatar') as File;
  const fileName = `${session.user.id}-${Date.now()}.png`;
  // ok: path-traversal
  await writeFile(path.join(AVATAR_DIR, fileName), Buffer.from(await avatar.arrayBuffer()));
  revalidatePath('/profile');
}

export async function importFeed(feedUrl: string) {
  // expect: server-side-request-forgery
  const res = await fetch(feedUrl, { cache: 'no-store' });
  return res.text();
}

export async function importTrustedFeed(feedUrl: string) {
  let url: URL;
  try {
    url = new URL(feedUrl);
  } catch {
    throw new Error('Invalid URL');
  }
  if (url.protocol !== 'https:' || !FEED_HOSTS.has(url.hostname)) {
    throw new Error('Feed host not allowed');
  }
  // ok: server-side-request-forgery
  const res = await fetch(url, { cache: 'no-store' });
  return res.text();
}

export async function evaluateFormula(formula: string, cells: Record<string, number>) {
  // expect: code-injection
  return vm.runInNewContext(formula, { ...cells, Math }, { timeout: 100 });
}

export async function applyDiscount(price: string, percent: string) {
  // ok: code-injection
  return vm.runInNewContext('price - (price * percent) / 100', { price: Number(price), percent: Number(percent) });
}

export async function highlightMatches(text: string, term: string) {
  // expect: regex-injection
  const re = new RegExp(`(${term})`, 'gi');
  return text.split(re).length - 1;
}

export async function countMatches(text: string, term: string) {
  // ok: regex-injection
  const re = new RegExp(escapeRegExp(term), 'gi');
  return (text.match(re) ?? []).length;
}

export async function findOrders(filterJson: string) {
  const filter = JSON.parse(filterJson);
  // expect: nosql-injection
  return mongo.db('shop').collection('orders').find(filter).limit(50).toArray();
}

export async function findOrdersByStatus(status: string) {
  // ok: nosql-injection
  return mongo.db('shop').collection('orders').find({ status: String(status) }).limit(50).toArray();
}

export async function reportAbuse(formData: FormData) {
  const reason = formData.get('reason') as string;
  const postId = Number(formData.get('postId'));
  // expect: log-injection
  console.warn(`Abuse report for post ${postId}: ${reason}`);
  // ok: log-injection
  console.info(`Abuse report stored (post ${postId}, ${reason.length} chars)`);
  await pool.query('INSERT INTO abuse_reports (post_id, reason) VALUES ($1, $2)', [postId, reason]);
}
