import { useEffect, useState } from 'preact/hooks';
import { useI18n, type Translate } from '../../i18n/i18n';
import { api, type Campaign, type CreateCampaign, type Problem } from '../../lib/api';
import { useDraft } from '../../lib/drafts';
import { useFormSubmit } from '../../lib/form-submit';
import { readProblem, type LocalMessages, type ReadProblem } from '../../lib/problems';
import { BASE, navigate } from '../../lib/router';
import { Field } from '../field';
import { DraftNote, NotFound, Said } from '../form-notes';
import { CampaignLinks } from './campaign-links';
import { CampaignSummarySection } from './campaign-summary';
import { FeaturedPicker, type FeaturedItem } from './featured-picker';

/** A campaign's featured lists are checked against its scope, not a story's facility. */
const CAMPAIGN_MESSAGES: LocalMessages = { productIds: ['productIds', 'error.campaignProductIds'], storyIds: ['storyIds', 'error.campaignStoryIds'] };

function readCampaignProblem(problem: Problem, t: Translate): ReadProblem {
  const read = readProblem(problem, t, CAMPAIGN_MESSAGES);
  // The shared catalogue words `name` for products; a campaign's name has its own limits.
  if (read.fields.name) read.fields.name = t('error.campaignName');
  return read;
}

/** The form as typed; featured items keep their names so a restored draft can show them. */
interface CampaignForm {
  name: string;
  startsOn: string;
  endsOn: string;
  goal: CreateCampaign['goal'];
  products: FeaturedItem[];
  stories: FeaturedItem[];
}

const EMPTY: CampaignForm = { name: '', startsOn: '', endsOn: '', goal: 'VISITS', products: [], stories: [] };

function bodyOf(form: CampaignForm): CreateCampaign {
  return {
    name: form.name,
    startsOn: form.startsOn,
    endsOn: form.endsOn,
    goal: form.goal,
    productIds: form.products.map((item) => item.id),
    storyIds: form.stories.map((item) => item.id),
  };
}

async function searchProducts(query: string): Promise<FeaturedItem[]> {
  const { data } = await api.GET('/api/v1/admin/products', { params: { query: { limit: 20, ...(query && { q: query }) } } });
  if (!data) throw new Error('products');
  return data.data.map((product) => ({ id: product.id, name: product.name }));
}

/** The stories API has no text search: the newest hundred, matched on the title here. */
async function searchStories(query: string): Promise<FeaturedItem[]> {
  const { data } = await api.GET('/api/v1/admin/stories', { params: { query: { limit: 100 } } });
  if (!data) throw new Error('stories');
  const words = query.toLocaleLowerCase('id');
  return data.data.filter((story) => story.title.toLocaleLowerCase('id').includes(words)).map((story) => ({ id: story.id, name: story.title }));
}

/** Names of a saved campaign's featured items (the campaign keeps only their ids). */
async function namesOf(campaign: Campaign): Promise<Pick<CampaignForm, 'products' | 'stories'>> {
  const products = await Promise.all(
    campaign.productIds.map(async (id) => {
      const { data } = await api.GET('/api/v1/admin/products/{id}', { params: { path: { id } } });
      return { id, name: data?.name ?? id };
    }),
  );
  const stories = campaign.storyIds.length === 0 ? [] : await searchStories('');
  return { products, stories: campaign.storyIds.map((id) => stories.find((story) => story.id === id) ?? { id, name: id }) };
}

