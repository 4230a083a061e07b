/** What every domain event carries, whatever its aggregate. */
export interface DomainEvent {
  readonly eventName: string;
  readonly eventId: string;
  readonly workspaceId: string;
  readonly occurredAt: string;
  /** The aggregate the event is about (`contact`) and its id. */
  readonly aggregateType: string;
  readonly aggregateId: string;
  /** Increases with every event of the same aggregate (the aggregate's version). */
  readonly sequence: number;
}
