import { unavailablePort, unusableDirectory } from './startup-failure';

const systemError = (code: string): Error => Object.assign(new Error(`${code}: something`), { code });

describe('unusableDirectory', () => {
  it('says which setting, which folder and what to do', () => {
    expect(unusableDirectory('DATA_DIR', '/srv/etalase', systemError('EACCES'))?.message).toBe(
      'DATA_DIR /srv/etalase cannot be written (EACCES: permission denied): give this user write access to it, or point DATA_DIR at a folder this user can write',
    );
    expect(unusableDirectory('DATA_DIR', '/mnt/ro', systemError('EROFS'))?.message).toMatch(/^DATA_DIR \/mnt\/ro cannot be written \(EROFS: read-only file system\): point DATA_DIR at/);
    expect(unusableDirectory('DATA_DIR', '/etc/passwd/x', systemError('ENOTDIR'))?.message).toMatch(/ENOTDIR: a part of the path is a file/);
  });

  it('leaves other errors alone: they are bugs, reported with their stack', () => {
    expect(unusableDirectory('DATA_DIR', '/x', new Error('boom'))).toBeUndefined();
    expect(unusableDirectory('DATA_DIR', '/x', systemError('EMFILE'))).toBeUndefined();
  });
});

describe('unavailablePort', () => {
  it('tells how to get a free port', () => {
    expect(unavailablePort('0.0.0.0', 3000, systemError('EADDRINUSE'))?.message).toBe(
      'Port 3000 on 0.0.0.0 is already in use (another Etalase, or another program): stop that one, or set PORT to a free port, e.g. PORT=3001',
    );
    expect(unavailablePort('0.0.0.0', 80, systemError('EACCES'))?.message).toMatch(/^Port 80 needs privileges .*PORT to 1024 or above/);
    expect(unavailablePort('10.9.9.9', 3000, systemError('EADDRNOTAVAIL'))?.message).toMatch(/^HOST 10\.9\.9\.9 is not an address of this machine/);
    expect(unavailablePort('0.0.0.0', 3000, new Error('boom'))).toBeUndefined();
  });
});
