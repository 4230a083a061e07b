import { ApiProperty } from '@nestjs/swagger';
import type { ContactEntity } from '../entities/contact.entity';

/** A contact as the API returns it: every field present, `null` when unset. */
export class ContactResponse {
  @ApiProperty({
    example: '6634e2b1a7c3f500231a8b01',
    pattern: '^[0-9a-f]{24}$',
    description: 'Time-ordered, 24 hex characters',
  })
  id: string;
  @ApiProperty({ example: 'Jane' })
  firstName: string;
  @ApiProperty({ type: String, nullable: true, example: 'Doe' })
  lastName: string | null;
  @ApiProperty({
    example: 'Jane Doe',
    description: 'First and last name joined by a space; read-only',
  })
  fullName: string;
  @ApiProperty({ type: String, nullable: true, example: '+254712345678', description: 'E.164' })
  phone: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'jane@example.com' })
  email: string | null;
  @ApiProperty({
    type: [String],
    example: ['+254733000111'],
    description: 'More numbers of the same person (E.164); `[]` when none',
  })
  additionalPhones: string[];
  @ApiProperty({
    type: [String],
    example: [],
    description: 'More addresses of the same person; `[]` when none',
  })
  additionalEmails: string[];
  @ApiProperty({ type: String, nullable: true, example: 'Acme Corp' })
  company: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'CTO' })
  jobTitle: string | null;
  @ApiProperty({ type: String, nullable: true, example: null })
  website: string | null;
  @ApiProperty({ type: String, nullable: true, example: null })
  notes: string | null;
  @ApiProperty({
    example: 'api',
    description: '`api` for contacts created through this API; read-only',
  })
  source: string;
  @ApiProperty({ type: [String], example: ['vip', 'enterprise'] })
  tags: string[];
  @ApiProperty({ type: String, nullable: true, example: 'Customer' })
  lifecycle: string | null;
  @ApiProperty({ format: 'date-time', example: '2025-05-01T10:00:00.000Z' })
  createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2025-05-01T10:00:00.000Z' })
  updatedAt: string;
}

export class ContactListResponse {
  @ApiProperty({ type: [ContactResponse] })
  items: ContactResponse[];
  @ApiProperty({ example: 1 })
  total: number;
  @ApiProperty({ example: 1 })
  page: number;
  @ApiProperty({ example: 25 })
  limit: number;
  @ApiProperty({ example: 1, description: 'ceil(total / limit)' })
  totalPages: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `after` for the contacts after this page; null on the last page',
  })
  nextCursor: string | null;
}

/** A page of contacts after a cursor (`after`): no total, so that it costs the same at any depth. */
export class ContactCursorPageResponse {
  @ApiProperty({ type: [ContactResponse] })
  items: ContactResponse[];
  @ApiProperty({ example: 25 })
  limit: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `after` for the next page; null on the last page',
  })
  nextCursor: string | null;
}

export function fullNameOf(firstName: string, lastName: string | null): string {
  return `${firstName} ${lastName ?? ''}`.trim();
}

export function toContactResponse(contact: ContactEntity): ContactResponse {
  return {
    id: contact.id,
    firstName: contact.firstName,
    lastName: contact.lastName,
    fullName: fullNameOf(contact.firstName, contact.lastName),
    phone: contact.phone,
    email: contact.email,
    additionalPhones: contact.additionalPhones,
    additionalEmails: contact.additionalEmails,
    company: contact.company,
    jobTitle: contact.jobTitle,
    website: contact.website,
    notes: contact.notes,
    source: contact.source,
    tags: contact.tags,
    lifecycle: contact.lifecycle,
    createdAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
  };
}
