import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

export class SendMessageDto {
  @ApiPropertyOptional({
    example: '+254712345678',
    description: 'The recipient; normalised like a contact phone',
  })
  @IsOptional()
  @MaxLength(64)
  @IsString()
  phone?: string;

  @ApiPropertyOptional({ description: 'Alias of `phone`' })
  @IsOptional()
  @MaxLength(64)
  @IsString()
  to?: string;

  @ApiProperty({ minLength: 1, maxLength: 4096, example: 'Hello Jane, your order has shipped.' })
  @Matches(/\S/, { message: 'text must not be blank' })
  @Length(1, 4096, { message: 'text must be 1 to 4096 characters' })
  @IsString()
  text: string;
}
