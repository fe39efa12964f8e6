import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import type { Story } from '../lib/api';
import { downscale, uploadCover } from '../lib/photos';
import { readProblem } from '../lib/problems';
import { Field } from './field';
import { Said } from './form-notes';

/** The cover photo: from the camera, made small on the phone, uploaded with progress; its description is required. */
export function StoryCoverSection({ story, onChanged }: { story: Story; onChanged: (story: Story) => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | undefined>();
  const [alt, setAlt] = useState('');
  const [altError, setAltError] = useState<string | undefined>();
  const [progress, setProgress] = useState<number | undefined>();
  const [message, setMessage] = useState<{ text: string; kind: 'alert' | 'status' } | undefined>();
  const cover = (story.status === 'PUBLISHED' && story.revision ? story.revision : story).cover;

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    setMessage(undefined);
    if (alt.trim() === '') return setAltError(t('error.alt'));
    setAltError(undefined);
    if (!file) return;
    setProgress(0);
    const photo = await downscale(file).catch(() => file);
    const result = await uploadCover(story.id, photo, alt.trim(), setProgress);
    setProgress(undefined);
    if (result.ok) {
      onChanged(result.story);
      setMessage({ text: t('story.coverSaved'), kind: 'status' });
      return;
    }
    const read = result.problem ? readProblem(result.problem, t) : undefined;
    if (read?.fields.alt) setAltError(read.fields.alt);
    setMessage({ text: read ? (read.message ?? t('error.generic')) : t('photos.failed'), kind: 'alert' });
  }

  return (
    <section class="card" aria-labelledby="cover-heading">
      <h2 id="cover-heading">{t('story.cover')}</h2>
      {cover && <img class="cover" src={cover.mediumUrl} alt={cover.alt} width={300} height={Math.round((300 * cover.height) / Math.max(1, cover.width))} />}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label for="cover-file">{t('story.coverFile')}</label>
        <input id="cover-file" type="file" accept="image/*" onChange={(e) => setFile(e.currentTarget.files?.[0])} />
        <Field id="alt" label={t('story.coverAlt')} hint={t('story.coverAltHint')} error={altError} value={alt} onInput={setAlt} required />
        {progress !== undefined && <progress value={progress} max={1} aria-label={t('story.cover')} />}
        <button type="submit" disabled={progress !== undefined}>
          {t('story.coverUpload')}
        </button>
      </form>
      <Said message={message} />
    </section>
  );
}
