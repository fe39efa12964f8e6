import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { api, asProblem, type Campaign, type LinkTarget, type ShareChannel, type ShareLink } from '../../lib/api';
import { fetchCard, fetchQr, handOver } from '../../lib/humas-files';
import { readProblem } from '../../lib/problems';
import { Said } from '../form-notes';
import type { FeaturedItem } from './featured-picker';

export const CHANNELS: readonly ShareChannel[] = ['WHATSAPP', 'INSTAGRAM', 'FACEBOOK', 'TIKTOK', 'X', 'PRINT'];

interface CampaignLinksProps {
  campaign: Campaign;
  /** The saved featured products and stories, with names: the pages a link can open. */
  featured: { products: FeaturedItem[]; stories: FeaturedItem[] };
}

/** "HOME", or the kind and id of a featured page, as one select value. */
function targetOf(value: string): { targetKind: LinkTarget; targetId?: string } {
  const [kind, id] = value.split(':');
  return kind === 'PRODUCT' || kind === 'STORY' ? { targetKind: kind, targetId: id } : { targetKind: 'HOME' };
}

export function CampaignLinks({ campaign, featured }: CampaignLinksProps) {
  const { t } = useI18n();
  const [links, setLinks] = useState<ShareLink[] | undefined>();
  const [channel, setChannel] = useState<ShareChannel>('WHATSAPP');
  const [target, setTarget] = useState('HOME');
  const [message, setMessage] = useState<{ text: string; kind: 'alert' | 'status' } | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.GET('/api/v1/admin/humas/campaigns/{id}/links', { params: { path: { id: campaign.id }, query: { limit: 100 } } }).then(({ data }) => setLinks(data?.data ?? []));
  }, [campaign.id]);

  async function create(event: Event): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setMessage(undefined);
    try {
      const { data, error, response } = await api.POST('/api/v1/admin/humas/campaigns/{id}/links', { params: { path: { id: campaign.id } }, body: { channel, ...targetOf(target) } });
      if (!data) return setMessage({ text: readProblem(asProblem(error, response.status), t).message ?? t('error.generic'), kind: 'alert' });
      setLinks((before) => [data, ...(before ?? [])]);
      setMessage({ text: t('links.created'), kind: 'status' });
    } catch {
      setMessage({ text: t('app.offline'), kind: 'alert' });
    } finally {
      setBusy(false);
    }
  }

  async function copy(link: ShareLink): Promise<void> {
    try {
      await navigator.clipboard.writeText(link.shortUrl);
      setMessage({ text: t('links.copied'), kind: 'status' });
    } catch {
      setMessage({ text: t('links.copyFailed'), kind: 'alert' });
    }
  }

  async function download(link: ShareLink, what: 'svg' | 'png' | 'card'): Promise<void> {
    setMessage(undefined);
    try {
      const result = what === 'card' ? await fetchCard(link.id) : await fetchQr(link.id, what);
      if ('status' in result) return setMessage({ text: t('links.downloadFailed'), kind: 'alert' });
      handOver(result.blob, what === 'card' ? undefined : `qr-${link.code}.${what}`);
    } catch {
      setMessage({ text: t('app.offline'), kind: 'alert' });
    }
  }

  const pageName = (link: ShareLink): string => {
    if (link.targetKind === 'PRODUCT') return t('links.targetProduct', { name: featured.products.find((item) => item.id === link.targetId)?.name ?? '' });
    if (link.targetKind === 'STORY') return t('links.targetStory', { name: featured.stories.find((item) => item.id === link.targetId)?.name ?? '' });
    return t('links.targetHome');
  };

  return (
    <section class="card" aria-labelledby="links-title">
      <h2 id="links-title">{t('links.title')}</h2>
      <p class="hint">{t('links.hint')}</p>
      <form onSubmit={(event) => void create(event)} noValidate>
        <label for="channel">{t('links.channel')}</label>
        <select id="channel" value={channel} onChange={(e) => setChannel(e.currentTarget.value as ShareChannel)}>
          {CHANNELS.map((value) => (
            <option value={value} key={value}>
              {t(`channel.${value}`)}
            </option>
          ))}
        </select>
        <label for="target">{t('links.target')}</label>
        <select id="target" value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
          <option value="HOME">{t('links.targetHome')}</option>
          {featured.products.map((item) => (
            <option value={`PRODUCT:${item.id}`} key={item.id}>
              {t('links.targetProduct', { name: item.name })}
            </option>
          ))}
          {featured.stories.map((item) => (
            <option value={`STORY:${item.id}`} key={item.id}>
              {t('links.targetStory', { name: item.name })}
            </option>
          ))}
        </select>
        <button type="submit" class="primary" disabled={busy}>
          {t('links.create')}
        </button>
      </form>
      <Said message={message} />
      {links === undefined ? (
        <p class="loading">{t('app.loading')}</p>
      ) : links.length === 0 ? (
        <p>{t('links.none')}</p>
      ) : (
        <ul class="links">
          {links.map((link) => (
            <li key={link.id}>
              <h3>
                {t(`channel.${link.channel}`)} · {pageName(link)}
              </h3>
              <a class="code" href={link.shortUrl} target="_blank" rel="noopener">
                {link.shortUrl}
              </a>
              <div class="actions">
                <button type="button" onClick={() => void copy(link)} aria-label={`${t('links.copy')} ${t(`channel.${link.channel}`)}`}>
                  {t('links.copy')}
                </button>
                <button type="button" onClick={() => void download(link, 'svg')}>
                  {t('links.qrSvg')}
                </button>
                <button type="button" onClick={() => void download(link, 'png')}>
                  {t('links.qrPng')}
                </button>
                {link.targetKind === 'PRODUCT' && (
                  <button type="button" onClick={() => void download(link, 'card')}>
                    {t('links.card')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
