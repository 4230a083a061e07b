import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { PaginationQueryDto } from '../../common/validation/pagination.dto';

export class ListConversationsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    description: 'Only the conversations of this contact',
    example: '6634e2b1a7c3f500231a8b01',
  })
  @IsOptional()
  @Matches(/^[0-9a-f]{24}$/, { message: 'contactId must be a contact id (24 hex characters)' })
  @IsString()
  contactId?: string;
}
