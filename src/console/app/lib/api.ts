import createClient from 'openapi-fetch';
import type { components, paths } from '../api/schema';

export type Me = components['schemas']['MeView'];
export type Product = components['schemas']['ProductAdminView'];
export type ProductImage = components['schemas']['ProductImageView'];
export type CreateProduct = components['schemas']['CreateProductDto'];
export type UpdateProduct = components['schemas']['UpdateProductDto'];
export type Category = components['schemas']['CategoryListView']['data'][number];
export type Problem = components['schemas']['ProblemView'];
export type Consent = components['schemas']['ConsentView'];
export type CreateConsent = components['schemas']['CreateConsentDto'];
export type OrderSummary = components['schemas']['OrderAdminSummaryView'];
export type Order = components['schemas']['OrderAdminView'];
export type Fulfilment = Order['fulfilments'][number];
export type FulfilmentStatus = Fulfilment['status'];
export type Courier = components['schemas']['ShipFulfilmentDto']['courier'];
export type Story = components['schemas']['StoryAdminView'];
export type StoryPreview = components['schemas']['StoryPreviewView'];
export type FacilitySummary = components['schemas']['FacilityAdminView'];
export type FacilityAdmin = components['schemas']['FacilityAdminView'];
export type CreateFacility = components['schemas']['CreateFacilityDto'];
export type UpdateFacility = components['schemas']['UpdateFacilityDto'];
export type Region = components['schemas']['RegionView'];
export type AdminUser = components['schemas']['UserView'];
export type CreateUser = components['schemas']['CreateUserDto'];
export type Assignable = components['schemas']['AssignableView'];
export type SalesReport = components['schemas']['SalesReportView'];
export type AuditEvent = components['schemas']['AuditEventView'];
export type ShareKit = components['schemas']['ShareKitView'];
export type Campaign = components['schemas']['CampaignView'];
export type CreateCampaign = components['schemas']['CreateCampaignDto'];
export type ShareLink = components['schemas']['ShareLinkView'];
export type ShareChannel = ShareLink['channel'];
export type LinkTarget = ShareLink['targetKind'];
export type CampaignSummary = components['schemas']['CampaignSummaryView'];
export type HumasDashboard = components['schemas']['HumasDashboardView'];
export type HumasRanking = components['schemas']['HumasRankingView'];
type Session = components['schemas']['SessionView'];

/**
 * Tokens as API.md has them: the access token lives in memory only; the refresh token (each works
 * once) is kept in sessionStorage so a reload of this tab does not sign the person out, and is gone
 * when the tab closes. One refresh at a time: a second one with the same token would be a reuse,
 * which revokes the whole session.
 */
const REFRESH_KEY = 'etalase.console.refresh';
let accessToken: string | undefined;
let refreshing: Promise<boolean> | undefined;
const expiryListeners = new Set<() => void>();

function storedRefreshToken(): string | undefined {
  try {
    return sessionStorage.getItem(REFRESH_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function keep(session: Session): void {
  accessToken = session.accessToken;
  try {
    sessionStorage.setItem(REFRESH_KEY, session.refreshToken);
  } catch {
    // Private mode: the session lasts as long as the access token.
  }
}

function forget(): void {
  accessToken = undefined;
  try {
    sessionStorage.removeItem(REFRESH_KEY);
  } catch {
    // Nothing was kept.
  }
}

/** Called when the session cannot be renewed: the app shows sign-in over the current screen. */
export function onSessionExpired(listener: () => void): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}

async function refresh(): Promise<boolean> {
  const refreshToken = storedRefreshToken();
  if (!refreshToken) return false;
  refreshing ??= (async () => {
    try {
      const { data } = await plain.POST('/api/v1/auth/refresh', { body: { refreshToken } });
      if (!data) {
        forget();
        return false;
      }
      keep(data);
      return true;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

function withToken(request: Request): Request {
  if (accessToken) request.headers.set('Authorization', `Bearer ${accessToken}`);
  return request;
}

/** Sends the access token; on a 401, renews the session once and repeats the request. */
async function authFetch(request: Request): Promise<Response> {
  const again = request.clone();
  const response = await fetch(withToken(request));
  if (response.status !== 401) return response;
  if (await refresh()) return fetch(withToken(again));
  forget();
  for (const listener of expiryListeners) listener();
  return response;
}

const plain = createClient<paths>({ baseUrl: location.origin });
/** The typed client of /api/v1 (generated from the OpenAPI document), signed in. */
export const api = createClient<paths>({ baseUrl: location.origin, fetch: authFetch });

export async function signIn(email: string, password: string): Promise<{ user: Me } | { problem: Problem; retryAfter: number | undefined }> {
  const { data, error, response } = await plain.POST('/api/v1/auth/login', { body: { email, password } });
  if (data) {
    keep(data);
    return { user: data.user };
  }
  const retryAfter = Number(response.headers.get('Retry-After'));
  return { problem: asProblem(error, response.status), retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined };
}

/** After a reload: the kept refresh token opens a new session, if it still can. */
export async function resume(): Promise<Me | undefined> {
  if (!accessToken && !(await refresh())) return undefined;
  const { data } = await api.GET('/api/v1/auth/me');
  return data;
}

export async function signOut(): Promise<void> {
  const refreshToken = storedRefreshToken();
  if (refreshToken) await api.POST('/api/v1/auth/logout', { body: { refreshToken } }).catch(() => undefined);
  forget();
}

export function bearer(): string | undefined {
  return accessToken;
}

export { refresh as renewSession };

/** The problem+json body, or one made up for a body that is not one (a proxy's HTML page). */
export function asProblem(error: unknown, status: number): Problem {
  if (typeof error === 'object' && error !== null && 'code' in error && 'status' in error) return error as Problem;
  return { type: 'about:blank', title: 'Error', status, detail: '', code: status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED' };
}
