import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { api, type ShareKit } from '../lib/api';
import { useDraft } from '../lib/drafts';
import { ShareCampaignPicker, type TrackedChoice } from './share-kit-campaign';

const FORMAT_LABEL = { landscape: 'share.landscape', square: 'share.square', story: 'share.story' } as const;

/** The pictures are served by this same application: their path works whatever host the public link names. */
function localPath(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname;
}

async function copyText(text: string, area: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Older WebViews, or no permission: select the text so a long press copies it.
    area?.select();
    return false;
  }
}

function CaptionEditor({ kit }: { kit: ShareKit }) {
  const { t } = useI18n();
  const draft = useDraft(`share-caption:${kit.kind}:${kit.id}${kit.trackedLink ? `:${kit.trackedLink}` : ''}`, { caption: kit.caption });
  const [copied, setCopied] = useState<'yes' | 'no' | undefined>();
  const areaId = `share-caption-${kit.id}`;
  return (
    <div class="field">
      <label for={areaId}>{t('share.caption')}</label>
      <p class="hint" id={`${areaId}-hint`}>
        {t('share.captionHint')}
      </p>
      <textarea
        id={areaId}
        rows={8}
        aria-describedby={`${areaId}-hint`}
        value={draft.value.caption}
        onInput={(event) => {
          setCopied(undefined);
          draft.set({ caption: event.currentTarget.value });
        }}
      />
      <div class="actions">
        <button
          type="button"
          class="primary"
          onClick={() => void copyText(draft.value.caption, document.getElementById(areaId) as HTMLTextAreaElement | null).then((ok) => setCopied(ok ? 'yes' : 'no'))}
        >
          {t('share.copy')}
        </button>
        {draft.value.caption !== kit.caption && (
          <button type="button" onClick={() => draft.reset({ caption: kit.caption })}>
            {t('share.resetCaption')}
          </button>
        )}
      </div>
      <p role="status" class={copied === 'yes' ? 'ok' : copied === 'no' ? 'note' : undefined}>
        {copied === 'yes' ? t('share.copied') : copied === 'no' ? t('share.copyFailed') : ''}
      </p>
    </div>
  );
}

/**
 * "Bagikan": the share pictures of a published product or story, each to preview and download, and
 * a caption to edit and copy. `revision` reloads it after an edit (the pictures show what is saved).
 */
export function ShareKitSection({ kind, id, published, revision }: { kind: 'product' | 'story'; id: string; published: boolean; revision: string }) {
  const { t } = useI18n();
  const [kit, setKit] = useState<ShareKit | undefined>();
  const [failed, setFailed] = useState(false);
  const [tracked, setTracked] = useState<TrackedChoice | undefined>();

  useEffect(() => {
    if (!published) return;
    let live = true;
    setFailed(false);
    const query = tracked ? { campaignId: tracked.campaignId, channel: tracked.channel } : {};
    const request =
      kind === 'product'
        ? api.GET('/api/v1/admin/products/{id}/share-kit', { params: { path: { id }, query } })
        : api.GET('/api/v1/admin/stories/{id}/share-kit', { params: { path: { id }, query } });
    request
      .then(({ data }) => {
        if (!live) return;
        if (data) setKit(data);
        else setFailed(true);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [kind, id, published, revision, tracked?.campaignId, tracked?.channel]);

  return (
    <section class="card share-kit" aria-labelledby="share-kit-title">
      <h2 id="share-kit-title">{t('share.title')}</h2>
      {!published ? (
        <p class="hint">{t(kind === 'product' ? 'share.publishFirst' : 'share.publishStoryFirst')}</p>
      ) : failed ? (
        <>
          <p class="alert" role="alert">
            {t('share.failed')}
          </p>
          {/* A campaign that refused this page (outside its scope): another choice, or none, can still load the kit. */}
          {tracked && <ShareCampaignPicker value={tracked} onChange={setTracked} />}
        </>
      ) : !kit ? (
        <p class="loading">{t('app.loading')}</p>
      ) : (
        <>
          <ul class="share-images">
            {kit.images.map((image) => (
              <li key={image.format}>
                <img src={localPath(image.url)} width={image.width} height={image.height} alt={`${kit.alt} (${image.width}×${image.height})`} loading="lazy" decoding="async" />
                <a class="button" href={localPath(image.url)} download={image.fileName}>
                  {t('share.download', { what: t(FORMAT_LABEL[image.format]), size: `${image.width}×${image.height}` })}
                </a>
              </li>
            ))}
          </ul>
          <ShareCampaignPicker value={tracked} onChange={setTracked} />
          <CaptionEditor key={kit.caption} kit={kit} />
        </>
      )}
    </section>
  );
}
