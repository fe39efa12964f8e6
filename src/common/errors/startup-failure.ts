/**
 * A start that cannot go on for a reason the person starting it can fix. The message is the one
 * line main prints (no stack): what is wrong and what to do about it.
 */
export class StartupFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupFailure';
  }
}

/** Node's system errors (fs, net, dns) carry a code such as EACCES. */
export function systemErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

const UNWRITABLE: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file',
  EEXIST: 'it is a file, not a folder',
  ENOSPC: 'no space left on the device',
};

/**
 * A folder the app must write to (DATA_DIR) that it cannot: undefined for any other error, which
 * is then a bug to report with its stack.
 */
export function unusableDirectory(setting: string, directory: string, error: unknown): StartupFailure | undefined {
  const code = systemErrorCode(error);
  const reason = code === undefined ? undefined : UNWRITABLE[code];
  if (reason === undefined) return undefined;
  const fix =
    code === 'ENOSPC' ? 'free some space or point' : code === 'EACCES' || code === 'EPERM' ? 'give this user write access to it, or point' : 'point';
  return new StartupFailure(`${setting} ${directory} cannot be written (${code}: ${reason}): ${fix} ${setting} at a folder this user can write`, { cause: error });
}

/** The HTTP port cannot be had: undefined for errors that are not about the port. */
export function unavailablePort(host: string, port: number, error: unknown): StartupFailure | undefined {
  const code = systemErrorCode(error);
  if (code === 'EADDRINUSE') {
    return new StartupFailure(
      `Port ${port} on ${host} is already in use (another Etalase, or another program): stop that one, or set PORT to a free port, e.g. PORT=${port === 65535 ? port - 1 : port + 1}`,
      { cause: error },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new StartupFailure(`Port ${port} needs privileges this user does not have: set PORT to 1024 or above (e.g. PORT=3000) and put a proxy in front for port ${port}`, { cause: error });
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new StartupFailure(`HOST ${host} is not an address of this machine: set HOST to 0.0.0.0 (every interface), 127.0.0.1 or one of its own addresses`, { cause: error });
  }
  return undefined;
}
