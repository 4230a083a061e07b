/** What every domain event carries, whatever its aggregate. */
export interface DomainEvent {
  readonly eventName: string;
  readonly eventId: string;
  readonly workspaceId: string;
  readonly occurredAt: string;
}
