import { ApiProperty } from '@nestjs/swagger';
import { PROGRAMS, type Program } from './program.types.js';

export class StoryCoverView {
  @ApiProperty({ description: '200 px WebP' }) thumbUrl!: string;
  @ApiProperty({ description: '600 px WebP' }) mediumUrl!: string;
  @ApiProperty({ description: '1200 px WebP' }) largeUrl!: string;
  @ApiProperty() alt!: string;
  @ApiProperty({ description: 'Of the large variant' }) width!: number;
  @ApiProperty() height!: number;
}

export class StoryCardFacilityView {
  @ApiProperty({ example: 'lapas-banjarmasin' }) slug!: string;
  @ApiProperty({ example: 'Lapas Kelas IIA Banjarmasin' }) name!: string;
  @ApiProperty({ example: '63', description: "The facility's province (BPS code): its time zone dates the story" }) provinceCode!: string;
}

/**
 * A published story as lists and the facility and product pages show it. Defined here, the lowest
 * feature that shows stories, so facilities and catalog can carry cards the stories feature fills.
 */
export class StoryCardView {
  @ApiProperty({ example: 'pagi-di-dapur-roti-lapas-banjarmasin' }) slug!: string;
  @ApiProperty() title!: string;
  @ApiProperty() excerpt!: string;
  @ApiProperty({ example: 3 }) readingMinutes!: number;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ enum: PROGRAMS, nullable: true }) program!: Program | null;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ type: StoryCoverView, nullable: true }) cover!: StoryCoverView | null;
  @ApiProperty({ type: StoryCardFacilityView }) facility!: StoryCardFacilityView;
  @ApiProperty({
    example: 'https://etalase.example.id/cerita/pagi-di-dapur-roti-lapas-banjarmasin',
    description: "Absolute URL of the story's page on the showcase website (Indonesian; its English page is linked from it). Built on WEB_BASE_URL",
  })
  webUrl!: string;
}
