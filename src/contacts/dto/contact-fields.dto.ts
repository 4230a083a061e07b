import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MaxLength,
} from 'class-validator';
import { ReadOnlyFields } from '../../common/validation/read-only-fields.decorator';
import { TrimEach, TrimLower, TrimToNull } from '../../common/validation/transforms';
import { IsPhoneInput } from './is-phone-input.validator';

/** Fields a client sees but never writes; sending one is a 400 naming it read-only. */
export const READ_ONLY_CONTACT_FIELDS = ['id', 'fullName', 'source', 'createdAt', 'updatedAt'];

/**
 * The writable fields shared by create and update. Every one is optional here; `null` (or a
 * blank string) means "unset" on create and "clear" on update.
 */
@ReadOnlyFields(READ_ONLY_CONTACT_FIELDS)
export abstract class ContactFieldsDto {
  @IsOptional()
  @TrimToNull()
  @IsString()
  @MaxLength(100)
  lastName?: string | null;

  /** As typed; normalised to E.164 by the service (it needs the workspace's default country). */
  @IsOptional()
  @TrimToNull()
  @IsString()
  @MaxLength(64)
  @IsPhoneInput()
  phone?: string | null;

  @IsOptional()
  @TrimLower()
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be a valid email address' })
  email?: string | null;

  @IsOptional()
  @TrimToNull()
  @IsString()
  @MaxLength(200)
  company?: string | null;

  @IsOptional()
  @TrimToNull()
  @IsString()
  @MaxLength(100)
  jobTitle?: string | null;

  @IsOptional()
  @TrimToNull()
  @IsString()
  @MaxLength(2048)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'website must be an http(s) URL' },
  )
  website?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(10000)
  notes?: string | null;

  @IsOptional()
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique({ message: 'tags must be distinct' })
  @IsString({ each: true })
  @Length(1, 50, { each: true, message: 'each tag must be 1 to 50 characters' })
  tags?: string[] | null;

  @IsOptional()
  @TrimToNull()
  @IsString()
  @MaxLength(50)
  lifecycle?: string | null;
}
