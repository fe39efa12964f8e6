import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import type { Product, ProductImage } from '../lib/api';
import { downscale, uploadPhoto } from '../lib/photos';
import { readProblem } from '../lib/problems';
import { Field } from './field';

interface Pending {
  /** Also the Idempotency-Key: every retry of this photo sends the same one. */
  key: string;
  name: string;
  photo: Blob;
  alt: string;
  progress: number;
  failed?: string;
}

function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Photos from the camera or gallery: made small on the phone, uploaded one by one with progress, retried without duplicates. */
export function PhotosSection({ product, onChanged }: { product: Product; onChanged: (images: ProductImage[]) => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | undefined>();
  const [alt, setAlt] = useState('');
  const [altError, setAltError] = useState<string | undefined>();
  const [pending, setPending] = useState<Pending[]>([]);
  const [done, setDone] = useState(false);

  const patch = (key: string, change: Partial<Pending>): void => setPending((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));

  async function send(item: Pending, images: ProductImage[]): Promise<void> {
    patch(item.key, { failed: undefined, progress: 0 });
    const result = await uploadPhoto(product.id, item.photo, item.alt, item.key, (progress) => patch(item.key, { progress }));
    if (result.ok) {
      setPending((list) => list.filter((other) => other.key !== item.key));
      // A retry answers with the photo already stored: keep one copy in the gallery.
      onChanged([...images.filter((image) => !result.images.some((added) => added.id === image.id)), ...result.images]);
      setDone(true);
      return;
    }
    patch(item.key, { failed: result.problem ? (readProblem(result.problem, t).fields.alt ?? readProblem(result.problem, t).message) : t('photos.failed') });
  }

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    setDone(false);
    if (alt.trim() === '') return setAltError(t('error.alt'));
    setAltError(undefined);
    if (!file) return;
    const item: Pending = { key: newKey(), name: file.name, photo: await downscale(file).catch(() => file), alt: alt.trim(), progress: 0 };
    setPending((list) => [...list, item]);
    setFile(undefined);
    setAlt('');
    form.reset();
    await send(item, product.images);
  }

  return (
    <section class="card" aria-labelledby="photos-title">
      <h2 id="photos-title">{t('photos.title')}</h2>
      {product.images.length === 0 ? (
        <p>{t('photos.none')}</p>
      ) : (
        <ul class="photos">
          {product.images.map((image) => (
            <li key={image.id}>
              <img src={image.thumbUrl} alt={image.alt} width={100} height={Math.round((100 * image.height) / image.width)} loading="lazy" />
            </li>
          ))}
        </ul>
      )}
      {done && (
        <p class="ok" role="status">
          {t('photos.done')}
        </p>
      )}
      <ul class="uploads">
        {pending.map((item) => (
          <li key={item.key}>
            <span id={`up-${item.key}`}>{t('photos.uploading', { name: item.name })}</span>
            <progress max={1} value={item.progress} aria-labelledby={`up-${item.key}`} />
            {item.failed && (
              <>
                <p class="alert" role="alert">
                  {item.failed}
                </p>
                <button type="button" onClick={() => void send(item, product.images)}>
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
          <input id="photo" type="file" accept="image/*" aria-describedby="photo-hint" onChange={(e) => setFile(e.currentTarget.files?.[0])} />
        </div>
        <Field id="alt" label={t('photos.alt')} hint={t('photos.altHint')} error={altError} value={alt} onInput={setAlt} required />
        <button type="submit" class="primary" disabled={!file}>
          {t('photos.upload')}
        </button>
      </form>
    </section>
  );
}
