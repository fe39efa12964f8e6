import { Worker } from 'node:worker_threads';

/**
 * HEIC/HEIF (iPhone photos, HEVC inside) decoded to RGBA by `heic-decode`, i.e. libheif with
 * libde265 compiled to WebAssembly (LGPL-3.0; used unmodified from npm as a separate library):
 * sharp's prebuilt libvips has no HEVC decoder. The decode takes hundreds of milliseconds of pure
 * CPU per photo, so it runs in a worker thread and the event loop keeps serving requests.
 *
 * One worker, started on first use, decodes one photo at a time (a 50 MP photo is 200 MB of RGBA:
 * one at a time bounds memory). It is unref'd while idle so it never keeps the process alive, and
 * a crashed worker fails the photos it held and is started anew for the next one.
 */
export interface DecodedHeif {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, rows top to bottom, already turned as the file says (irot/imir). */
  rgba: Buffer;
}

/** The file is not a HEIF image libheif can decode. */
export class HeifUnreadable extends Error {}

/** libheif reports more pixels than allowed (the box parser in heif-header.ts normally refuses earlier). */
export class HeifTooLarge extends Error {}

type Reply = { id: number; width: number; height: number; rgba: Uint8Array } | { id: number; tooLarge: true } | { id: number; error: string };

/** The worker's code: plain CommonJS run with `eval`, so it works from the compiled dist/ and under Jest's TypeScript alike. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// libheif prints its complaints about a bad file to the console, which would land between the
// server's JSON log lines; they come back to the caller as the error below instead.
for (const method of ['log', 'info', 'warn', 'error']) console[method] = () => undefined;
const decode = require(workerData.heicDecode);
parentPort.on('message', async ({ id, buffer, maxPixels }) => {
  let images;
  try {
    images = await decode.all({ buffer });
    const image = images[0];
    if (image.width * image.height > maxPixels) return parentPort.postMessage({ id, tooLarge: true });
    const { width, height, data } = await image.decode();
    const rgba = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    parentPort.postMessage({ id, width, height, rgba }, [rgba.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  } finally {
    if (images) images.dispose();
  }
});
`;

interface Waiting {
  resolve: (image: DecodedHeif) => void;
  reject: (error: Error) => void;
}

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, Waiting>();
/** Photos wait for the one before: one decode at a time. */
let queue: Promise<unknown> = Promise.resolve();

function failAll(error: Error): void {
  for (const entry of waiting.values()) entry.reject(error);
  waiting.clear();
}

function started(): Worker {
  if (worker) return worker;
  const created = new Worker(WORKER_SOURCE, { eval: true, workerData: { heicDecode: require.resolve('heic-decode') } });
  created.unref();
  created.on('message', (reply: Reply) => {
    const entry = waiting.get(reply.id);
    if (!entry) return;
    waiting.delete(reply.id);
    if (waiting.size === 0) created.unref();
    if ('error' in reply) entry.reject(new HeifUnreadable(reply.error));
    else if ('tooLarge' in reply) entry.reject(new HeifTooLarge('too many pixels'));
    else entry.resolve({ width: reply.width, height: reply.height, rgba: Buffer.from(reply.rgba.buffer, reply.rgba.byteOffset, reply.rgba.byteLength) });
  });
  created.on('error', (error: Error) => failAll(error));
  created.on('exit', (code) => {
    if (worker === created) worker = undefined;
    failAll(new Error(`The HEIF decoder stopped (exit code ${code})`));
  });
  worker = created;
  return created;
}

function decodeNow(buffer: Buffer, maxPixels: number): Promise<DecodedHeif> {
  return new Promise((resolve, reject) => {
    const target = started();
    const id = (nextId += 1);
    waiting.set(id, { resolve, reject });
    target.ref(); // busy: the photo's request waits on it
    // A copy the worker owns; the request keeps its upload buffer.
    const copy = Uint8Array.from(buffer);
    target.postMessage({ id, buffer: copy, maxPixels }, [copy.buffer]);
  });
}

/** Decodes the first image of a HEIF file in the worker thread; rejects with HeifUnreadable or HeifTooLarge. */
export function decodeHeif(buffer: Buffer, maxPixels: number): Promise<DecodedHeif> {
  const result = queue.then(() => decodeNow(buffer, maxPixels));
  queue = result.catch(() => undefined);
  return result;
}

/** Ends the worker (application shutdown); the next decode would start another. */
export async function stopHeifDecoder(): Promise<void> {
  const running = worker;
  worker = undefined;
  if (running) await running.terminate();
}
