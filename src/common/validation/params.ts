import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, Matches, MaxLength } from 'class-validator';

export class IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class SlugParam {
  @ApiProperty({ example: 'lapas-banjarmasin' })
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be a slug (lowercase letters, digits, hyphens)' })
  @MaxLength(120)
  slug!: string;
}
