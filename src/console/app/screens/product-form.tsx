import { useEffect, useState } from 'preact/hooks';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { api, type Category, type CreateProduct, type Product, type UpdateProduct } from '../lib/api';
import { useDraft } from '../lib/drafts';
import { useFormSubmit } from '../lib/form-submit';
import { BASE, navigate } from '../lib/router';
import { Field } from './field';
import { DraftNote, NotFound, Said } from './form-notes';
import { MakerCreditFields } from './maker-credit';
import { certificatesOf, PermitsFields, permitRowsOf, type PermitRow } from './permits';
import { PhotosSection } from './photos';
import { ShareKitSection } from './share-kit';
import { StockSection } from './stock';

const PROGRAMS = ['UMKM', 'KETAHANAN_PANGAN', 'PEMBINAAN_KEMANDIRIAN', 'SAE', 'GRIYA_ABHIPRAYA'] as const;
const KINDS = ['GOODS', 'FOOD', 'SERVICE'] as const;

/** What the person types, as typed (strings): kept as a draft and turned into the API's body on save. */
interface ProductForm {
  name: string;
  category: string;
  program: CreateProduct['program'];
  kind: CreateProduct['kind'];
  price: string;
  stock: string;
  weightGrams: string;
  description: string;
  makerGroupName: string;
  /** '' credits the group. */
  makerConsentId: string;
  certificates: PermitRow[];
}

const EMPTY: ProductForm = {
  name: '',
  category: '',
  program: 'UMKM',
  kind: 'GOODS',
  price: '',
  stock: '0',
  weightGrams: '0',
  description: '',
  makerGroupName: '',
  makerConsentId: '',
  certificates: [],
};

function formOf(product: Product): ProductForm {
  return {
    name: product.name,
    category: product.category.slug,
    program: product.program,
    kind: product.kind,
    price: String(product.price),
    stock: String(product.stock),
    weightGrams: String(product.weightGrams),
    description: product.description,
    makerGroupName: product.makerGroupName ?? '',
    makerConsentId: product.makerConsentId ?? '',
    certificates: permitRowsOf(product.certifications),
  };
}

/**
 * Digits as typed ("125.000" and "125000" alike, as Indonesians write rupiah), or the raw text
 * when it is not a whole number: the API then says what is wrong and the form shows it.
 */
function integer(text: string): number {
  const digits = text.trim().replace(/[.\s]/g, '');
  return /^-?\d+$/.test(digits) ? Number(digits) : Number.NaN;
}

function bodyOf(form: ProductForm): UpdateProduct {
  return {
    name: form.name,
    category: form.category,
    program: form.program,
    kind: form.kind,
    price: integer(form.price),
    weightGrams: integer(form.weightGrams),
    description: form.description,
    makerGroupName: form.makerGroupName.trim() === '' ? null : form.makerGroupName,
    makerConsentId: form.makerConsentId === '' ? null : form.makerConsentId,
    certificates: certificatesOf(form.certificates),
  };
}

/** NaN is not JSON: a field left unreadable is sent as its text, so the API names that field. */
function jsonSafe<T extends object>(body: T, form: ProductForm): T {
  const out = { ...body } as Record<string, unknown>;
  for (const [field, value] of Object.entries(out)) if (typeof value === 'number' && Number.isNaN(value)) out[field] = form[field as keyof ProductForm];
  return out as T;
}

