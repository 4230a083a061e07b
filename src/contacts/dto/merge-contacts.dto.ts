import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Matches,
} from 'class-validator';
import { ID_PATTERN } from '../../common/ids/object-id';

export class MergeContactsDto {
  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: 10,
    example: ['6634e2b1a7c3f500231a8b02'],
    description: 'The duplicates to merge into this contact',
  })
  @Matches(ID_PATTERN, { each: true, message: 'each of sourceIds must be a contact id' })
  @IsString({ each: true })
  @ArrayMaxSize(10)
  @ArrayMinSize(1)
  @IsArray()
  sourceIds: string[];

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'Report what the merge would do, change nothing',
  })
  @IsOptional()
  @IsBoolean()
  dryRun: boolean = false;
}
