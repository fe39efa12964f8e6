import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { api, asProblem, type FacilitySummary, type Me, type Product, type Story } from '../lib/api';
import { useDraft } from '../lib/drafts';
import { useFormSubmit, type FormMessage } from '../lib/form-submit';
import type { FieldErrors } from '../lib/problems';
import { BASE, navigate } from '../lib/router';
import { badgeOf, contentOf, isSentBack, isWaiting, readStoryProblem } from '../lib/stories';
import { Field } from './field';
import { DraftNote, NotFound, Said } from './form-notes';
import { ShareKitSection } from './share-kit';
import { StoryCoverSection } from './story-cover';
import { StoryMakerSection } from './story-maker';
import { StoryPreviewPane } from './story-preview';

/** What the person types, kept on the phone as a draft until the server has it. */
interface StoryForm {
  facilityId: string;
  title: string;
  excerpt: string;
  markdown: string;
  tags: string;
  featuresIndividual: boolean;
  consentRecordId: string;
  productIds: string[];
}

const EMPTY: StoryForm = { facilityId: '', title: '', excerpt: '', markdown: '', tags: '', featuresIndividual: false, consentRecordId: '', productIds: [] };

function formOf(story: Story): StoryForm {
  const content = contentOf(story);
  return {
    facilityId: story.facilityId,
    title: content.title,
    excerpt: content.excerpt,
    markdown: content.markdown,
    tags: content.tags.join(', '),
    featuresIndividual: content.featuresIndividual,
    consentRecordId: content.consentRecordId ?? '',
    productIds: content.productIds,
  };
}

function bodyOf(form: StoryForm) {
  return {
    title: form.title,
    excerpt: form.excerpt,
    markdown: form.markdown,
    tags: form.tags
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ''),
    featuresIndividual: form.featuresIndividual,
    consentRecordId: form.featuresIndividual && form.consentRecordId !== '' ? form.consentRecordId : null,
    productIds: form.productIds,
  };
}

type Message = FormMessage | undefined;

/**
 * A new story is saved, then the screen moves to its address and mounts again: what the save (and
 * a submit right after it) said is carried over, so a refused submit still shows why.
 */
let carried: { errors: FieldErrors; message: Message } | undefined;

