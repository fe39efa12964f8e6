import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { rupiah, useI18n } from '../i18n/i18n';
import { api, asProblem, type Campaign, type CampaignSummary, type ShareLink } from '../lib/api';
import { readProblem } from '../lib/problems';

const CHANNELS = ['WHATSAPP', 'INSTAGRAM', 'FACEBOOK', 'TIKTOK', 'X', 'PRINT'] as const;
type Channel = (typeof CHANNELS)[number];
const CHANNEL_NAMES: Record<Channel, string> = { WHATSAPP: 'WhatsApp', INSTAGRAM: 'Instagram', FACEBOOK: 'Facebook', TIKTOK: 'TikTok', X: 'X', PRINT: 'Cetak / QR' };

/** One campaign: what it brought (clicks by channel, orders, paid revenue) and its share links with their QR codes. */
export function CampaignScreen({ id }: { id: string }) {
  const { t } = useI18n();
  const [campaign, setCampaign] = useState<Campaign | undefined>();
  const [summary, setSummary] = useState<CampaignSummary | undefined>();
  const [links, setLinks] = useState<ShareLink[]>([]);
  const [products, setProducts] = useState<{ id: string; name: string }[]>([]);
  const [channel, setChannel] = useState<Channel>('WHATSAPP');
  const [target, setTarget] = useState('HOME');
  const [message, setMessage] = useState<string | undefined>();
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);

  async function load(): Promise<void> {
    const [one, results, list] = await Promise.all([
      api.GET('/api/v1/admin/humas/campaigns/{id}', { params: { path: { id } } }),
      api.GET('/api/v1/admin/humas/campaigns/{id}/summary', { params: { path: { id } } }),
      api.GET('/api/v1/admin/humas/campaigns/{id}/links', { params: { path: { id }, query: { limit: 100 } } }),
    ]);
    if (one.response.status === 404) return setMissing(true);
    if (!one.data) return setMessage(t('app.offline'));
    setCampaign(one.data);
    setSummary(results.data);
    setLinks(list.data?.data ?? []);
    const named = await Promise.all(
      one.data.productIds.map(async (productId) => {
        const { data } = await api.GET('/api/v1/admin/products/{id}', { params: { path: { id: productId } } });
        return data ? { id: data.id, name: data.name } : undefined;
      }),
    );
    setProducts(named.filter((product): product is { id: string; name: string } => product !== undefined));
  }

  useEffect(() => {
    void load().catch(() => setMessage(t('app.offline')));
  }, [id]);

  async function createLink(event: Event): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setMessage(undefined);
    try {
      const body = target === 'HOME' ? { channel, targetKind: 'HOME' as const } : { channel, targetKind: 'PRODUCT' as const, targetId: target };
      const { data, error, response } = await api.POST('/api/v1/admin/humas/campaigns/{id}/links', { params: { path: { id } }, body });
      if (!data) return setMessage(readProblem(asProblem(error, response.status), t).message ?? t('error.generic'));
      setLinks((before) => [data, ...before]);
    } catch {
      setMessage(t('app.offline'));
    } finally {
      setBusy(false);
    }
  }

  if (missing) return <p>{t('error.NOT_FOUND')}</p>;
  if (!campaign) return message ? <p class="alert" role="alert">{message}</p> : <p class="loading">{t('app.loading')}</p>;
  return (
    <section>
      <h1>{campaign.name}</h1>
      <p class="meta">
        {t('campaigns.period', { from: campaign.startsOn, to: campaign.endsOn })} · {t(`campaigns.goal.${campaign.goal}`)} · {t(`campaigns.scope.${campaign.scope}`)}
      </p>
      {summary && (
        <>
          <h2>{t('campaigns.summary')}</h2>
          <dl class="facts">
            <dt>{t('campaigns.clicks')}</dt>
            <dd>{summary.clicks}</dd>
            {CHANNELS.map((name) => (
              <Fragment key={name}>
                <dt class="sub">{CHANNEL_NAMES[name]}</dt>
                <dd>{summary.clicksByChannel[name]}</dd>
              </Fragment>
            ))}
            <dt>{t('campaigns.orders')}</dt>
            <dd>{summary.orders}</dd>
            <dt>{t('campaigns.paid')}</dt>
            <dd>{summary.paidOrders}</dd>
            <dt>{t('campaigns.revenue')}</dt>
            <dd>{rupiah(summary.paidRevenue)}</dd>
          </dl>
          <p class="hint">{t('campaigns.touchHint')}</p>
        </>
      )}
      <h2>{t('campaigns.links')}</h2>
      {message && (
        <p class="alert" role="alert">
          {message}
        </p>
      )}
      <form onSubmit={(event) => void createLink(event)}>
        <div class="field">
          <label for="channel">{t('campaigns.link.channel')}</label>
          <select id="channel" value={channel} onChange={(event) => setChannel(event.currentTarget.value as Channel)}>
            {CHANNELS.map((name) => (
              <option key={name} value={name}>
                {CHANNEL_NAMES[name]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="target">{t('campaigns.link.target')}</label>
          <select id="target" value={target} onChange={(event) => setTarget(event.currentTarget.value)}>
            <option value="HOME">{t('campaigns.link.home')}</option>
            {products.map((product) => (
              <option key={product.id} value={product.id}>
                {product.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {t('campaigns.link.create')}
        </button>
      </form>
      {links.length === 0 ? (
        <p>{t('campaigns.noLinks')}</p>
      ) : (
        <ul class="list links">
          {links.map((link) => (
            <LinkItem key={link.id} link={link} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** A link with its short address to copy and its QR code (PNG, drawn by the API) to show and download. */
function LinkItem({ link }: { link: ShareLink }) {
  const { t } = useI18n();
  const [qr, setQr] = useState<string | undefined>();

  useEffect(() => {
    let url: string | undefined;
    void api.GET('/api/v1/admin/humas/links/{id}/qr', { params: { path: { id: link.id }, query: { format: 'png' } }, parseAs: 'blob' }).then(({ data }) => {
      if (data instanceof Blob) {
        url = URL.createObjectURL(data);
        setQr(url);
      }
    });
    return () => url && URL.revokeObjectURL(url);
  }, [link.id]);

  return (
    <li>
      <span class="grow">
        <strong>{CHANNEL_NAMES[link.channel]}</strong>
        <span class="meta">{link.shortUrl}</span>
        {qr && (
          <a href={qr} download={`qr-${link.code}.png`}>
            {t('campaigns.link.download')}
          </a>
        )}
      </span>
      {qr && <img src={qr} alt={t('campaigns.link.qr', { code: link.code })} width={96} height={96} />}
    </li>
  );
}
