import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The sandbox page is static (public/sandbox/): no build step, no CDN (townships may have no
// internet, and none abroad). Browser tests of its behaviour come with Playwright.

const read = (file: string) => readFileSync(`public/sandbox/${file}`, 'utf8');
const html = read('index.html');
const app = read('app.js');
const css = read('style.css');

describe('sandbox page assets', () => {
  it('index.html loads its script as a module and its stylesheet from /sandbox/assets/', () => {
    expect(html).toMatch(/<script type="module" src="\/sandbox\/assets\/app\.js"><\/script>/);
    expect(html).toMatch(/<link rel="stylesheet" href="\/sandbox\/assets\/style\.css">/);
    expect(html).toContain('这是沙盒：选择一个演示人员，和机器人对话，与飞书中看到的卡片完全相同');
  });

  it('every write sends the token the server puts in the page (a foreign page cannot read it, so cannot write)', () => {
    expect(html).toContain('<meta name="sandbox-token" content="">');
    expect(app).toMatch(/const PAGE_TOKEN = document\.querySelector\('meta\[name="sandbox-token"\]'\)/);
    expect(app).toMatch(/headers: body \? \{ 'content-type': 'application\/json', 'x-sandbox-token': PAGE_TOKEN \}/);
  });

  it('nothing is loaded from outside the server', () => {
    for (const [file, text] of [['index.html', html], ['app.js', app], ['style.css', css]]) {
      expect(text, file).not.toMatch(/https?:\/\/|(["'(=]|^)\/\/[a-z0-9-]+\.[a-z]/im);
    }
    expect(css).not.toMatch(/@import|url\(/);
  });

  it('app.js is valid JavaScript as an ES module', () => {
    const out = ts.transpileModule(app, { reportDiagnostics: true, fileName: 'app.js', compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, allowJs: true } });
    expect(out.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });

  it('app.js talks only to the sandbox API and puts HTML in only from the server’s card HTML', () => {
    const paths = [...app.matchAll(/request\('(?:GET|POST)', '([a-z]+)'/g), ...app.matchAll(/apiUrl\('([a-z]+)'/g)].map((m) => m[1]);
    expect(new Set(paths)).toEqual(new Set(['people', 'conversations', 'messages', 'actions', 'stream']));
    const htmlSinks = [...app.matchAll(/\.(innerHTML|outerHTML)\s*=\s*([^;]+);|insertAdjacentHTML|document\.write/g)];
    expect(htmlSinks.map((m) => m[2]?.trim())).toEqual(['cardHtml']);
  });
});
