import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiPage } from '../common/pagination/api-page.decorator.js';
import { IdParam } from '../common/validation/params.js';
import { ApiKeyParams } from './dto/partner-params.dto.js';
import { CreateApiKeyDto, CreatePartnerDto, RotateApiKeyDto, UpdatePartnerDto } from './dto/partner.dto.js';
import { PartnersAdminService } from './partners-admin.service.js';
import { ApiKeyView, CreatedApiKeyView, PartnerView } from './partner.views.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';

@ApiTags('admin: partners')
@Authenticated()
@ApiProblem(404, { description: 'No such partner or key (NOT_FOUND)' })
@Controller('admin/partners')
export class PartnersAdminController {
  constructor(private readonly partners: PartnersAdminService) {}

  @Get()
  @ApiOperation({ summary: 'List partners' })
  @RequirePermission('partner.manage')
  @ApiPage(PartnerView)
  list(): Promise<{ data: PartnerView[]; nextCursor: null }> {
    return this.partners.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a partner' })
  @RequirePermission('partner.manage')
  @ApiCreatedResponse({ type: PartnerView })
  create(@CurrentUser() user: AuthUser, @Body() body: CreatePartnerDto): Promise<PartnerView> {
    return this.partners.create(user, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a partner' })
  @RequirePermission('partner.manage')
  @ApiOkResponse({ type: PartnerView })
  get(@Param() params: IdParam): Promise<PartnerView> {
    return this.partners.get(params.id);
  }

  /** Name, contact, quota; `active: false` stops every key of the partner at once. */
  @Patch(':id')
  @ApiOperation({ summary: 'Update a partner' })
  @RequirePermission('partner.manage')
  @ApiOkResponse({ type: PartnerView })
  update(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Body() body: UpdatePartnerDto): Promise<PartnerView> {
    return this.partners.update(user, params.id, body);
  }

  /** The partner's keys, newest first, without secrets. */
  @Get(':id/api-keys')
  @ApiOperation({ summary: "List a partner's API keys (without secrets)" })
  @RequirePermission('partner.manage')
  @ApiPage(ApiKeyView)
  listKeys(@Param() params: IdParam): Promise<{ data: ApiKeyView[]; nextCursor: null }> {
    return this.partners.listKeys(params.id);
  }

  /** A new key with the given scopes; the answer's `key` is the only time the secret is shown. */
  @Post(':id/api-keys')
  @ApiOperation({ summary: 'Issue an API key (the key is shown once)' })
  @RequirePermission('partner.manage')
  @ApiCreatedResponse({ type: CreatedApiKeyView })
  createKey(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    return this.partners.createKey(user, params.id, body);
  }

  /** Issues a replacement; the old key keeps working for `graceHours` (default 24), then expires. */
  @Post(':id/api-keys/:keyId/rotate')
  @ApiOperation({ summary: 'Rotate an API key (the old one keeps working for a grace period)' })
  @RequirePermission('partner.manage')
  @ApiCreatedResponse({ type: CreatedApiKeyView })
  rotateKey(@CurrentUser() user: AuthUser, @Param() params: ApiKeyParams, @Body() body: RotateApiKeyDto): Promise<CreatedApiKeyView> {
    return this.partners.rotateKey(user, params.id, params.keyId, body);
  }

  /** Revokes at once: the next request with the key gets 401 API_KEY_REVOKED. */
  @Delete(':id/api-keys/:keyId')
  @ApiOperation({ summary: 'Revoke an API key' })
  @RequirePermission('partner.manage')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Revoked' })
  revokeKey(@CurrentUser() user: AuthUser, @Param() params: ApiKeyParams): Promise<void> {
    return this.partners.revokeKey(user, params.id, params.keyId);
  }
}
