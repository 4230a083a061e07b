import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { DistinctItems } from '../../common/validation/distinct-items.decorator';
import { TrimToNull } from '../../common/validation/transforms';
import { EVENT_TYPES } from '../../event-catalogue/envelope';

/** The event types an endpoint may subscribe to, and `*` for all of them. */
const SUBSCRIBABLE = [...EVENT_TYPES, '*'];

/** A new endpoint (SPEC §12). */
export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://example.com/hooks/safravo',
    maxLength: 2048,
    description: 'http(s); not a private, loopback or link-local address',
  })
  @MaxLength(2048)
  @IsString()
  url: string;

  @ApiProperty({
    type: [String],
    example: ['contact.created', 'contact.updated'],
    description: `Event types (${EVENT_TYPES.join(', ')}) or ["*"] for every one`,
  })
  @IsIn(SUBSCRIBABLE, {
    each: true,
    message: `each of events must be one of ${SUBSCRIBABLE.join(', ')}`,
  })
  @IsString({ each: true })
  @DistinctItems()
  @ArrayMaxSize(SUBSCRIBABLE.length)
  @ArrayMinSize(1)
  @IsArray()
  events: string[];

  @ApiPropertyOptional({ type: Boolean, default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 500,
    example: 'Data warehouse sync',
  })
  @IsOptional()
  @TrimToNull()
  @MaxLength(500)
  @IsString()
  description?: string | null;
}

/** Only the fields sent change. Enabling an endpoint the service disabled clears why. */
export class UpdateWebhookDto {
  @ApiPropertyOptional({ maxLength: 2048 })
  @IsOptional()
  @MaxLength(2048)
  @IsString()
  url?: string;

  @ApiPropertyOptional({ type: [String], example: ['*'] })
  @IsOptional()
  @IsIn(SUBSCRIBABLE, {
    each: true,
    message: `each of events must be one of ${SUBSCRIBABLE.join(', ')}`,
  })
  @IsString({ each: true })
  @DistinctItems()
  @ArrayMaxSize(SUBSCRIBABLE.length)
  @ArrayMinSize(1)
  @IsArray()
  events?: string[];

  @ApiPropertyOptional({ type: Boolean, example: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @TrimToNull()
  @MaxLength(500)
  @IsString()
  description?: string | null;
}