export function ProductFormScreen({ id }: { id: string | null }) {
  const { t } = useI18n();
  const draft = useDraft<ProductForm>(`product:${id ?? 'new'}`, EMPTY);
  const [product, setProduct] = useState<Product | undefined>();
  const [categories, setCategories] = useState<Category[]>([]);
  const { busy, errors, message, say, submit, failed, notLoaded } = useFormSubmit();
  const [missing, setMissing] = useState(false);
  const form = draft.value;

  useEffect(() => {
    void api.GET('/api/v1/categories').then(({ data }) => data && setCategories(data.data));
    if (id === null) return;
    void api.GET('/api/v1/admin/products/{id}', { params: { path: { id } } }).then(({ data, error, response }) => {
      // Another facility's product is a 404 too (API.md): the same words, no form to fill.
      if (response.status === 404) return setMissing(true);
      if (!data) return notLoaded(error, response.status);
      setProduct(data);
      // A kept draft wins over the server's copy: it is what the person typed and has not saved.
      if (!draft.restored) draft.reset(formOf(data));
    });
  }, [id]);

  const update = (field: keyof ProductForm) => (value: string) => draft.set({ ...form, [field]: value });

  async function save(event: Event): Promise<void> {
    event.preventDefault();
    await submit(async () => {
      if (id === null) {
        const body: CreateProduct = { ...(bodyOf(form) as CreateProduct), stock: integer(form.stock) };
        const { data, error, response } = await api.POST('/api/v1/admin/products', { body: jsonSafe(body, form) });
        if (!data) return failed(error, response.status);
        draft.reset(EMPTY);
        navigate(`${BASE}/produk/${data.id}`, { replace: true });
        return;
      }
      const { data, error, response } = await api.PATCH('/api/v1/admin/products/{id}', { params: { path: { id } }, body: jsonSafe(bodyOf(form), form) });
      if (!data) return failed(error, response.status);
      setProduct(data);
      draft.reset(formOf(data));
      say({ text: t('form.saved'), kind: 'status' });
    });
  }

  async function setStatus(status: 'PUBLISHED' | 'DRAFT'): Promise<void> {
    if (!product) return;
    // The last sentence stays until the answer replaces it.
    await submit(
      async () => {
        const { data, error, response } = await api.PATCH('/api/v1/admin/products/{id}', { params: { path: { id: product.id } }, body: { status } });
        if (!data) return failed(error, response.status);
        setProduct(data);
        say({ text: t(status === 'PUBLISHED' ? 'form.published' : 'form.unpublished'), kind: 'status' });
      },
      { keepMessage: true },
    );
  }

  const options = <T extends string>(values: readonly T[], prefix: 'program' | 'kind') =>
    values.map((value) => (
      <option value={value} key={value}>
        {t(`${prefix}.${value}` as MessageKey)}
      </option>
    ));

  if (missing) return <NotFound back={<a href={`${BASE}/produk`}>← {t('form.back')}</a>} title={t('form.editTitle')} text={t('error.NOT_FOUND')} />;

  return (
    <section>
      <a href={`${BASE}/produk`}>← {t('form.back')}</a>
      <h1>{id === null ? t('form.newTitle') : t('form.editTitle')}</h1>
      {product && (
        <p>
          <span class={`badge ${product.status.toLowerCase()}`}>{t(`status.${product.status}`)}</span>
          {product.status === 'PUBLISHED' && (
            <>
              {' '}
              <a href={product.webUrl} target="_blank" rel="noopener">
                {t('form.viewPublic')}
              </a>
            </>
          )}
        </p>
      )}
      {draft.restored && <DraftNote onDiscard={() => draft.reset(product ? formOf(product) : EMPTY)} />}
      <Said message={message} />
      <form onSubmit={(event) => void save(event)} noValidate>
        <Field id="name" label={t('form.name')} hint={t('form.nameHint')} error={errors.name} value={form.name} onInput={update('name')} required />
        <Field id="category" label={t('form.category')} error={errors.category} value={form.category} onInput={update('category')} required select>
          <option value="">{t('form.choose')}</option>
          {categories.map((category) => (
            <option value={category.slug} key={category.slug}>
              {category.parentSlug ? `— ${category.name}` : category.name}
            </option>
          ))}
        </Field>
        <Field id="program" label={t('form.program')} error={errors.program} value={form.program} onInput={update('program')} select>
          {options(PROGRAMS, 'program')}
        </Field>
        <Field id="kind" label={t('form.kind')} error={errors.kind} value={form.kind} onInput={update('kind')} select>
          {options(KINDS, 'kind')}
        </Field>
        <Field id="price" label={t('form.price')} hint={t('form.priceHint')} error={errors.price} value={form.price} onInput={update('price')} inputMode="numeric" required />
        {id === null && <Field id="stock" label={t('form.stock')} error={errors.stock} value={form.stock} onInput={update('stock')} inputMode="numeric" />}
        <Field id="weightGrams" label={t('form.weight')} error={errors.weightGrams} value={form.weightGrams} onInput={update('weightGrams')} inputMode="numeric" />
        <Field id="description" label={t('form.description')} hint={t('form.descriptionHint')} error={errors.description} value={form.description} onInput={update('description')} multiline />
        <Field id="makerGroupName" label={t('form.makerGroup')} hint={t('form.makerGroupHint')} error={errors.makerGroupName} value={form.makerGroupName} onInput={update('makerGroupName')} />
        <MakerCreditFields value={form.makerConsentId} onChange={update('makerConsentId')} error={errors.makerConsentId} />
        <PermitsFields rows={form.certificates} onChange={(certificates) => draft.set({ ...form, certificates })} error={errors.certificates} />
        <button type="submit" class="primary" disabled={busy}>
          {t('form.save')}
        </button>
      </form>
      {product && (
        <>
          <div class="actions">
            {product.status === 'PUBLISHED' ? (
              <button type="button" disabled={busy} onClick={() => void setStatus('DRAFT')}>
                {t('form.unpublish')}
              </button>
            ) : (
              <button type="button" class="primary" disabled={busy} onClick={() => void setStatus('PUBLISHED')}>
                {t('form.publish')}
              </button>
            )}
          </div>
          <StockSection product={product} onChanged={setProduct} />
          <PhotosSection product={product} onChanged={(change) => setProduct((current) => current && { ...current, images: change(current.images) })} />
          <ShareKitSection kind="product" id={product.id} published={product.status === 'PUBLISHED' && product.sellable} revision={`${product.version}:${product.images.map((image) => image.id).join(',')}`} />
        </>
      )}
      {!product && id === null && <p class="hint">{t('photos.saveFirst')}</p>}
    </section>
  );
}
