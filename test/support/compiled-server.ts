import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The server as `npm start` runs it (npm test builds it first). */
export const MAIN = resolve(__dirname, '..', '..', 'dist', 'src', 'main.js');

export interface CompiledServer {
  process: ChildProcess;
  /** stdout and stderr as they arrived, interleaved. */
  output(): string;
  stdout(): string;
  stderr(): string;
  exited(): Promise<number | null>;
}

/**
 * Spawns the compiled server with only PATH, HOME and `env`: nothing of the test process's own
 * environment leaks into what it reads.
 */
export function spawnServer(
  env: Record<string, string>,
  options: Pick<SpawnOptions, 'uid' | 'gid' | 'detached'> = {},
  node = process.execPath,
): CompiledServer {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does it first)`);
  const child = spawn(node, [MAIN], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
  let output = '';
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stderr += chunk.toString();
  });
  // A process that could not be started never exits: say why instead of waiting for a timeout.
  const exit = new Promise<number | null>((done) => {
    child.once('exit', (code) => done(code));
    child.once('error', (error) => {
      output += `could not start ${node}: ${error.message}\n`;
      done(null);
    });
  });
  return { process: child, output: () => output, stdout: () => stdout, stderr: () => stderr, exited: () => exit };
}

/** Resolves once /health/ready answers 200; fails with the server's output if it exits first. */
export async function waitUntilReady(server: CompiledServer, port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.process.exitCode !== null) throw new Error(`Server exited (${server.process.exitCode}):\n${server.output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Not ready after ${timeoutMs} ms:\n${server.output()}`);
}

/** The JSON log lines of an output (every line must be one). */
export function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
