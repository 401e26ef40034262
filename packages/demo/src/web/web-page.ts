// The demo's web page: plain HTML and a little JavaScript, no framework. It lists the stored tokens (no
// secrets: ids, user names, fingerprints, expiry counting down) and calls the demo's JSON routes.
import { escapeHtml } from '../html.js';

export interface PageInfo {
  store: string;
  issuer: string;
  accessTtlSeconds: number;
  error?: string;
}

const SCRIPT = `
const $ = (id) => document.getElementById(id);
let tokens = [];
async function post(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return response.json();
}
function render() {
  const body = $('tokens').tBodies[0];
  body.replaceChildren(...tokens.map((t) => {
    const row = document.createElement('tr');
    row.dataset.user = t.userName;
    for (const text of [t.userName, t.id, t.accessToken, '']) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    row.cells[3].className = 'expiry';
    row.cells[3].dataset.expiresAt = t.expiresAt ?? '';
    const actions = document.createElement('td');
    for (const [label, action] of [['Call API', callApi], ['Revoke', revoke]]) {
      const button = document.createElement('button');
      button.textContent = label;
      button.onclick = () => action(t.userName);
      actions.append(button);
    }
    row.append(actions);
    return row;
  }));
  $('empty').hidden = tokens.length > 0;
  tick();
}
function tick() {
  for (const cell of document.querySelectorAll('td.expiry')) {
    const at = Number(cell.dataset.expiresAt);
    const left = Math.round((at - Date.now()) / 1000);
    cell.textContent = !at ? 'no expiry' : left > 0 ? 'expires in ' + left + ' s' : 'expired (refreshed on the next call)';
  }
}
async function load() {
  const data = await (await fetch('/api/tokens')).json();
  tokens = data.tokens;
  $('calls').textContent = data.tokenCalls.total + ' (' + data.tokenCalls.authorizationCode + ' authorization_code, ' + data.tokenCalls.refresh + ' refresh_token)';
  render();
}
async function callApi(userName) {
  $('result').textContent = 'calling the API as ' + userName + '...';
  const result = await post('/api/call', { userName });
  $('result').textContent = JSON.stringify(result, null, 2);
  await load();
}
async function revoke(userName) {
  const result = await post('/api/revoke', { userName });
  $('result').textContent = 'revoke(' + userName + '): ' + JSON.stringify(result);
  await load();
}
setInterval(tick, 500);
setInterval(load, 5000);
load();
`;

export function webPage(info: PageInfo): string {
  const error = info.error ? `<p id="error" role="alert">Login failed: ${escapeHtml(info.error)}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tokens demo</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}td,th{padding:.3rem .6rem;text-align:left}
table{border-collapse:collapse}tr{border-bottom:1px solid #ddd}#error{color:#b00}pre{background:#f4f4f4;padding:1rem}</style>
</head><body>
<h1>tokens demo</h1>
<p>Store: <code>${escapeHtml(info.store)}</code><br>OAuth server: <code>${escapeHtml(info.issuer)}</code>
(local oidc-provider; access tokens live ${info.accessTtlSeconds} s, refresh tokens rotate)</p>
${error}
<form action="/login" method="get">
  <label>User name to save the token under <input name="user" value="ada@example.com" required></label>
  <button type="submit">Log in</button>
</form>
<h2>Stored tokens</h2>
<table id="tokens"><thead><tr><th>user</th><th>id</th><th>access token (fingerprint)</th><th>expiry</th><th></th></tr></thead><tbody></tbody></table>
<p id="empty">No tokens stored.</p>
<p>Token-endpoint calls so far: <span id="calls"></span></p>
<pre id="result"></pre>
<script type="module">${SCRIPT}</script>
</body></html>`;
}
