import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString, Length } from 'class-validator';
import { Trim } from '../../common/validation/transforms';
import { ContactFieldsDto } from './contact-fields.dto';

export class CreateContactDto extends ContactFieldsDto {
  @ApiProperty({ type: String, minLength: 1, maxLength: 100, example: 'Jane' })
  @Trim()
  @Length(1, 100, { message: 'firstName must be 1 to 100 characters' })
  @IsString()
  @IsDefined({ message: 'firstName is required' })
  firstName: string;
}
