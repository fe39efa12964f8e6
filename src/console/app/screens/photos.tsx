import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import type { Product } from '../lib/api';
import { downscale } from '../lib/photos';
import { AUTO_RETRIES, mergeImages, newUploadKey, uploadWithRetries } from '../lib/photos-upload';
import { readProblem } from '../lib/problems';
import { Field } from './field';
import { PhotoGallery, type ImagesUpdate } from './photo-gallery';

interface Pending {
  /** Also the Idempotency-Key: every retry of this photo sends the same one. */
  key: string;
  name: string;
  photo: Blob;
  alt: string;
  progress: number;
  retry?: number;
  failed?: string;
}

/**
 * Photos from the camera or gallery, several at once: each made small on the phone, uploaded in
 * turn with its own progress bar, retried by itself on a dropped connection (same key, so never
 * twice), then shown in the gallery where it can be moved, described and deleted.
 */
export function PhotosSection({ product, onChanged }: { product: Product; onChanged: ImagesUpdate }) {
  const { t } = useI18n();
  const [files, setFiles] = useState<File[]>([]);
  const [alt, setAlt] = useState('');
  const [altError, setAltError] = useState<string | undefined>();
  const [pending, setPending] = useState<Pending[]>([]);
  const [done, setDone] = useState(0);

  const patch = (key: string, change: Partial<Pending>): void => setPending((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));

  async function send(item: Pending): Promise<void> {
    patch(item.key, { failed: undefined, retry: undefined, progress: 0 });
    const result = await uploadWithRetries(
      product.id,
      item.photo,
      item.alt,
      item.key,
      (progress) => patch(item.key, { progress }),
      (retry) => patch(item.key, { retry }),
    );
    if (result.ok) {
      setPending((list) => list.filter((other) => other.key !== item.key));
      onChanged((images) => mergeImages(images, result.images));
      setDone((count) => count + 1);
      return;
    }
    const read = result.problem ? readProblem(result.problem, t) : undefined;
    patch(item.key, { retry: undefined, failed: read ? (read.fields.alt ?? read.fields.files ?? read.message) : t('photos.failed') });
  }

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    setDone(0);
    if (alt.trim() === '') return setAltError(t('error.alt'));
    setAltError(undefined);
    if (files.length === 0) return;
    const chosen = files;
    setFiles([]);
    setAlt('');
    form.reset();
    const items: Pending[] = [];
    for (const file of chosen) {
      // A photo the browser cannot decode (HEIC on most Android browsers) goes as it is: the server decodes it.
      items.push({ key: newUploadKey(), name: file.name, photo: await downscale(file).catch(() => file), alt: alt.trim(), progress: 0 });
    }
    setPending((list) => [...list, ...items]);
    // One at a time: on a slow link, parallel uploads only make every photo late.
    for (const item of items) await send(item);
  }

  return (
    <section class="card" aria-labelledby="photos-title">
      <h2 id="photos-title">{t('photos.title')}</h2>
      <p class="hint">{t('photos.orderHint')}</p>
      <PhotoGallery productId={product.id} images={product.images} onChanged={onChanged} />
      {done > 0 && pending.length === 0 && (
        <p class="ok" role="status">
          {t('photos.done', { count: done })}
        </p>
      )}
      <ul class="uploads">
        {pending.map((item) => (
          <li key={item.key}>
            <span id={`up-${item.key}`}>{t('photos.uploading', { name: item.name })}</span>
            <progress max={1} value={item.progress} aria-labelledby={`up-${item.key}`} />
            {item.retry !== undefined && (
              <p class="hint" role="status">
                {t('photos.retrying', { attempt: item.retry, max: AUTO_RETRIES })}
              </p>
            )}
            {item.failed && (
              <>
                <p class="alert" role="alert">
                  {item.failed}
                </p>
                <button type="button" onClick={() => void send(item)}>
                  {t('photos.retry')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div class="field">
          <label for="photo">{t('photos.add')}</label>
          <p class="hint" id="photo-hint">
            {t('photos.addHint')}
          </p>
          <input id="photo" type="file" accept="image/*" multiple aria-describedby="photo-hint" onChange={(e) => setFiles(Array.from(e.currentTarget.files ?? []))} />
        </div>
        <Field id="alt" label={t('photos.alt')} hint={t('photos.altHint')} error={altError} value={alt} onInput={setAlt} required />
        <button type="submit" class="primary" disabled={files.length === 0}>
          {files.length > 1 ? t('photos.uploadMany', { count: files.length }) : t('photos.upload')}
        </button>
      </form>
    </section>
  );
}
