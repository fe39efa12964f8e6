import type { Language } from '../../common/web/web-paths.js';
import { MESSAGES_EN } from './messages.en.js';
import { MESSAGES_ID, type Messages } from './messages.id.js';

export type { Messages };

export const MESSAGES: Record<Language, Messages> = { id: MESSAGES_ID, en: MESSAGES_EN };
