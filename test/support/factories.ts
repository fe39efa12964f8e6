import { hash } from '@node-rs/argon2';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import type { Role } from '../../src/auth/role';
import { User } from '../../src/auth/user.entity';
import { Facility } from '../../src/facilities/facility.entity';

export const TEST_PASSWORD = 'correct-horse-battery';

let passwordHash: Promise<string> | undefined;
let sequence = 0;

function next(): number {
  sequence += 1;
  return sequence;
}

/** Kanwil id by code (`kalsel`, `bali`...): the reference data comes from the migrations. */
export async function kanwilId(dataSource: DataSource, code: string): Promise<string> {
  const [row] = await dataSource.query<{ id: string }[]>('SELECT id FROM kanwil WHERE code = $1', [code]);
  if (!row) throw new Error(`No Kanwil ${code}`);
  return row.id;
}

export async function makeFacility(dataSource: DataSource, overrides: Partial<Facility> = {}): Promise<Facility> {
  const n = next();
  const provinceCode = overrides.provinceCode ?? '63';
  const [province] = await dataSource.query<{ kanwil_id: string }[]>('SELECT kanwil_id FROM province WHERE code = $1', [provinceCode]);
  if (!province) throw new Error(`No province ${provinceCode}`);
  const repository = dataSource.getRepository(Facility);
  return repository.save(
    repository.create({
      slug: `lapas-uji-${n}-${Math.random().toString(36).slice(2, 6)}`,
      type: 'LAPAS',
      facilityClass: 'IIA',
      kind: 'UMUM',
      name: `Lapas Kelas IIA Uji ${n}`,
      shortName: `Lapas Uji ${n}`,
      address: `Jl. Percobaan No. ${n}`,
      city: 'Banjarmasin',
      postalCode: '70117',
      phone: '(0511) 3252000',
      email: `lapas${n}@example.test`,
      description: 'Test facility',
      latitude: -3.3,
      longitude: 114.6,
      outletName: null,
      outletAddress: null,
      outletOpeningHours: null,
      pickupAvailable: false,
      shippingBaseFee: 10_000,
      shippingPerKgFee: 5_000,
      couriers: ['JNE'],
      localDelivery: false,
      active: true,
      ...overrides,
      provinceCode,
      kanwilId: overrides.kanwilId ?? province.kanwil_id,
    }),
  );
}

export interface MadeUser {
  user: User;
  email: string;
  password: string;
}

/** An admin of the given role; scope comes from `facility` or `kanwilId`. Password is TEST_PASSWORD. */
export async function makeUser(
  dataSource: DataSource,
  role: Role,
  scope: { facility?: Facility; kanwilId?: string } = {},
  overrides: Partial<User> = {},
): Promise<MadeUser> {
  passwordHash ??= hash(TEST_PASSWORD);
  const email = overrides.email ?? `${role.toLowerCase()}-${next()}-${Math.random().toString(36).slice(2, 6)}@example.test`;
  const repository = dataSource.getRepository(User);
  const user = await repository.save(
    repository.create({
      email,
      name: `Test ${role}`,
      role,
      kanwilId: role === 'SUPERADMIN' ? null : (scope.facility?.kanwilId ?? scope.kanwilId ?? null),
      facilityId: role === 'FACILITY_ADMIN' ? (scope.facility?.id ?? null) : null,
      passwordHash: await passwordHash,
      active: true,
      ...overrides,
    }),
  );
  return { user, email, password: TEST_PASSWORD };
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export async function login(http: App, email: string, password: string = TEST_PASSWORD): Promise<Tokens> {
  const response = await request(http).post('/api/v1/auth/login').send({ email, password }).expect(200);
  return response.body as Tokens;
}

/** Creates an admin and signs it in; returns the bearer header value too. */
export async function signedInAs(
  http: App,
  dataSource: DataSource,
  role: Role,
  scope: { facility?: Facility; kanwilId?: string } = {},
): Promise<MadeUser & Tokens & { bearer: string }> {
  const made = await makeUser(dataSource, role, scope);
  const tokens = await login(http, made.email);
  return { ...made, ...tokens, bearer: `Bearer ${tokens.accessToken}` };
}
