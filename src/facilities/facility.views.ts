import { StoryCardView } from './story-card.view.js';
import { ApiProperty } from '@nestjs/swagger';
import { COURIERS, Courier, FACILITY_CLASSES, FACILITY_KINDS, FACILITY_TYPES, FacilityClass, FacilityKind, FacilityType, SHIPPING_ROUTES, ShippingRoute } from './facility.types.js';
import type { Facility } from './facility.entity.js';
import type { RevenueSplitRule } from './revenue-split-rule.entity.js';
import { webPath, webUrl } from '../common/web/web-paths.js';

export class FacilityRegionView {
  @ApiProperty({ example: '63' }) provinceCode!: string;
  @ApiProperty({ example: 'ID-KS' }) provinceIso!: string;
  @ApiProperty({ example: 'Kalimantan Selatan' }) provinceName!: string;
  @ApiProperty({ example: 'kalsel' }) kanwilCode!: string;
  @ApiProperty({ example: 'Kanwil Ditjenpas Kalimantan Selatan' }) kanwilName!: string;
}

export class FacilityAddressView {
  @ApiProperty() line!: string;
  @ApiProperty() city!: string;
  @ApiProperty({ type: String, nullable: true }) postalCode!: string | null;
}

export class FacilityContactView {
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
}

export class GeoPointView {
  @ApiProperty() latitude!: number;
  @ApiProperty() longitude!: number;
}

export class OutletView {
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
  @ApiProperty({ type: String, nullable: true }) openingHours!: string | null;
  @ApiProperty({ description: 'Shoppers may collect orders here' }) pickupAvailable!: boolean;
}

export class ShippingView {
  @ApiProperty({ description: 'Integer rupiah per shipment' }) baseFee!: number;
  @ApiProperty({ description: 'Integer rupiah per started kilogram' }) perKgFee!: number;
  @ApiProperty({ enum: COURIERS, isArray: true }) couriers!: Courier[];
  @ApiProperty({ description: 'Delivers perishables and services locally' }) localDelivery!: boolean;
  @ApiProperty({ enum: ['IDR'] }) currency!: 'IDR';
}

export class FacilityView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'lapas-banjarmasin' }) slug!: string;
  @ApiProperty({ enum: FACILITY_TYPES }) type!: FacilityType;
  @ApiProperty({ enum: FACILITY_CLASSES }) facilityClass!: FacilityClass;
  @ApiProperty({ enum: FACILITY_KINDS }) kind!: FacilityKind;
  @ApiProperty({ example: 'Lapas Kelas IIA Banjarmasin' }) name!: string;
  @ApiProperty({ example: 'Lapas Banjarmasin' }) shortName!: string;
  @ApiProperty({ type: FacilityRegionView }) region!: FacilityRegionView;
  @ApiProperty({ type: FacilityAddressView }) address!: FacilityAddressView;
  @ApiProperty({ type: FacilityContactView }) contact!: FacilityContactView;
  @ApiProperty() description!: string;
  @ApiProperty({ type: GeoPointView, nullable: true }) location!: GeoPointView | null;
  @ApiProperty({ type: OutletView, nullable: true }) outlet!: OutletView | null;
  @ApiProperty({ type: ShippingView }) shipping!: ShippingView;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({
    example: 'https://etalase.example.id/unit/lapas-banjarmasin',
    description: "Absolute URL of the facility's page on the showcase website (Indonesian; its English page is linked from it). Built on WEB_BASE_URL",
  })
  webUrl!: string;
}

export class FacilityImpactView {
  @ApiProperty({ description: 'Items sold, net of refunds' }) itemsSold!: number;
  @ApiProperty({ description: 'Integer rupiah, net of refunds' }) revenue!: number;
  @ApiProperty({ description: 'Integer rupiah paid to makers (premi)' }) premiPaid!: number;
  @ApiProperty({ description: 'Kilograms of FOOD products sold, one decimal' }) foodKgSold!: number;
}

export class FacilityDetailView extends FacilityView {
  @ApiProperty({ type: FacilityImpactView }) impact!: FacilityImpactView;
  @ApiProperty({ description: 'Products on sale now' }) productCount!: number;
  @ApiProperty({ description: 'Stories published now' }) storyCount!: number;
  @ApiProperty({ type: [StoryCardView], description: 'The newest published stories (at most 3)' }) latestStories!: StoryCardView[];
}

