import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsString, Length, ValidateIf } from 'class-validator';
import { Trim } from '../../common/validation/transforms';
import { ContactFieldsDto } from './contact-fields.dto';

/** Only the fields sent change; `null` clears an optional field. */
export class UpdateContactDto extends ContactFieldsDto {
  @ApiPropertyOptional({
    type: String,
    minLength: 1,
    maxLength: 100,
    description: 'Cannot be cleared.',
  })
  @ValidateIf((dto: UpdateContactDto) => dto.firstName !== undefined)
  @Trim()
  @Length(1, 100, { message: 'firstName must be 1 to 100 characters' })
  @IsString()
  @IsDefined({ message: 'firstName cannot be cleared' })
  firstName?: string;
}
