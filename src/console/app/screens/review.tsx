import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { api, asProblem, type Story } from '../lib/api';
import { BASE } from '../lib/router';
import { contentOf, isWaiting, readStoryProblem } from '../lib/stories';
import { Field } from './field';
import { NotFound, Said } from './form-notes';
import { useFacilityNames } from './reviews';
import { StoryArticle } from './story-article';

const MIN_COMMENT = 3;
const MAX_COMMENT = 1000;

/** One story as it will be published, with the two decisions Humas can take: approve, or send back with a comment. */
export function ReviewScreen({ id }: { id: string }) {
  const { t } = useI18n();
  const [story, setStory] = useState<Story | undefined>();
  const [maker, setMaker] = useState<string | undefined>();
  const [productNames, setProductNames] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | undefined>();
  const [message, setMessage] = useState<{ text: string; kind: 'alert' | 'status' } | undefined>();
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const names = useFacilityNames();

  useEffect(() => {
    void api.GET('/api/v1/admin/stories/{id}', { params: { path: { id } } }).then(({ data, error, response }) => {
      if (response.status === 404) return setMissing(true);
      if (!data) return setMessage({ text: readStoryProblem(asProblem(error, response.status), t).message ?? t('error.generic'), kind: 'alert' });
      setStory(data);
      const content = contentOf(data);
      const facilityId = data.facilityId;
      if (content.featuresIndividual && content.consentRecordId) {
        void api.GET('/api/v1/admin/maker-consents', { params: { query: { facilityId } } }).then(({ data: consents }) => setMaker(consents?.find((each) => each.id === content.consentRecordId)?.displayName));
      }
      if (content.productIds.length > 0) {
        void api.GET('/api/v1/admin/products', { params: { query: { facilityId, limit: 100 } } }).then(({ data: products }) =>
          setProductNames((products?.data ?? []).filter((product) => content.productIds.includes(product.id)).map((product) => product.name)),
        );
      }
    });
  }, [id]);

  async function decide(kind: 'approve' | 'reject'): Promise<void> {
    setMessage(undefined);
    setCommentError(undefined);
    if (kind === 'reject' && (comment.trim().length < MIN_COMMENT || comment.trim().length > MAX_COMMENT)) return setCommentError(t('error.comment'));
    setBusy(true);
    try {
      const { data, error, response } =
        kind === 'approve'
          ? await api.POST('/api/v1/admin/stories/{id}/approve', { params: { path: { id } } })
          : await api.POST('/api/v1/admin/stories/{id}/reject', { params: { path: { id } }, body: { reason: comment.trim() } });
      if (!data) {
        const read = readStoryProblem(asProblem(error, response.status), t);
        if (read.fields.reason) setCommentError(t('error.comment'));
        // A consent withdrawn since submission is the author's to fix: said above the decision.
        const text = read.fields.consentRecordId ?? read.fields.featuresIndividual ?? read.message ?? t('error.generic');
        return setMessage({ text, kind: 'alert' });
      }
      setStory(data);
      setComment('');
      setMessage({ text: t(kind === 'approve' ? 'review.approved' : 'review.sentBack'), kind: 'status' });
    } catch {
      setMessage({ text: t('app.offline'), kind: 'alert' });
    } finally {
      setBusy(false);
    }
  }

  const back = <a href={`${BASE}/tinjauan`}>← {t('review.back')}</a>;
  if (missing) return <NotFound back={back} title={t('review.title')} text={t('error.NOT_FOUND')} />;

  // Under review: a published story's revision if that is what was submitted, else the story itself.
  const content = story ? (story.revision?.state === 'IN_REVIEW' ? story.revision : contentOf(story)) : undefined;
  const cover = content?.cover ? { url: content.cover.largeUrl, alt: content.cover.alt, width: content.cover.width, height: content.cover.height } : null;
  return (
    <section>
      {back}
      <h1>{t('review.title')}</h1>
      <Said message={message} />
      {!story || !content ? (
        !message && <p class="loading">{t('app.loading')}</p>
      ) : (
        <>
          {content.excerpt && (
            <p>
              <strong>{t('story.excerpt')}:</strong> {content.excerpt}
            </p>
          )}
          <h2 class="sub">{t('review.asPublished')}</h2>
          <StoryArticle title={content.title} facility={names.get(story.facilityId)} html={content.html} readingMinutes={content.readingMinutes} maker={maker} cover={cover}>
            {productNames.length > 0 && (
              <>
                <h3>{t('review.products')}</h3>
                <ul>
                  {productNames.map((name) => (
                    <li key={name}>{name}</li>
                  ))}
                </ul>
              </>
            )}
          </StoryArticle>
          {isWaiting(story) ? (
            <div class="card decision">
              <button type="button" class="primary" disabled={busy} onClick={() => void decide('approve')}>
                {t('review.approve')}
              </button>
              <Field id="reason" label={t('review.comment')} hint={t('review.commentHint')} error={commentError} value={comment} onInput={setComment} multiline rows={3} required />
              <button type="button" disabled={busy} onClick={() => void decide('reject')}>
                {t('review.sendBack')}
              </button>
            </div>
          ) : (
            <p class="hint">{t('review.notWaiting')}</p>
          )}
        </>
      )}
    </section>
  );
}
