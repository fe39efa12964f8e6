import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from './auth-user.js';
import { AuthService } from './auth.service.js';
import { MeView, SessionView, toMeView, toSessionView } from './auth.views.js';
import { Authenticated } from './authenticated.decorator.js';
import { CurrentUser } from './current-user.decorator.js';
import { LoginDto } from './dto/login.dto.js';
import { RefreshTokenDto } from './dto/refresh-token.dto.js';
import { Public } from './public.decorator.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @ApiOperation({ summary: 'Sign in with e-mail and password' })
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionView })
  @ApiProblem(429, { description: 'Too many failed attempts for this account or IP; the password was not checked. Retry after Retry-After seconds (RATE_LIMITED)' })
  @ApiProblem(503, { description: 'The sign-in throttle cannot count attempts right now; retry after Retry-After seconds (SERVICE_UNAVAILABLE)' })
  async login(@Body() body: LoginDto, @Ip() ip: string): Promise<SessionView> {
    return toSessionView(await this.auth.login(body.email, body.password, ip));
  }

  /** Exchanges a refresh token for a new pair; the presented one stops working. */
  @Public()
  @Post('refresh')
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair' })
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionView })
  @ApiProblem(401, {
    description: 'Refresh token invalid, expired or revoked; presenting a used one ends its whole session, access tokens included (UNAUTHENTICATED)',
  })
  async refresh(@Body() body: RefreshTokenDto): Promise<SessionView> {
    return toSessionView(await this.auth.refresh(body.refreshToken));
  }

  /** Ends the session (one login): its refresh tokens, and its access tokens on their next request. */
  @Public()
  @Post('logout')
  @ApiOperation({ summary: 'Sign out: end this session' })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The session is over: its refresh and access tokens are refused from now on' })
  logout(@Body() body: RefreshTokenDto): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in admin' })
  @Authenticated()
  @ApiOkResponse({ type: MeView })
  me(@CurrentUser() user: AuthUser): MeView {
    return toMeView(user);
  }
}
