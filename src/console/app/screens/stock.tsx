import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { api, asProblem, type Product } from '../lib/api';
import { useDraft } from '../lib/drafts';
import { readProblem, type FieldErrors } from '../lib/problems';
import { Field } from './field';
import { Said } from './form-notes';

/** Stock in or out with a reason for the audit log: PATCH /admin/products/{id}/stock `{ delta, reason }`. */
export function StockSection({ product, onChanged }: { product: Product; onChanged: (product: Product) => void }) {
  const { t } = useI18n();
  const draft = useDraft(`stock:${product.id}`, { delta: '', reason: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ text: string; kind: 'alert' | 'status' } | undefined>();

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    setErrors({});
    setMessage(undefined);
    const delta = draft.value.delta.trim();
    if (!/^[-+]?\d+$/.test(delta)) return setErrors({ delta: t('error.delta') });
    try {
      const { data, error, response } = await api.PATCH('/api/v1/admin/products/{id}/stock', {
        params: { path: { id: product.id } },
        body: { delta: Number(delta), ...(draft.value.reason.trim() && { reason: draft.value.reason.trim() }) },
      });
      if (!data) {
        const read = readProblem(asProblem(error, response.status), t);
        // A 409 here is the one rule of this form: stock may not go below zero.
        setErrors(response.status === 409 ? { delta: t('error.delta') } : read.fields);
        return setMessage(read.message && response.status !== 409 ? { text: read.message, kind: 'alert' } : undefined);
      }
      draft.reset({ delta: '', reason: '' });
      onChanged(data);
      setMessage({ text: t('stock.saved', { count: data.stock }), kind: 'status' });
    } catch {
      setMessage({ text: t('app.offline'), kind: 'alert' });
    }
  }

  return (
    <section class="card" aria-labelledby="stock-title">
      <h2 id="stock-title">{t('stock.title')}</h2>
      <p>{t('stock.current', { count: product.stock })}</p>
      <Said message={message} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field id="delta" label={t('stock.delta')} hint={t('stock.deltaHint')} error={errors.delta} value={draft.value.delta} onInput={(delta) => draft.set({ ...draft.value, delta })} inputMode="text" required />
        <Field id="reason" label={t('stock.reason')} hint={t('stock.reasonHint')} error={errors.reason} value={draft.value.reason} onInput={(reason) => draft.set({ ...draft.value, reason })} />
        <button type="submit">{t('stock.submit')}</button>
      </form>
    </section>
  );
}
