import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { AuthUser } from './auth-user.js';
import { AuthService } from './auth.service.js';
import { MeView, SessionView, toMeView, toSessionView } from './auth.views.js';
import { Authenticated } from './authenticated.decorator.js';
import { CurrentUser } from './current-user.decorator.js';
import { LoginDto } from './dto/login.dto.js';
import { RefreshTokenDto } from './dto/refresh-token.dto.js';
import { Public } from './public.decorator.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionView })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this account or IP (RATE_LIMITED)' })
  async login(@Body() body: LoginDto, @Ip() ip: string): Promise<SessionView> {
    return toSessionView(await this.auth.login(body.email, body.password, ip));
  }

  /** Exchanges a refresh token for a new pair; the presented one stops working. */
  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionView })
  async refresh(@Body() body: RefreshTokenDto): Promise<SessionView> {
    return toSessionView(await this.auth.refresh(body.refreshToken));
  }

  /** Revokes the refresh token and every token rotated from the same login. */
  @Public()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  logout(@Body() body: RefreshTokenDto): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  @Get('me')
  @Authenticated()
  @ApiOkResponse({ type: MeView })
  me(@CurrentUser() user: AuthUser): MeView {
    return toMeView(user);
  }
}
