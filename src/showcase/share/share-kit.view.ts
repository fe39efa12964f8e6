import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const SHARE_KIT_FORMATS = ['landscape', 'square', 'story'] as const;
export type ShareKitFormat = (typeof SHARE_KIT_FORMATS)[number];

export class ShareKitImageView {
  @ApiProperty({ enum: SHARE_KIT_FORMATS, description: 'landscape: the 1200x630 link preview; square: 1080x1080 post; story: 1080x1920 (WhatsApp status, Instagram/TikTok story)' })
  format!: ShareKitFormat;
  @ApiProperty({ example: 'https://etalase.example.id/bagikan/produk/kain-sasirangan.square.0123456789ab.jpg', description: 'Public JPEG, named by the hash of what it shows (cached for a year)' })
  url!: string;
  @ApiProperty({ example: 1080 }) width!: number;
  @ApiProperty({ example: 1080 }) height!: number;
  @ApiProperty({ example: 'kain-sasirangan-1080x1080.jpg', description: 'A name to save it under' }) fileName!: string;
}

/** What an officer needs to post a product or story: pictures in three shapes and a caption to edit. */
export class ShareKitView {
  @ApiProperty({ enum: ['product', 'story'] }) kind!: 'product' | 'story';
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'The public page the caption links to' }) webUrl!: string;
  @ApiPropertyOptional({ example: 'https://etalase.example.id/s/k7m2x9qa', description: "Only with campaignId and channel: the campaign's short link for this channel and page, which the caption then carries instead of webUrl" })
  trackedLink?: string;
  @ApiProperty({ description: 'A ready Indonesian caption (name, price, facility, link, hashtags), plain text with line breaks' }) caption!: string;
  @ApiProperty({ type: [String], example: ['#KaryaWargaBinaan', '#Pemasyarakatan'] }) hashtags!: string[];
  @ApiProperty({ description: 'Alternative text of the pictures' }) alt!: string;
  @ApiProperty({ type: [ShareKitImageView] }) images!: ShareKitImageView[];
}
