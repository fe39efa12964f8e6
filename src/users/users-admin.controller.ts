import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiPage } from '../common/pagination/api-page.decorator.js';
import type { Page } from '../common/pagination/cursor.js';
import { IdParam } from '../common/validation/params.js';
import { CreateUserDto } from './dto/create-user.dto.js';
import { ListUsersDto } from './dto/list-users.dto.js';
import { UpdateUserDto } from './dto/update-user.dto.js';
import { UsersService } from './users.service.js';
import { AssignableView, UserView } from './user.views.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';

@ApiTags('admin: users')
@Authenticated()
@ApiProblem(404, { description: 'No such user in your scope (NOT_FOUND)' })
@Controller('admin/users')
export class UsersAdminController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List admin users' })
  @RequirePermission('user.read')
  @ApiPage(UserView)
  list(@CurrentUser() actor: AuthUser, @Query() query: ListUsersDto): Promise<Page<UserView>> {
    return this.users.list(actor, query);
  }

  /** Declared before `:id`, which would take "assignable" for an id. */
  @Get('assignable')
  @ApiOperation({ summary: 'Roles and Kanwil you may give a new admin account' })
  @RequirePermission('user.manage')
  @ApiOkResponse({ type: AssignableView })
  assignable(@CurrentUser() actor: AuthUser): Promise<AssignableView> {
    return this.users.assignable(actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an admin user' })
  @RequirePermission('user.read')
  @ApiOkResponse({ type: UserView })
  get(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<UserView> {
    return this.users.get(actor, params.id);
  }

  @Post()
  @ApiOperation({ summary: 'Create an admin user' })
  @ApiProblem(409, { description: 'A user with this e-mail exists, in any letter case (CONFLICT)' })
  @RequirePermission('user.manage')
  @ApiCreatedResponse({ type: UserView })
  create(@CurrentUser() actor: AuthUser, @Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(actor, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update an admin user' })
  @RequirePermission('user.manage')
  @ApiOkResponse({ type: UserView })
  update(@CurrentUser() actor: AuthUser, @Param() params: IdParam, @Body() body: UpdateUserDto): Promise<UserView> {
    return this.users.update(actor, params.id, body);
  }
}
