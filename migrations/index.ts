import type { MigrationInterface } from 'typeorm';
import { HumasCampaigns1797000010500 } from './1797000010500-HumasCampaigns.js';
import { StockMovementsAndDeliveryZones1797000001300 } from './1797000001300-StockMovementsAndDeliveryZones.js';
import { RateLimitWindowEnds1796600000000 } from './1796600000000-RateLimitWindowEnds.js';
import { AuthSessions1796589027146 } from './1796589027146-AuthSessions.js';
import { CheckoutHoldLimits1796588951514 } from './1796588951514-CheckoutHoldLimits.js';
import { LedgerByTime1795983564254 } from './1795983564254-LedgerByTime.js';
import { Webhooks1795981721891 } from './1795981721891-Webhooks.js';
import { Partners1795980828484 } from './1795980828484-Partners.js';
import { Stories1795980189420 } from './1795980189420-Stories.js';
import { OutboxEventLog1795978617269 } from './1795978617269-OutboxEventLog.js';
import { Orders1795973843309 } from './1795973843309-Orders.js';
import { JobQueue1795978501707 } from './1795978501707-JobQueue.js';
import { Catalog1795969618778 } from './1795969618778-Catalog.js';
import { CatalogPublicReads1795971700000 } from './1795971700000-CatalogPublicReads.js';
import { UserSessionsRevokedAt1795969307226 } from './1795969307226-UserSessionsRevokedAt.js';
import { Init1795968699294 } from './1795968699294-Init.js';
import { ReferenceRegions1795968699300 } from './1795968699300-ReferenceRegions.js';
import { AttemptCounters1796588823591 } from './1796588823591-AttemptCounters.js';
import { PaymentHistory1796613130000 } from './1796613130000-PaymentHistory.js';
import { IdempotencyBoundToOrders1796613130100 } from './1796613130100-IdempotencyBoundToOrders.js';
import { OrderLineSnapshots1797000000136 } from './1797000000136-OrderLineSnapshots.js';
import { PaymentCheckoutSession1797000001400 } from './1797000001400-PaymentCheckoutSession.js';
import { ProductImageUploadKeys1797000001600 } from './1797000001600-ProductImageUploadKeys.js';
import { IdempotentAnswers1797000000100 } from './1797000000100-IdempotentAnswers.js';
import { HumasVisits1797000001717 } from './1797000001717-HumasVisits.js';
import { HumasDashboardIndexes1797000010700 } from './1797000010700-HumasDashboardIndexes.js';
import { CatalogSearchWords1797000002000 } from './1797000002000-CatalogSearchWords.js';
import { CatalogSearchRank1797000010600 } from './1797000010600-CatalogSearchRank.js';
import { CatalogSearchGeneration1797000010800 } from './1797000010800-CatalogSearchGeneration.js';
import { SearchGenerationOncePerTransaction1797000010900 } from './1797000010900-SearchGenerationOncePerTransaction.js';

type MigrationClass = new () => MigrationInterface;

/**
 * Every migration, oldest first. Listed explicitly (no globbing) so the app, the CLI and the
 * tests all run the same set; a unit test fails when a file here is missing from the list.
 */
export const MIGRATIONS: readonly MigrationClass[] = [Init1795968699294, ReferenceRegions1795968699300, UserSessionsRevokedAt1795969307226, Catalog1795969618778, CatalogPublicReads1795971700000, Orders1795973843309, JobQueue1795978501707, OutboxEventLog1795978617269, Stories1795980189420, Partners1795980828484, Webhooks1795981721891, LedgerByTime1795983564254, AttemptCounters1796588823591, CheckoutHoldLimits1796588951514, AuthSessions1796589027146, RateLimitWindowEnds1796600000000, PaymentHistory1796613130000, IdempotencyBoundToOrders1796613130100, IdempotentAnswers1797000000100, OrderLineSnapshots1797000000136, StockMovementsAndDeliveryZones1797000001300, PaymentCheckoutSession1797000001400, ProductImageUploadKeys1797000001600, HumasVisits1797000001717, CatalogSearchWords1797000002000, HumasCampaigns1797000010500, CatalogSearchRank1797000010600, HumasDashboardIndexes1797000010700, CatalogSearchGeneration1797000010800, SearchGenerationOncePerTransaction1797000010900];
