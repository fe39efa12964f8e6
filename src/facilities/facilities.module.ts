import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { FacilitiesAdminController } from './facilities-admin.controller.js';
import { FacilitiesController } from './facilities.controller.js';
import { FacilitiesService } from './facilities.service.js';
import { FacilityFactsRegistry } from './facility-facts.registry.js';
import { DeliveryZone } from './delivery-zone.entity.js';
import { DeliveryZonesService } from './delivery-zones.service.js';
import { Facility } from './facility.entity.js';
import { Kanwil } from './kanwil.entity.js';
import { Province } from './province.entity.js';
import { RegionsController } from './regions.controller.js';
import { RegionsService } from './regions.service.js';
import { RevenueSplitAdminService } from './revenue-split-admin.service.js';
import { RevenueSplitRule } from './revenue-split-rule.entity.js';
import { RevenueSplitService } from './revenue-split.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Facility, Kanwil, Province, RevenueSplitRule, DeliveryZone]), AuditModule],
  controllers: [RegionsController, FacilitiesController, FacilitiesAdminController],
  providers: [RegionsService, FacilitiesService, RevenueSplitService, RevenueSplitAdminService, FacilityFactsRegistry, DeliveryZonesService],
  exports: [FacilitiesService, RegionsService, RevenueSplitService, FacilityFactsRegistry, DeliveryZonesService],
})
export class FacilitiesModule {}
