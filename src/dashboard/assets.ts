import { createHash } from 'node:crypto';

/**
 * The dashboard's only static files, kept in the code (no build step, nothing to copy next to
 * `dist/`, no CDN): a small style sheet and a script that enhances pages that work without it
 * (search as you type, confirmation before a delete).
 */
export const CSS = `
:root { color-scheme: light; --fg: #1d232b; --muted: #5b6570; --line: #d5dbe1; --accent: #0b5cad; --danger: #a4161a; --bg: #fff; --soft: #f3f6f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--fg); color: #fff; padding: .5rem 1rem; }
.skip:focus { left: .5rem; }
.top { display: flex; gap: 1rem; align-items: center; padding: .75rem 1.5rem; border-bottom: 1px solid var(--line); flex-wrap: wrap; }
.brand { font-weight: 700; }
.workspace { color: var(--muted); }
.top nav { display: flex; gap: 1rem; margin-left: auto; align-items: center; }
main { padding: 1.5rem; max-width: 72rem; }
main:focus { outline: none; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
th, td { text-align: left; padding: .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); }
.muted { color: var(--muted); }
.search { display: flex; gap: .5rem; align-items: end; margin-bottom: 1rem; flex-wrap: wrap; }
label { display: block; font-weight: 600; margin-bottom: .25rem; }
input, textarea, select { font: inherit; padding: .4rem .5rem; border: 1px solid #8a96a3; border-radius: 4px; width: 100%; max-width: 32rem; }
textarea { min-height: 5rem; }
.field { margin-bottom: 1rem; }
.hint { color: var(--muted); font-size: .9rem; }
.error { color: var(--danger); font-weight: 600; }
[aria-invalid="true"] { border-color: var(--danger); border-width: 2px; }
button, .button { font: inherit; padding: .45rem 1rem; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
button.danger { background: var(--danger); border-color: var(--danger); }
button.link { background: none; border: none; color: var(--accent); padding: 0; text-decoration: underline; }
.inline { display: inline; }
.actions { display: flex; gap: .75rem; flex-wrap: wrap; align-items: center; margin: 1rem 0; }
.pager { display: flex; gap: 1rem; align-items: center; margin-top: 1rem; }
.notice { padding: .75rem 1rem; border-radius: 4px; margin-bottom: 1rem; border: 1px solid var(--line); background: var(--soft); }
.notice-error { border-color: var(--danger); background: #fdeeee; }
.notice p { margin: 0; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1.5rem; }
dl.fields dt { font-weight: 600; }
dl.fields dd { margin: 0; }
.notes { white-space: pre-wrap; }
.tag { display: inline-block; background: var(--soft); border: 1px solid var(--line); border-radius: 999px; padding: 0 .5rem; margin-right: .25rem; }
ol.messages { list-style: none; padding: 0; }
ol.messages li { border-left: 3px solid var(--line); padding: .25rem .75rem; margin-bottom: .5rem; }
ol.messages li.outbound { border-color: var(--accent); }
.loading { opacity: .6; }
`;

export const SCRIPT = `
(function () {
  'use strict';
  // Search as you type: the results are fetched from the same page (partial=1) and swapped in.
  var form = document.querySelector('form[data-live-search]');
  if (form) {
    var input = form.querySelector('input[name="search"]');
    var results = document.getElementById('results');
    var status = document.getElementById('search-status');
    var timer, current;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var params = new URLSearchParams({ search: input.value });
        var url = form.getAttribute('action') + '?' + params.toString();
        if (current) current.abort();
        current = new AbortController();
        results.classList.add('loading');
        results.setAttribute('aria-busy', 'true');
        fetch(url + '&partial=1', { credentials: 'same-origin', signal: current.signal })
          .then(function (response) { return response.text().then(function (text) { return { ok: response.ok, text: text }; }); })
          .then(function (answer) {
            results.innerHTML = answer.text;
            history.replaceState(null, '', url);
            var count = results.querySelector('[data-count]');
            if (status && count) status.textContent = count.getAttribute('data-count');
          })
          .catch(function (error) { if (error.name !== 'AbortError' && status) status.textContent = 'Search failed: ' + error.message; })
          .finally(function () { results.classList.remove('loading'); results.removeAttribute('aria-busy'); });
      }, 250);
    });
  }
  // A form that deletes asks first.
  document.addEventListener('submit', function (event) {
    var message = event.target.getAttribute && event.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) event.preventDefault();
  });
})();
`;

/** Changes whenever the assets do: their URLs carry it, so they can be cached for good. */
export const ASSET_VERSION = createHash('sha256')
  .update(CSS)
  .update(SCRIPT)
  .digest('hex')
  .slice(0, 12);
