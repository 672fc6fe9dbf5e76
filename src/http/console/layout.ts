import { authorizeGlobal, type GlobalAction } from '../../domain/authorization.js';
import type { Person } from '../../domain/model.js';
import { html, type SafeHtml } from './html.js';

export interface PageContext {
  viewer: Person;
  csrf: string;
  townName: string;
  /** Which nav entry is active. */
  section: 'ledger' | 'figures' | 'exports' | 'accountability' | 'admin' | 'case';
}

const NAV: { section: PageContext['section']; href: string; label: string; shownTo?: GlobalAction }[] = [
  { section: 'ledger', href: '/console/ledger', label: '信访台账' },
  { section: 'figures', href: '/console/figures', label: '统计图表' },
  { section: 'exports', href: '/console/exports', label: '报表导出' },
  { section: 'accountability', href: '/console/accountability', label: '问责记录', shownTo: 'VIEW_ACCOUNTABILITY' },
  { section: 'admin', href: '/console/admin', label: '系统管理' },
];

/** Every console page: header with the viewer and logout (a POST with the CSRF token), nav, content. */
export function page(title: string, ctx: PageContext, content: SafeHtml): SafeHtml {
  return html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 信访包案助手</title>
<link rel="stylesheet" href="/console/assets/console.css">
</head>
<body>
<header class="top">
  <a class="brand" href="/console">${ctx.townName}信访办工作台 · 信访包案助手</a>
  <nav>${NAV.filter((n) => !n.shownTo || authorizeGlobal(ctx.viewer, n.shownTo).allowed).map((n) => html`<a href="${n.href}" class="${n.section === ctx.section ? 'active' : ''}">${n.label}</a>`)}</nav>
  <form method="post" action="/console/logout" class="logout">
    <span>${ctx.viewer.name}</span>
    <input type="hidden" name="_csrf" value="${ctx.csrf}">
    <button type="submit">退出</button>
  </form>
</header>
<main>
<h1>${title}</h1>
${content}
</main>
</body>
</html>`;
}

/** A page for people who are not logged in (login, errors). */
export function bare(title: string, content: SafeHtml): SafeHtml {
  return html`<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · 信访包案助手</title>
<link rel="stylesheet" href="/console/assets/console.css"></head>
<body class="bare"><main><h1>${title}</h1>${content}</main></body>
</html>`;
}