export class RevenueSplitView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: the national default' }) facilityId!: string | null;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) effectiveFrom!: string;
  @ApiProperty({ example: 50, description: 'Inmate wage share of profit, percent' }) premiPercent!: number;
  @ApiProperty({ example: 15, description: 'State non-tax revenue share, percent' }) pnbpPercent!: number;
  @ApiProperty({ example: 35, description: 'Working capital share, percent' }) capitalPercent!: number;
  @ApiProperty() note!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class FacilityAdminView extends FacilityView {
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: RevenueSplitView, description: 'The split rule in force today' }) revenueSplit!: RevenueSplitView;
  @ApiProperty({ description: 'Increments on every change' }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** `webBaseUrl`: where the showcase website is (WEB_BASE_URL). */
export function toFacilityView(facility: Facility, webBaseUrl: string): FacilityView {
  const province = facility.province;
  const kanwil = facility.kanwil;
  if (!province || !kanwil) throw new Error('toFacilityView needs province and kanwil loaded');
  const hasOutlet = facility.outletName || facility.outletAddress || facility.pickupAvailable;
  return {
    id: facility.id,
    slug: facility.slug,
    type: facility.type,
    facilityClass: facility.facilityClass,
    kind: facility.kind,
    name: facility.name,
    shortName: facility.shortName,
    region: {
      provinceCode: province.code,
      provinceIso: province.iso,
      provinceName: province.name,
      kanwilCode: kanwil.code,
      kanwilName: kanwil.name,
    },
    address: { line: facility.address, city: facility.city, postalCode: facility.postalCode },
    contact: { phone: facility.phone, email: facility.email },
    description: facility.description,
    location:
      facility.latitude !== null && facility.longitude !== null
        ? { latitude: facility.latitude, longitude: facility.longitude }
        : null,
    outlet: hasOutlet
      ? {
          name: facility.outletName,
          address: facility.outletAddress,
          openingHours: facility.outletOpeningHours,
          pickupAvailable: facility.pickupAvailable,
        }
      : null,
    shipping: {
      baseFee: facility.shippingBaseFee,
      perKgFee: facility.shippingPerKgFee,
      couriers: facility.couriers,
      localDelivery: facility.localDelivery,
      currency: 'IDR',
    },
    updatedAt: facility.updatedAt.toISOString(),
    webUrl: webUrl(webBaseUrl, webPath('id', 'facility', facility.slug)),
  };
}

export function toRevenueSplitView(rule: RevenueSplitRule): RevenueSplitView {
  return {
    id: rule.id,
    facilityId: rule.facilityId,
    effectiveFrom: rule.effectiveFrom,
    premiPercent: rule.premiPercent,
    pnbpPercent: rule.pnbpPercent,
    capitalPercent: rule.capitalPercent,
    note: rule.note,
    createdAt: rule.createdAt.toISOString(),
  };
}

export function toFacilityAdminView(facility: Facility, rule: RevenueSplitRule, webBaseUrl: string): FacilityAdminView {
  return {
    ...toFacilityView(facility, webBaseUrl),
    active: facility.active,
    revenueSplit: toRevenueSplitView(rule),
    version: facility.version,
    createdAt: facility.createdAt.toISOString(),
  };
}

export class ZoneProvinceView {
  @ApiProperty({ example: '63' }) code!: string;
  @ApiProperty({ example: 'Kalimantan Selatan' }) name!: string;
}

export class DeliveryZoneView {
  @ApiProperty({ enum: SHIPPING_ROUTES, description: 'COURIER carries goods; LOCAL_DELIVERY is the facility\'s own delivery of perishables and services' })
  route!: ShippingRoute;
  @ApiProperty({ description: 'False: the default zone (COURIER: the whole country; LOCAL_DELIVERY: the facility\'s own province)' }) declared!: boolean;
  @ApiProperty() wholeCountry!: boolean;
  @ApiProperty({ type: [ZoneProvinceView], description: 'Empty when wholeCountry' }) provinces!: ZoneProvinceView[];
}
