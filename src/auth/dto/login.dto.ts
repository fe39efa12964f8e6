import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'banjarmasin@etalase.test' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'etalase-demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}
