import type { ProductAvailability, ProductDetailView } from '../../catalog/catalog.types.js';
import type { FacilityDetailView } from '../../facilities/facility.types.js';
import type { StoryView } from '../../stories/story.types.js';

/**
 * schema.org JSON-LD for the page types, with the fields search engines require: Product (name,
 * image, offers.price, priceCurrency, availability), Article (headline, image, datePublished,
 * author, publisher), Organization with its Place, and a BreadcrumbList on every page.
 */
export type JsonLd = Record<string, unknown>;

const AVAILABILITY: Record<ProductAvailability, string> = {
  IN_STOCK: 'https://schema.org/InStock',
  SOLD_OUT: 'https://schema.org/OutOfStock',
  WITHDRAWN: 'https://schema.org/Discontinued',
};

export interface Crumb {
  name: string;
  url: string;
}

export function breadcrumbList(crumbs: readonly Crumb[]): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, index) => ({ '@type': 'ListItem', position: index + 1, name: crumb.name, item: crumb.url })),
  };
}

/** `fallbackImage`: the share picture, for a product without photos (search engines require an image). */
export function productLd(product: ProductDetailView, availability: ProductAvailability, pageUrl: string, facilityUrl: string, description: string, fallbackImage: string): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.name,
    description,
    image: product.images.length > 0 ? product.images.map((image) => image.largeUrl) : [fallbackImage],
    sku: product.id,
    category: product.category.name,
    url: pageUrl,
    brand: { '@type': 'Brand', name: product.facility.name },
    offers: {
      '@type': 'Offer',
      url: pageUrl,
      price: String(product.price),
      priceCurrency: product.currency,
      availability: AVAILABILITY[availability],
      itemCondition: 'https://schema.org/NewCondition',
      seller: { '@type': 'GovernmentOrganization', name: product.facility.name, url: facilityUrl },
    },
  };
}

export function articleLd(story: StoryView, pageUrl: string, facilityUrl: string, siteName: string, siteUrl: string, fallbackImage: string | null): JsonLd {
  const image = story.cover?.largeUrl ?? fallbackImage;
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: story.title,
    description: story.excerpt,
    ...(image ? { image: [image] } : {}),
    datePublished: story.publishedAt,
    dateModified: story.updatedAt,
    mainEntityOfPage: pageUrl,
    url: pageUrl,
    // Stories are written by the facility's staff and approved by Humas: the facility is the author.
    author: { '@type': 'GovernmentOrganization', name: story.facility.name, url: facilityUrl },
    publisher: { '@type': 'Organization', name: siteName, url: siteUrl },
  };
}

export function facilityLd(facility: FacilityDetailView, pageUrl: string): JsonLd {
  const address = {
    '@type': 'PostalAddress',
    streetAddress: facility.address.line,
    addressLocality: facility.address.city,
    addressRegion: facility.region.provinceName,
    ...(facility.address.postalCode ? { postalCode: facility.address.postalCode } : {}),
    addressCountry: 'ID',
  };
  return {
    '@context': 'https://schema.org',
    '@type': 'GovernmentOrganization',
    name: facility.name,
    alternateName: facility.shortName,
    url: pageUrl,
    description: facility.description,
    address,
    ...(facility.contact.phone ? { telephone: facility.contact.phone } : {}),
    ...(facility.contact.email ? { email: facility.contact.email } : {}),
    location: {
      '@type': 'Place',
      name: facility.name,
      address,
      ...(facility.location ? { geo: { '@type': 'GeoCoordinates', latitude: facility.location.latitude, longitude: facility.location.longitude } } : {}),
    },
  };
}

/** The home page: the site, with the search engines' sitelinks search box. */
export function websiteLd(siteName: string, siteUrl: string, searchUrlTemplate: string, language: string): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: siteName,
    url: siteUrl,
    inLanguage: language,
    potentialAction: { '@type': 'SearchAction', target: searchUrlTemplate, 'query-input': 'required name=q' },
  };
}
