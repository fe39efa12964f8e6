import { Injectable, Logger } from '@nestjs/common';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { homeShareName, type Language, type ShareableKind, shareableKindOfSegment } from '../../common/web/web-paths.js';
import { MediaService } from '../../media/media.service.js';
import { ShowcasePagesService } from '../showcase-pages.service.js';
import { renderStackedCard, STACKED_FORMATS, type StackedFormat } from './share-card-stacked.js';
import { renderShareCard, type ShareCard } from './share-card.js';
import { SHARE_VERSION_LENGTH } from './share-cards.js';

/** `{slug}.{version}.jpg` (`beranda.{version}.jpg` for the home page); the share kit's `{slug}.square.{version}.jpg`, `{slug}.story.{version}.jpg`. */
const FILE = new RegExp(`^([a-z0-9]+(?:-[a-z0-9]+)*)(?:\\.(${Object.keys(STACKED_FORMATS).join('|')}))?\\.([0-9a-f]{${SHARE_VERSION_LENGTH}})\\.jpg$`);

function isStackedFormat(value: string | undefined): value is StackedFormat {
  return value !== undefined && Object.hasOwn(STACKED_FORMATS, value);
}

export type ShareImageAnswer =
  /** The picture this URL names; `immutable` unless it had to be drawn without its photo. */
  | { kind: 'image'; body: Buffer; immutable: boolean }
  /** An older version: the page changed since it was shared. */
  | { kind: 'redirect'; location: string };

class ShareImageNotFound extends NotFoundError {
  constructor() {
    super('Share image');
  }
}

/**
 * Serves share pictures. The page only names a version (the hash of what is drawn); the picture
 * is drawn on the first request for that version, stored by that hash through the media store, and
 * read from there afterwards. A request for an old version is sent to the current one, so a link
 * shared before a price change still shows a picture.
 */
@Injectable()
export class ShareImagesService {
  private readonly logger = new Logger('ShareImages');
  /** Pictures being drawn, by hash: a burst of first requests (a post going round) draws once. */
  private readonly drawing = new Map<string, Promise<{ body: Buffer; complete: boolean }>>();

  constructor(
    private readonly pages: ShowcasePagesService,
    private readonly media: MediaService,
  ) {}

  /** `segment` is the page kind's path segment (`produk`), undefined for the home page's picture. */
  async image(language: Language, segment: string | undefined, file: string): Promise<ShareImageAnswer> {
    const [kind, slug, version, format] = this.parse(language, segment, file);
    const page = await this.pages.shareImage(language, kind, slug);
    const current = format ? page.stacked(format) : page;
    if (!current.hash.startsWith(version)) return { kind: 'redirect', location: current.url };
    const stored = await this.media.readDerivedJpeg(current.hash);
    if (stored) return { kind: 'image', body: stored, immutable: true };
    const drawn = await this.draw(current.hash, page.card, format);
    return { kind: 'image', body: drawn.body, immutable: drawn.complete };
  }

  private parse(language: Language, segment: string | undefined, file: string): [ShareableKind, string | undefined, string, StackedFormat | undefined] {
    const match = FILE.exec(file);
    if (!match) throw new ShareImageNotFound();
    const [, name = '', formatName, version = ''] = match;
    const format = isStackedFormat(formatName) ? formatName : undefined;
    if (segment === undefined) {
      if (name !== homeShareName(language)) throw new ShareImageNotFound();
      return ['home', undefined, version, format];
    }
    const kind = shareableKindOfSegment(language, segment);
    if (!kind) throw new ShareImageNotFound();
    return [kind, name, version, format];
  }

  private draw(hash: string, card: ShareCard, format: StackedFormat | undefined): Promise<{ body: Buffer; complete: boolean }> {
    const running = this.drawing.get(hash);
    if (running) return running;
    const work = (async () => {
      const photo = card.photo ? await this.media.readImageAt(card.photo, 'large') : null;
      // A photo missing from the store: drawn without it, and not kept, so the next request tries again.
      const complete = !card.photo || photo !== null;
      if (!complete) this.logger.warn(`Photo ${card.photo ?? ''} of a share picture is missing from the media store`);
      const body = format ? await renderStackedCard(card, photo, format) : await renderShareCard(card, photo);
      if (complete) await this.media.storeDerivedJpeg(hash, body);
      return { body, complete };
    })().finally(() => this.drawing.delete(hash));
    this.drawing.set(hash, work);
    return work;
  }
}
