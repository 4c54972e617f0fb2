// What the browser tests share: jvdr started on a loopback port of its own (read from its log),
// examples/dashboard served from another origin, and Chromium.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const pageDir = join(dirname(fileURLToPath(import.meta.url)), '../../examples/dashboard');

// jvdr on db with the token and CORS origins given, on port (0: a free one); resolves to
// { child, url }.
export function startJvdr(jvdr, db, corsOrigins, token, port = 0) {
  return new Promise((resolve, reject) => {
    const child = spawn(jvdr, ['--port', String(port), '--db', db, '--log-format', 'text'], {
      // No time budget: a slow machine must not turn an answer the page waits for into a 503.
      env: { ...process.env, JVDR_CORS_ORIGINS: corsOrigins, JVDR_API_TOKEN: `e2e:${token}`, JVDR_QUERY_TIMEOUT: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += chunk;
      const m = err.match(/listening on 127\.0\.0\.1:(\d+)/);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` });
    });
    child.on('exit', (code) => reject(new Error(`jvdr exited ${code}: ${err}`)));
  });
}

export async function stopJvdr(j) {
  const exited = new Promise((resolve) => j.child.once('exit', resolve));
  j.child.kill('SIGTERM');
  await exited;
}

// The dashboard's files over HTTP on a loopback port of its own.
export function startStatic() {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  return new Promise((resolve) => {
    const s = createServer((req, res) => {
      const path = new URL(req.url, 'http://x').pathname.replace(/^\/$/, '/index.html');
      try {
        const body = readFileSync(join(pageDir, path.replace(/\.\./g, '')));
        res.writeHead(200, { 'Content-Type': types[extname(path)] || 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
