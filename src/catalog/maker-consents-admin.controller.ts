import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiCreatedResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { IdParam } from '../common/validation/params.js';
import { ConsentView } from './consent.views.js';
import { CreateConsentDto } from './dto/create-consent.dto.js';
import { MakerConsentsService } from './maker-consents.service.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';

class ListConsentsDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;
}

@ApiTags('admin: maker consents')
@Authenticated()
@ApiProblem(404, { description: 'No such record or facility in your scope (NOT_FOUND)' })
@Controller('admin/maker-consents')
export class MakerConsentsAdminController {
  constructor(private readonly consents: MakerConsentsService) {}

  @Get()
  @ApiOperation({ summary: 'List maker consent records' })
  @RequirePermission('consent.manage')
  @ApiOkResponse({ type: [ConsentView] })
  list(@CurrentUser() user: AuthUser, @Query() query: ListConsentsDto): Promise<ConsentView[]> {
    return this.consents.list(user, query.facilityId);
  }

  /** Refused at an LPKA (INDIVIDUAL_CREDIT_NOT_ALLOWED): children are never named. */
  @Post()
  @ApiOperation({ summary: "Record a maker's consent" })
  @ApiProblem(409, { description: 'The facility is an LPKA, where no individual is ever credited (INDIVIDUAL_CREDIT_NOT_ALLOWED)' })
  @RequirePermission('consent.manage')
  @ApiCreatedResponse({ type: ConsentView })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateConsentDto): Promise<ConsentView> {
    return this.consents.create(user, body);
  }

  /** Takes effect at once: every product credit using the record reverts to the group. */
  @Post(':id/withdraw')
  @ApiOperation({ summary: "Withdraw a maker's consent" })
  @RequirePermission('consent.manage')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ConsentView })
  withdraw(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<ConsentView> {
    return this.consents.withdraw(user, params.id);
  }
}