export function StoryEditorScreen({ id, user }: { id: string | null; user: Me }) {
  const { t } = useI18n();
  const draft = useDraft<StoryForm>(`story:${id ?? 'new'}`, { ...EMPTY, facilityId: user.facilityId ?? '' });
  const [story, setStory] = useState<Story | undefined>();
  const [products, setProducts] = useState<Product[] | undefined>();
  const [facilities, setFacilities] = useState<FacilitySummary[]>([]);
  const [maker, setMaker] = useState<string | undefined>();
  const { busy, errors, setErrors, message, say: setMessage, submit: send, notLoaded } = useFormSubmit({ read: readStoryProblem, errors: carried?.errors, message: carried?.message });
  useEffect(() => {
    carried = undefined;
  }, []);
  const [missing, setMissing] = useState(false);
  const form = draft.value;
  const facilityId = form.facilityId || undefined;

  useEffect(() => {
    if (id === null) {
      if (!user.facilityId) void api.GET('/api/v1/admin/facilities', { params: { query: { limit: 100 } } }).then(({ data }) => data && setFacilities(data.data));
      return;
    }
    void api.GET('/api/v1/admin/stories/{id}', { params: { path: { id } } }).then(({ data, error, response }) => {
      if (response.status === 404) return setMissing(true);
      if (!data) return notLoaded(error, response.status);
      setStory(data);
      if (!draft.restored) draft.reset(formOf(data));
    });
  }, [id]);

  useEffect(() => {
    if (!facilityId) return setProducts(undefined);
    void api.GET('/api/v1/admin/products', { params: { query: { limit: 100, ...(user.facilityId ? {} : { facilityId }) } } }).then(({ data }) => setProducts(data?.data ?? []));
  }, [facilityId]);

  const set = (change: Partial<StoryForm>): void => draft.set({ ...form, ...change });

  /** `saved`: the draft was stored and only the submit was refused, which the message says. */
  function failed(error: unknown, status: number, saved = false): void {
    const read = readStoryProblem(asProblem(error, status), t);
    const text = saved ? `${t('story.submitRefused')} ${Object.keys(read.fields).length > 0 ? '' : (read.message ?? '')}`.trim() : read.message;
    const next: Message = text ? { text, kind: 'alert' } : undefined;
    setErrors(read.fields);
    setMessage(next);
    carried = { errors: read.fields, message: next };
  }

  function say(next: Message): void {
    setMessage(next);
    carried = { errors: {}, message: next };
  }

  /** Saves what is typed; with `submit`, then sends it for review. Nothing typed is lost on a failure. */
  async function save(submit: boolean): Promise<void> {
    let moved = false;
    await send(async () => {
      let saved: Story;
      if (id === null) {
        const { data, error, response } = await api.POST('/api/v1/admin/stories', { body: { ...bodyOf(form), ...(user.facilityId ? {} : { facilityId: form.facilityId }) } });
        if (!data) return failed(error, response.status);
        saved = data;
      } else {
        const { data, error, response } = await api.PATCH('/api/v1/admin/stories/{id}', { params: { path: { id } }, body: bodyOf(form) });
        if (!data) return failed(error, response.status);
        saved = data;
      }
      setStory(saved);
      draft.reset(formOf(saved));
      if (submit) {
        const { data, error, response } = await api.POST('/api/v1/admin/stories/{id}/submit', { params: { path: { id: saved.id } } });
        if (!data) {
          failed(error, response.status, true);
        } else {
          setStory(data);
          say({ text: t('story.submitted'), kind: 'status' });
        }
      } else {
        say({ text: t('story.saved'), kind: 'status' });
      }
      if (id === null) {
        moved = true;
        navigate(`${BASE}/cerita/${saved.id}`, { replace: true });
      }
    });
    if (!moved) carried = undefined;
  }

  const back = (
    <a href={`${BASE}/cerita`}>
      ← {t('story.back')}
    </a>
  );

  if (missing) return <NotFound back={back} title={t('story.editTitle')} text={t('error.NOT_FOUND')} />;

  const editing = story ? contentOf(story) : undefined;
  const cover = editing?.cover ? { url: editing.cover.mediumUrl, alt: editing.cover.alt, width: editing.cover.width, height: editing.cover.height } : null;

  return (
    <section>
      {back}
      <h1>{id === null ? t('story.newTitle') : t('story.editTitle')}</h1>
      {story && (
        <p>
          <span class={`badge ${story.status.toLowerCase()}`}>{t(badgeOf(story))}</span>
        </p>
      )}
      {story && isSentBack(story) && (
        <div class="note" role="note" aria-labelledby="reviewer-note">
          <h2 id="reviewer-note">{t('story.reviewerNote')}</h2>
          <p class="comment">{story.rejectionReason}</p>
        </div>
      )}
      {story?.status === 'PUBLISHED' && <p class="hint">{t('story.revisionNote')}</p>}
      {story && isWaiting(story) && <p class="hint">{t('story.inReview')}</p>}
      {draft.restored && <DraftNote onDiscard={() => draft.reset(story ? formOf(story) : { ...EMPTY, facilityId: user.facilityId ?? '' })} />}
      <Said message={message} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save(false);
        }}
        noValidate
      >
        {id === null && !user.facilityId && (
          <Field id="facilityId" label={t('story.facility')} error={errors.facilityId} value={form.facilityId} onInput={(value) => set({ facilityId: value, productIds: [], consentRecordId: '' })} select required>
            <option value="">{t('form.choose')}</option>
            {facilities.map((facility) => (
              <option key={facility.id} value={facility.id}>
                {facility.name}
              </option>
            ))}
          </Field>
        )}
        <Field id="title" label={t('story.titleLabel')} hint={t('story.titleHint')} error={errors.title} value={form.title} onInput={(title) => set({ title })} required />
        <Field id="excerpt" label={t('story.excerpt')} hint={t('story.excerptHint')} error={errors.excerpt} value={form.excerpt} onInput={(excerpt) => set({ excerpt })} multiline rows={2} />
        <Field id="markdown" label={t('story.markdown')} hint={t('story.markdownHint')} error={errors.markdown} value={form.markdown} onInput={(markdown) => set({ markdown })} multiline rows={10} required />
        <StoryPreviewPane title={form.title} excerpt={form.excerpt} markdown={form.markdown} maker={maker} cover={cover} />
        <Field id="tags" label={t('story.tags')} hint={t('story.tagsHint')} error={errors.tags} value={form.tags} onInput={(tags) => set({ tags })} />
        <StoryMakerSection
          facilityId={user.facilityId ? undefined : facilityId}
          featuresIndividual={form.featuresIndividual}
          consentRecordId={form.consentRecordId}
          errors={errors}
          onChange={(change) => {
            // A new choice answers the error the server gave about the old one.
            setErrors(({ consentRecordId: _consent, featuresIndividual: _features, ...rest }) => rest);
            set(change);
          }}
          onMaker={setMaker}
        />
        {products !== undefined && (
          <fieldset class="group" aria-describedby={errors.productIds ? 'productIds-error' : undefined}>
            <legend>{t('story.products')}</legend>
            {products.length === 0 && <p class="hint">{t('story.productsNone')}</p>}
            {products.map((product) => (
              <label class="check" key={product.id}>
                <input
                  type="checkbox"
                  checked={form.productIds.includes(product.id)}
                  onChange={(e) => set({ productIds: e.currentTarget.checked ? [...form.productIds, product.id] : form.productIds.filter((other) => other !== product.id) })}
                />
                {product.name}
              </label>
            ))}
            {errors.productIds && (
              <p class="error" id="productIds-error">
                {errors.productIds}
              </p>
            )}
          </fieldset>
        )}
        <div class="actions">
          <button type="submit" disabled={busy}>
            {t('story.save')}
          </button>
          <button type="button" class="primary" disabled={busy} onClick={() => void save(true)}>
            {t('story.submit')}
          </button>
        </div>
      </form>
      {story ? <StoryCoverSection story={story} onChanged={setStory} /> : <p class="hint">{t('story.coverFirst')}</p>}
      {story && <ShareKitSection kind="story" id={story.id} published={story.status === 'PUBLISHED'} revision={`${story.version}`} />}
    </section>
  );
}
