import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exited, MAIN, waitForOk } from './processes';

export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));

/** One instance of the built service (`dist/src/main.js`), ready to serve. */
export interface Replica {
  name: string;
  port: number;
  child: ChildProcess;
  /** Resolves with the exit code. */
  exit: Promise<number | null>;
}

export async function startReplica(
  name: string,
  port: number,
  env: NodeJS.ProcessEnv,
): Promise<Replica> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', INSTANCE_NAME: name },
    stdio: 'ignore',
  });
  const exit = exited(child);
  await waitForOk(`http://127.0.0.1:${port}/health/ready`);
  return { name, port, child, exit };
}

/**
 * Debian's nginx in front of `ports`, with the repository's configuration
 * (deploy/nginx/default.conf.template), listening on `listenPort`; files in `dir`.
 */
export async function startNginx(
  dir: string,
  ports: number[],
  listenPort: number,
): Promise<ChildProcess> {
  if (!NGINX) throw new Error('nginx is not installed');
  const rendered = execFileSync('envsubst', ['${SAFRAVO_UPSTREAMS} ${SAFRAVO_LISTEN}'], {
    input: readFileSync('deploy/nginx/default.conf.template'),
    env: {
      // As docker-compose.yml does: a replica that refused a connection is tried again after 2 s.
      SAFRAVO_UPSTREAMS: ports
        .map((port) => `server 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`)
        .join(' '),
      SAFRAVO_LISTEN: `127.0.0.1:${listenPort}`,
    },
  });
  writeFileSync(join(dir, 'default.conf'), rendered);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  include ${dir}/default.conf;
}
`,
  );
  const nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: 'ignore',
  });
  await waitForOk(`http://127.0.0.1:${listenPort}/health/live`);
  return nginx;
}
