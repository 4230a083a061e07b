import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MaxLength,
} from 'class-validator';
import { DistinctItems } from '../../common/validation/distinct-items.decorator';
import { ReadOnlyFields } from '../../common/validation/read-only-fields.decorator';
import { TrimEach, TrimLower, TrimLowerEach, TrimToNull } from '../../common/validation/transforms';
import { IsPhoneInput } from './is-phone-input.validator';

/** How many additional phones, and additional emails, a contact holds at most (SPEC §10). */
export const MAX_ADDITIONAL = 10;
/** How many tags a contact holds at most. */
export const MAX_TAGS = 50;

/** Fields a client sees but never writes; sending one is a 400 naming it read-only. */
export const READ_ONLY_CONTACT_FIELDS = ['id', 'fullName', 'source', 'createdAt', 'updatedAt'];

/**
 * The writable fields shared by create and update. Every one is optional here; `null` (or a
 * blank string) means "unset" on create and "clear" on update.
 */
// class-validator reports the bottom-most failing decorator of a field first (stopAtFirstError):
// the type check sits last so that `lastName: 5` reads "must be a string".
@ReadOnlyFields(READ_ONLY_CONTACT_FIELDS)
export abstract class ContactFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100, example: 'Doe' })
  @IsOptional()
  @TrimToNull()
  @MaxLength(100)
  @IsString()
  lastName?: string | null;

  /** As typed; normalised to E.164 by the service (it needs the workspace's default country). */
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 64,
    example: '+254712345678',
    description:
      'Stored in E.164. May contain spaces, dashes, dots and brackets; without `+` it is read in the workspace default country. At least one of phone or email.',
  })
  @IsOptional()
  @TrimToNull()
  @MaxLength(64)
  @IsPhoneInput()
  @IsString()
  phone?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 254,
    format: 'email',
    example: 'jane@example.com',
    description: 'Stored trimmed and lower-cased. At least one of phone or email.',
  })
  @IsOptional()
  @TrimLower()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @IsString()
  email?: string | null;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    maxItems: 10,
    example: ['+254733000111'],
    description:
      'More numbers of the same person (up to 10), normalised like `phone`; unique across every phone of the workspace. `null` clears.',
  })
  @IsOptional()
  @TrimEach()
  @IsPhoneInput({ each: true })
  @MaxLength(64, { each: true })
  @IsString({ each: true })
  @ArrayMaxSize(MAX_ADDITIONAL)
  @IsArray()
  additionalPhones?: string[] | null;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    maxItems: 10,
    example: ['jane.doe@work.example'],
    description:
      'More addresses of the same person (up to 10), stored lower-cased; unique across every email of the workspace. `null` clears.',
  })
  @IsOptional()
  @TrimLowerEach()
  @IsEmail({}, { each: true, message: 'each of additionalEmails must be a valid email address' })
  @MaxLength(254, { each: true })
  @IsString({ each: true })
  @ArrayMaxSize(MAX_ADDITIONAL)
  @IsArray()
  additionalEmails?: string[] | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, example: 'Acme Corp' })
  @IsOptional()
  @TrimToNull()
  @MaxLength(200)
  @IsString()
  company?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100, example: 'CTO' })
  @IsOptional()
  @TrimToNull()
  @MaxLength(100)
  @IsString()
  jobTitle?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 2048,
    format: 'uri',
    example: 'https://acme.example',
  })
  @IsOptional()
  @TrimToNull()
  @MaxLength(2048)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'website must be an http(s) URL' },
  )
  @IsString()
  website?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 10000,
    description: 'Internal notes, not visible to the contact.',
  })
  @IsOptional()
  @MaxLength(10000)
  @IsString()
  notes?: string | null;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    maxItems: 50,
    uniqueItems: true,
    example: ['vip', 'enterprise'],
    description: 'Distinct tags of 1 to 50 characters; `null` clears.',
  })
  // The size bound runs right after the type check, before any check of the elements.
  @IsOptional()
  @TrimEach()
  @DistinctItems({ message: 'tags must be distinct' })
  @Length(1, 50, { each: true, message: 'each tag must be 1 to 50 characters' })
  @IsString({ each: true })
  @ArrayMaxSize(MAX_TAGS)
  @IsArray()
  tags?: string[] | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50, example: 'Customer' })
  @IsOptional()
  @TrimToNull()
  @MaxLength(50)
  @IsString()
  lifecycle?: string | null;
}
