import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { api, asProblem, type ProductImage } from '../lib/api';
import { readProblem } from '../lib/problems';
import { Field } from './field';
import { Said } from './form-notes';

export type ImagesUpdate = (update: (images: ProductImage[]) => ProductImage[]) => void;

/**
 * The product's photos in gallery order (the first is the cover): move up or down with buttons
 * (no drag needed), change the alt text, delete after a second tap. Each change is saved at once.
 */
export function PhotoGallery({ productId, images, onChanged }: { productId: string; images: ProductImage[]; onChanged: ImagesUpdate }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<{ id: string; alt: string; error?: string } | undefined>();
  const [confirming, setConfirming] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; kind: 'alert' | 'status' } | undefined>();

  async function change(image: ProductImage, body: { position?: number; alt?: string }, done: string): Promise<boolean> {
    setBusy(true);
    setMessage(undefined);
    try {
      const { data, error, response } = await api.PATCH('/api/v1/admin/products/{id}/images/{imageId}', { params: { path: { id: productId, imageId: image.id } }, body });
      if (!data) {
        const read = readProblem(asProblem(error, response.status), t);
        setMessage({ text: read.fields.alt ?? read.message ?? t('error.generic'), kind: 'alert' });
        return false;
      }
      onChanged(() => data);
      setMessage({ text: done, kind: 'status' });
      return true;
    } catch {
      setMessage({ text: t('app.offline'), kind: 'alert' });
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function saveAlt(event: Event, image: ProductImage): Promise<void> {
    event.preventDefault();
    if (!editing) return;
    if (editing.alt.trim() === '') return setEditing({ ...editing, error: t('error.alt') });
    if (await change(image, { alt: editing.alt.trim() }, t('photos.altSaved'))) setEditing(undefined);
  }

  async function remove(image: ProductImage): Promise<void> {
    setBusy(true);
    setMessage(undefined);
    try {
      const { response, error } = await api.DELETE('/api/v1/admin/products/{id}/images/{imageId}', { params: { path: { id: productId, imageId: image.id } } });
      if (response.status !== 204) return setMessage({ text: readProblem(asProblem(error, response.status), t).message ?? t('error.generic'), kind: 'alert' });
      onChanged((list) => list.filter((other) => other.id !== image.id).map((other, index) => ({ ...other, position: index })));
      setConfirming(undefined);
      setMessage({ text: t('photos.deleted'), kind: 'status' });
    } catch {
      setMessage({ text: t('app.offline'), kind: 'alert' });
    } finally {
      setBusy(false);
    }
  }

  if (images.length === 0) return <p>{t('photos.none')}</p>;
  return (
    <>
      <Said message={message} />
      <ol class="gallery">
        {images.map((image, index) => {
          const n = index + 1;
          return (
            <li key={image.id}>
              <img src={image.thumbUrl} alt={image.alt} width={96} height={Math.round((96 * image.height) / image.width)} loading="lazy" />
              <div class="grow">
                <p class="meta">{t('photos.position', { n, count: images.length })}</p>
                <p>{image.alt === '' ? <em>{t('photos.noAlt')}</em> : image.alt}</p>
                {editing?.id === image.id ? (
                  <form onSubmit={(event) => void saveAlt(event, image)} noValidate>
                    <Field
                      id={`alt-${image.id}`}
                      label={t('photos.alt')}
                      hint={t('photos.altHint')}
                      error={editing.error}
                      value={editing.alt}
                      onInput={(alt) => setEditing({ ...editing, alt, error: undefined })}
                      required
                    />
                    <div class="actions">
                      <button type="submit" class="primary" disabled={busy}>
                        {t('photos.saveAlt')}
                      </button>
                      <button type="button" onClick={() => setEditing(undefined)}>
                        {t('photos.cancel')}
                      </button>
                    </div>
                  </form>
                ) : confirming === image.id ? (
                  <div class="actions" role="group" aria-label={t('photos.deleteConfirm', { n })}>
                    <p>{t('photos.deleteConfirm', { n })}</p>
                    <button type="button" class="danger" disabled={busy} onClick={() => void remove(image)}>
                      {t('photos.deleteYes')}
                    </button>
                    <button type="button" onClick={() => setConfirming(undefined)}>
                      {t('photos.cancel')}
                    </button>
                  </div>
                ) : (
                  <div class="actions">
                    <button type="button" disabled={busy || index === 0} aria-label={t('photos.moveUp', { n })} onClick={() => void change(image, { position: index - 1 }, t('photos.moved', { n, to: n - 1 }))}>
                      ↑
                    </button>
                    <button
                      type="button"
                      disabled={busy || index === images.length - 1}
                      aria-label={t('photos.moveDown', { n })}
                      onClick={() => void change(image, { position: index + 1 }, t('photos.moved', { n, to: n + 1 }))}
                    >
                      ↓
                    </button>
                    <button type="button" aria-label={t('photos.editAltOf', { n })} onClick={() => setEditing({ id: image.id, alt: image.alt })}>
                      {t('photos.editAlt')}
                    </button>
                    <button type="button" aria-label={t('photos.deleteOf', { n })} onClick={() => setConfirming(image.id)}>
                      {t('photos.delete')}
                    </button>
                  </div>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}
