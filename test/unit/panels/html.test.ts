import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentSecurityPolicy, escapeHtml, html } from '../../../src/panels/html';

const options = {
  title: 'Training: <exp> & "runs"',
  scriptUris: [
    'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/plotly-strict.min.js',
    'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/training.js',
  ],
  styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/training.css'],
  nonce: 'bm9uY2Utdmx1ZQ==',
  cspSource: 'https://*.vscode-cdn.net',
};

function cspOf(page: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page);
  assert.ok(m, 'the page has no CSP meta tag');
  return m[1].replace(/&#39;/g, "'");
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );
}

describe('html', () => {
  const page = html(options);

  it('declares a CSP that only runs scripts with the nonce', () => {
    const d = directives(cspOf(page));
    assert.deepEqual(d.get('default-src'), ["'none'"]);
    assert.deepEqual(d.get('script-src'), [`'nonce-${options.nonce}'`]);
  });

  it('never allows eval', () => {
    assert.doesNotMatch(cspOf(page), /unsafe-eval/);
    assert.doesNotMatch(page, /unsafe-eval/);
  });

  it('limits styles, images and fonts to our files (plus data:/blob: images)', () => {
    const d = directives(cspOf(page));
    assert.deepEqual(d.get('style-src'), [options.cspSource, "'unsafe-inline'"]);
    assert.deepEqual(d.get('img-src'), [options.cspSource, 'data:', 'blob:']);
    assert.deepEqual(d.get('font-src'), [options.cspSource]);
    assert.equal(d.has('connect-src'), false);
  });

  it('gives every script tag the nonce and a src, in the order given', () => {
    const tags = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(tags.length, options.scriptUris.length);
    tags.forEach(([, attrs, body], i) => {
      assert.match(attrs, new RegExp(`nonce="${options.nonce}"`));
      assert.match(attrs, new RegExp(`src="${options.scriptUris[i].replace(/[.+*?]/g, '\\$&')}"`));
      assert.equal(body.trim(), '', 'inline script content');
    });
  });

  it('carries no inline data: no inline scripts, handlers or JSON', () => {
    assert.doesNotMatch(page, /<script(?![^>]*\bsrc=)[^>]*>/);
    assert.doesNotMatch(page, /\son[a-z]+=/i);
    assert.doesNotMatch(page, /application\/json/);
    assert.doesNotMatch(page, /<style\b/);
  });

  it('links the stylesheets', () => {
    assert.match(
      page,
      new RegExp(
        `<link rel="stylesheet" href="${options.styleUris[0].replace(/[.+*?]/g, '\\$&')}"`,
      ),
    );
  });

  it('escapes the title', () => {
    assert.match(page, /<title>Training: &lt;exp&gt; &amp; &quot;runs&quot;<\/title>/);
  });

  it('escapes URIs so they cannot break out of the attribute', () => {
    const evil = html({ ...options, scriptUris: ['x" onload="alert(1)'] });
    assert.doesNotMatch(evil, /onload="/);
    assert.match(evil, /src="x&quot; onload=&quot;alert\(1\)"/);
  });

  it('builds the same policy on its own', () => {
    assert.equal(cspOf(page), contentSecurityPolicy(options.nonce, options.cspSource));
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML special characters', () => {
    assert.equal(
      escapeHtml(`<a href="x">'&'</a>`),
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});
