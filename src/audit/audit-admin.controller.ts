import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import type { Page } from '../common/pagination/cursor.js';
import { ApiPage } from '../common/pagination/api-page.decorator.js';
import { AuditService } from './audit.service.js';
import { AuditEventView } from './audit-event.view.js';
import { ListAuditEventsDto } from './dto/list-audit-events.dto.js';

@ApiTags('admin: audit')
@Authenticated()
@Controller('admin/audit-events')
export class AuditAdminController {
  constructor(private readonly audit: AuditService) {}

  /** Newest first, limited to the reader's facility or Kanwil. */
  @Get()
  @ApiOperation({ summary: 'List audit events' })
  @RequirePermission('audit.read')
  @ApiPage(AuditEventView)
  list(@CurrentUser() user: AuthUser, @Query() query: ListAuditEventsDto): Promise<Page<AuditEventView>> {
    return this.audit.list(user, query);
  }
}
