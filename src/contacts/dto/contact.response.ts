import type { ContactEntity } from '../entities/contact.entity';

/** A contact as the API returns it: every field present, `null` when unset. */
export interface ContactResponse {
  id: string;
  firstName: string;
  lastName: string | null;
  fullName: string;
  phone: string | null;
  email: string | null;
  company: string | null;
  jobTitle: string | null;
  website: string | null;
  notes: string | null;
  source: string;
  tags: string[];
  lifecycle: string | null;
  createdAt: string;
  updatedAt: string;
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