export function CampaignScreen({ id }: { id: string | null }) {
  const { t } = useI18n();
  const draft = useDraft<CampaignForm>(`campaign:${id ?? 'new'}`, EMPTY);
  const [campaign, setCampaign] = useState<Campaign | undefined>();
  const [saved, setSaved] = useState<CampaignForm>(EMPTY);
  const { busy, errors, message, say, submit, failed, notLoaded } = useFormSubmit({ read: readCampaignProblem });
  const [missing, setMissing] = useState(false);
  const form = draft.value;

  async function adopt(data: Campaign, keepDraft: boolean): Promise<void> {
    setCampaign(data);
    const loaded = { name: data.name, startsOn: data.startsOn, endsOn: data.endsOn, goal: data.goal, ...(await namesOf(data)) };
    setSaved(loaded);
    if (!keepDraft) draft.reset(loaded);
  }

  useEffect(() => {
    if (id === null) return;
    void api.GET('/api/v1/admin/humas/campaigns/{id}', { params: { path: { id } } }).then(({ data, error, response }) => {
      // Another facility's campaign is a 404 too: the same words as one that does not exist.
      if (response.status === 404) return setMissing(true);
      if (!data) return notLoaded(error, response.status);
      // A kept draft wins over the server's copy: it is what the person typed and has not saved.
      void adopt(data, draft.restored);
    });
  }, [id]);

  const update = (field: 'name' | 'startsOn' | 'endsOn' | 'goal') => (value: string) => draft.set({ ...form, [field]: value });

  async function save(event: Event): Promise<void> {
    event.preventDefault();
    await submit(async () => {
      if (id === null) {
        const { data, error, response } = await api.POST('/api/v1/admin/humas/campaigns', { body: bodyOf(form) });
        if (!data) return failed(error, response.status);
        draft.reset(EMPTY);
        navigate(`${BASE}/kampanye/${data.id}`, { replace: true });
        return;
      }
      const { data, error, response } = await api.PATCH('/api/v1/admin/humas/campaigns/{id}', { params: { path: { id } }, body: bodyOf(form) });
      if (!data) return failed(error, response.status);
      setCampaign(data);
      setSaved(form);
      draft.reset(form);
      say({ text: t('form.saved'), kind: 'status' });
    });
  }

  const back = <a href={`${BASE}/kampanye`}>← {t('campaigns.back')}</a>;
  if (missing) return <NotFound back={back} title={t('campaign.editTitle')} text={t('campaigns.notFound')} />;

  return (
    <section>
      {back}
      <h1>{id === null ? t('campaign.newTitle') : t('campaign.editTitle')}</h1>
      {draft.restored && <DraftNote onDiscard={() => draft.reset(id === null ? EMPTY : saved)} />}
      <Said message={message} />
      <form onSubmit={(event) => void save(event)} noValidate>
        <Field id="name" label={t('campaign.name')} hint={t('campaign.nameHint')} error={errors.name} value={form.name} onInput={update('name')} required />
        <Field id="startsOn" label={t('campaign.startsOn')} error={errors.startsOn} value={form.startsOn} onInput={update('startsOn')} type="date" required />
        <Field id="endsOn" label={t('campaign.endsOn')} error={errors.endsOn} value={form.endsOn} onInput={update('endsOn')} type="date" required />
        <Field id="goal" label={t('campaign.goal')} error={errors.goal} value={form.goal} onInput={update('goal')} select>
          <option value="VISITS">{t('goal.VISITS')}</option>
          <option value="ORDERS">{t('goal.ORDERS')}</option>
        </Field>
        <FeaturedPicker
          id="products"
          legend={t('campaign.products')}
          searchLabel={t('campaign.searchProducts')}
          chosen={form.products}
          onChange={(products) => draft.set({ ...form, products })}
          search={searchProducts}
          error={errors.productIds}
        />
        <FeaturedPicker
          id="stories"
          legend={t('campaign.stories')}
          searchLabel={t('campaign.searchStories')}
          chosen={form.stories}
          onChange={(stories) => draft.set({ ...form, stories })}
          search={searchStories}
          error={errors.storyIds}
        />
        <button type="submit" class="primary" disabled={busy}>
          {t('form.save')}
        </button>
      </form>
      {campaign ? (
        <>
          <CampaignLinks campaign={campaign} featured={saved} />
          <CampaignSummarySection campaignId={campaign.id} />
        </>
      ) : (
        id === null && <p class="hint">{t('campaign.saveFirst')}</p>
      )}
    </section>
  );
}
