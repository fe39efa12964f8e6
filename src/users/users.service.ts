import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { assertCanAssignRole, assignableRoles, isKanwilInScope, scopeOf } from '../auth/access-policy.js';
import { ActiveSessions } from '../auth/active-sessions.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { normaliseEmail } from '../auth/auth.service.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { TokenService } from '../auth/token.service.js';
import { User } from '../auth/user.entity.js';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-error.js';
import { decodeCursor, Page, toPage } from '../common/pagination/cursor.js';
import { DEFAULT_PAGE_SIZE } from '../common/pagination/page-query.dto.js';
import { likePattern } from '../common/text/slug.js';
import { FacilitiesService } from '../facilities/facilities.service.js';
import { RegionsService } from '../facilities/regions.service.js';
import type { CreateUserDto } from './dto/create-user.dto.js';
import type { ListUsersDto } from './dto/list-users.dto.js';
import type { UpdateUserDto } from './dto/update-user.dto.js';
import { CannotDeactivateSelf, EmailTaken, ScopeMissing, UserNotFound } from './user.errors.js';
import { AssignableView, toUserView, UserView } from './user.views.js';

/**
 * Admin accounts. A regional admin sees the accounts of its Kanwil and creates facility admins
 * there; a superadmin manages everyone.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly sessions: ActiveSessions,
    private readonly facilities: FacilitiesService,
    private readonly regions: RegionsService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: AuthUser, query: ListUsersDto): Promise<Page<UserView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.users.createQueryBuilder('u');
    const scope = scopeOf(actor);
    if (scope.kind !== 'national') qb.andWhere('u.kanwil_id = :scopeKanwilId', { scopeKanwilId: scope.kanwilId });
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.facilityId) qb.andWhere('u.facility_id = :facilityId', { facilityId: query.facilityId });
    if (query.active !== undefined) qb.andWhere('u.active = :active', { active: query.active });
    if (query.q) {
      const pattern = likePattern(query.q.trim());
      qb.andWhere(new Brackets((w) => w.where('u.email ILIKE :pattern', { pattern }).orWhere('u.name ILIKE :pattern')));
    }
    if (query.cursor) {
      const [email, id] = decodeCursor(query.cursor, ['string', 'uuid'] as const);
      qb.andWhere('(u.email, u.id) > (:cursorEmail, :cursorId)', { cursorEmail: email, cursorId: id });
    }
    const rows = await qb.orderBy('u.email', 'ASC').addOrderBy('u.id', 'ASC').limit(limit + 1).getMany();
    const names = await this.facilities.namesByIds(rows.flatMap((user) => (user.facilityId ? [user.facilityId] : [])));
    return toPage(rows, limit, (user) => [user.email, user.id], (user) => toUserView(user, names));
  }

  async get(actor: AuthUser, id: string): Promise<UserView> {
    return this.view(await this.findVisible(actor, id));
  }

  /** What the actor may hand out: roles, and the Kanwil a new regional admin may serve. */
  async assignable(actor: AuthUser): Promise<AssignableView> {
    const roles = [...assignableRoles(actor)];
    if (!roles.includes('REGIONAL_ADMIN')) return { roles, kanwils: [] };
    const kanwils = (await this.regions.list()).filter((kanwil) => isKanwilInScope(actor, kanwil.id));
    return { roles, kanwils: kanwils.map(({ id, code, name }) => ({ id, code, name })) };
  }

  async create(actor: AuthUser, dto: CreateUserDto): Promise<UserView> {
    assertCanAssignRole(actor, dto.role);
    const placement = await this.placementFor(actor, dto);
    const email = normaliseEmail(dto.email);
    const passwordHash = await this.passwords.hash(dto.password);
    const user = await this.dataSource.transaction(async (em) => {
      if (await em.existsBy(User, { email })) throw new EmailTaken(email);
      const created = em.create(User, { email, name: dto.name.trim(), role: dto.role, passwordHash, ...placement });
      await em.save(created);
      await this.audit.record(em, actor, {
        action: 'user.create',
        entityType: 'user',
        entityId: created.id,
        facilityId: created.facilityId,
        kanwilId: created.kanwilId,
        before: null,
        after: snapshot(created),
      });
      return created;
    });
    return this.view(user);
  }

  async update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<UserView> {
    const passwordHash = dto.password ? await this.passwords.hash(dto.password) : undefined;
    const signsOut = passwordHash !== undefined || dto.active === false;
    const user = await this.dataSource.transaction(async (em) => {
      const target = await this.findVisible(actor, id, em);
      const isSelf = target.id === actor.id;
      // A regional admin sees its peers but manages only the facility admins below it.
      if (!isSelf && actor.role === 'REGIONAL_ADMIN' && target.role !== 'FACILITY_ADMIN') {
        throw new ForbiddenError('Regional admins manage facility admin accounts only');
      }
      if (isSelf && dto.active === false) throw new CannotDeactivateSelf();
      const before = snapshot(target);
      if (dto.name !== undefined) target.name = dto.name.trim();
      if (dto.active !== undefined) target.active = dto.active;
      if (passwordHash) target.passwordHash = passwordHash;
      await em.save(target);
      if (signsOut) await this.tokens.revokeAllForUser(em, target.id);
      await this.audit.record(em, actor, {
        action: passwordHash ? 'user.update.password' : 'user.update',
        entityType: 'user',
        entityId: target.id,
        facilityId: target.facilityId,
        kanwilId: target.kanwilId,
        before,
        after: snapshot(target),
      });
      return target;
    });
    // After the commit: this process must not keep serving the sessions from its cache.
    if (signsOut) this.sessions.forgetUser(user.id);
    return this.view(user);
  }

  private async view(user: User): Promise<UserView> {
    return toUserView(user, await this.facilities.namesByIds(user.facilityId ? [user.facilityId] : []));
  }

  /** With a transaction's manager the row is locked: concurrent edits apply one after the other. */
  private async findVisible(actor: AuthUser, id: string, em?: EntityManager): Promise<User> {
    const user = em
      ? await em.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } })
      : await this.users.findOneBy({ id });
    const scope = scopeOf(actor);
    const visible = user && (scope.kind === 'national' || user.kanwilId === scope.kanwilId);
    if (!user || !visible) throw new UserNotFound();
    return user;
  }

  /** Where the new account sits: checks the referenced Kanwil or facility lies in the actor's scope. */
  private async placementFor(
    actor: AuthUser,
    dto: CreateUserDto,
  ): Promise<{ kanwilId: string | null; facilityId: string | null }> {
    switch (dto.role) {
      case 'SUPERADMIN':
        return { kanwilId: null, facilityId: null };
      case 'REGIONAL_ADMIN': {
        if (!dto.kanwilId) throw new ScopeMissing('kanwilId', dto.role);
        if (!(await this.regions.kanwilExists(dto.kanwilId)) || !isKanwilInScope(actor, dto.kanwilId)) {
          throw new NotFoundError('Kanwil');
        }
        return { kanwilId: dto.kanwilId, facilityId: null };
      }
      case 'FACILITY_ADMIN': {
        if (!dto.facilityId) throw new ScopeMissing('facilityId', dto.role);
        const facility = await this.facilities.findInScope(this.dataSource.manager, actor, dto.facilityId);
        return { kanwilId: facility.kanwilId, facilityId: facility.id };
      }
    }
  }
}

function snapshot(user: User): Record<string, unknown> {
  const {
    passwordHash: _hash,
    createdAt: _createdAt,
    updatedAt: _updatedAt,
    lastLoginAt: _lastLoginAt,
    sessionsRevokedAt: _sessionsRevokedAt,
    kanwil: _kanwil,
    facility: _facility,
    ...fields
  } = user;
  return fields;
}
