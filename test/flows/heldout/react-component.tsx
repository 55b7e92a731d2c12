import React, { useEffect, useMemo, useRef, useState } from 'react';
import DOMPurify from 'dompurify';
import { marked } from 'marked';

const HELP_HTML = '<p>Need help? <a href="/support">Contact support</a> or read the <a href="/docs">docs</a>.</p>';

type Comment = { id: string; author: string; body: string };

function getParam(name: string): string {
  return new URLSearchParams(window.location.search).get(name) ?? '';
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function Announcement() {
  const message = getParam('announcement');
  if (!message) return null;
  // expect: cross-site-scripting
  return <div className="announcement" dangerouslySetInnerHTML={{ __html: message }} />;
}

export function SafeAnnouncement() {
  const message = getParam('announcement');
  const clean = useMemo(() => DOMPurify.sanitize(message), [message]);
  // ok: cross-site-scripting
  return <div className="announcement" dangerouslySetInnerHTML={{ __html: clean }} />;
}

export function HelpPanel() {
  // ok: cross-site-scripting
  return <aside className="help" dangerouslySetInnerHTML={{ __html: HELP_HTML }} />;
}

export function MarkdownPreview() {
  const [source] = useState(() => getParam('md'));
  // expect: cross-site-scripting
  return <article className="preview" dangerouslySetInnerHTML={{ __html: marked.parse(source) as string }} />;
}

function CommentBody({ html }: { html: string }) {
  // ok: cross-site-scripting
  return <div className="comment-body" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function CommentList({ comments }: { comments: Comment[] }) {
  return (
    <ul>
      {comments.map((c) => (
        <li key={c.id}>
          <strong>{c.author}</strong>
          <CommentBody html={DOMPurify.sanitize(c.body)} />
        </li>
      ))}
    </ul>
  );
}

export function SearchSummary() {
  const query = getParam('q');
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (ref.current) {
      // ok: cross-site-scripting
      ref.current.textContent = `Showing results for “${query}”`;
    }
  }, [query]);
  return <p ref={ref} />;
}

export function HashTitle() {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const title = decodeURIComponent(window.location.hash.slice(1));
    if (ref.current && title) {
      // expect: cross-site-scripting
      ref.current.innerHTML = title;
    }
  }, []);
  return <h2 ref={ref} />;
}

export function EmbedFrame() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    function onMessage(event: MessageEvent) {
      if (ref.current && typeof event.data === 'string') {
        // expect: cross-site-scripting
        ref.current.innerHTML = event.data;
      }
    }
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);
  return <div className="embed" ref={ref} />;
}

export function LoginRedirect() {
  useEffect(() => {
    const redirect = getParam('redirect');
    if (redirect) {
      // expect: open-redirect
      window.location.href = redirect;
    }
  }, []);
  return <p>Signing you in…</p>;
}

export function SafeLoginRedirect() {
  useEffect(() => {
    const redirect = getParam('redirect');
    if (!redirect.startsWith('/') || redirect.startsWith('//')) return;
    // ok: open-redirect
    window.location.assign(redirect);
  }, []);
  return <p>Signing you in…</p>;
}

export function HighlightedList({ items }: { items: string[] }) {
  const term = getParam('highlight');
  // ok: regex-injection
  const re = useMemo(() => new RegExp(escapeRegExp(term), 'i'), [term]);
  return (
    <ul>
      {items.map((item) => (
        <li key={item} className={term && re.test(item) ? 'match' : undefined}>
          {item}
        </li>
      ))}
    </ul>
  );
}

export function AdvancedFilter({ items }: { items: string[] }) {
  const pattern = getParam('pattern');
  const matches = useMemo(() => {
    try {
      // expect: regex-injection
      const re = new RegExp(pattern);
      return items.filter((i) => re.test(i));
    } catch {
      return items;
    }
  }, [pattern, items]);
  return <span>{matches.length} matches</span>;
}
