import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type ErasureSubject,
  type PersonalDataHolder,
  PersonalDataPolicy,
} from '../privacy/personal-data';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';

/** The webhooks' tables, and what erasing a contact does to them. */
@Injectable()
@PersonalDataPolicy()
export class WebhooksPersonalData implements PersonalDataHolder {
  readonly tables = {
    webhook_endpoints:
      "the workspace's receiver URLs, event types, descriptions and secrets: no contact's data",
    webhook_deliveries:
      "the contact's deliveries (sent or still pending) keep the event's ids and time only; a pending one still goes out, without the contact's values",
    webhook_attempts:
      'times, status codes, latencies and our own error messages only (never an answer body)',
  };

  constructor(private readonly deliveries: WebhookDeliveriesRepository) {}

  erase(manager: EntityManager, { workspaceId, contactId }: ErasureSubject): Promise<void> {
    return this.deliveries.erase(manager, workspaceId, contactId);
  }
}
