import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiPage } from '../common/pagination/api-page.decorator.js';
import type { Page } from '../common/pagination/cursor.js';
import { IdParam } from '../common/validation/params.js';
import { CreateFacilityDto } from './dto/create-facility.dto.js';
import { CreateRevenueSplitDto } from './dto/create-revenue-split.dto.js';
import { DeliveryZoneParams, SetDeliveryZoneDto } from './dto/set-delivery-zone.dto.js';
import { DeliveryZonesService } from './delivery-zones.service.js';
import { AdminListFacilitiesDto } from './dto/list-facilities.dto.js';
import { UpdateFacilityDto } from './dto/update-facility.dto.js';
import { FacilitiesService } from './facilities.service.js';
import { DeliveryZoneView, FacilityAdminView, RevenueSplitView } from './facility.views.js';
import { RevenueSplitAdminService } from './revenue-split-admin.service.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';

@ApiTags('admin: facilities')
@Authenticated()
@ApiProblem(404, { description: 'No such facility in your scope (NOT_FOUND)' })
@Controller('admin/facilities')
export class FacilitiesAdminController {
  constructor(
    private readonly facilities: FacilitiesService,
    private readonly revenueSplits: RevenueSplitAdminService,
    private readonly zones: DeliveryZonesService,
  ) {}

  /** The facilities in your scope, including inactive ones. */
  @Get()
  @ApiOperation({ summary: "List facilities in the admin's scope" })
  @RequirePermission('facility.read')
  @ApiPage(FacilityAdminView)
  list(@CurrentUser() user: AuthUser, @Query() query: AdminListFacilitiesDto): Promise<Page<FacilityAdminView>> {
    return this.facilities.listForAdmin(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a facility' })
  @RequirePermission('facility.read')
  @ApiOkResponse({ type: FacilityAdminView })
  get(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<FacilityAdminView> {
    return this.facilities.getForAdmin(user, params.id);
  }

  /** SUPERADMIN anywhere; REGIONAL_ADMIN in its own Kanwil. */
  @Post()
  @ApiOperation({ summary: 'Create a facility' })
  @ApiProblem(409, { description: 'Another facility has this slug, given or derived from the name (CONFLICT)' })
  @RequirePermission('facility.create')
  @ApiCreatedResponse({ type: FacilityAdminView })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateFacilityDto): Promise<FacilityAdminView> {
    return this.facilities.create(user, body);
  }

  /** Facility admins may edit their profile, outlet and shipping; names, type and status are the Kanwil's. */
  @Patch(':id')
  @ApiOperation({ summary: 'Update a facility' })
  @ApiProblem(409, { description: 'Another facility has this slug (CONFLICT)' })
  @RequirePermission('facility.updateProfile')
  @ApiOkResponse({ type: FacilityAdminView })
  update(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Body() body: UpdateFacilityDto): Promise<FacilityAdminView> {
    return this.facilities.update(user, params.id, body);
  }

  /** The facility's own rules and the national ones, newest first. */
  @Get(':id/revenue-split-rules')
  @ApiOperation({ summary: "List a facility's revenue-split rules" })
  @RequirePermission('facility.read')
  @ApiOkResponse({ type: [RevenueSplitView] })
  revenueSplitRules(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<RevenueSplitView[]> {
    return this.revenueSplits.list(user, params.id);
  }

  @Post(':id/revenue-split-rules')
  @ApiOperation({ summary: 'Add a revenue-split rule' })
  @ApiProblem(409, { description: 'A rule for this facility already starts on that date (CONFLICT)' })
  @RequirePermission('facility.manageRevenueSplit')
  @ApiCreatedResponse({ type: RevenueSplitView })
  addRevenueSplitRule(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: CreateRevenueSplitDto,
  ): Promise<RevenueSplitView> {
    return this.revenueSplits.add(user, params.id, body);
  }

  /** Where the facility delivers, per shipping route: declared, or the default. */
  @Get(':id/delivery-zones')
  @RequirePermission('facility.read')
  @ApiOperation({ summary: 'List where a facility delivers, per shipping route' })
  @ApiOkResponse({ type: [DeliveryZoneView] })
  deliveryZones(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<DeliveryZoneView[]> {
    return this.zones.list(user, params.id);
  }

  /**
   * Sets where one route delivers: the whole country or some provinces. Perishables and services
   * (LOCAL_DELIVERY) shipped outside the zone are refused at checkout (OUTSIDE_DELIVERY_ZONE).
   */
  @Put(':id/delivery-zones/:route')
  @RequirePermission('facility.updateProfile')
  @ApiOperation({ summary: 'Set where one shipping route of a facility delivers' })
  @ApiOkResponse({ type: DeliveryZoneView })
  setDeliveryZone(@CurrentUser() user: AuthUser, @Param() params: DeliveryZoneParams, @Body() body: SetDeliveryZoneDto): Promise<DeliveryZoneView> {
    return this.zones.set(user, params.id, params.route, body);
  }
}
