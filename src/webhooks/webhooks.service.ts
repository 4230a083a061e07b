import { Injectable } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { isId, newId } from '../common/ids/object-id';
import { Clock } from '../common/time/clock';
import { decodeCursor, encodeCursor } from '../common/validation/cursor';
import { validateInput, validationException } from '../common/validation/validation';
import { AppConfig } from '../config/app-config';
import { DeliveriesQueryDto } from './dto/deliveries.query.dto';
import { CreateWebhookDto, UpdateWebhookDto } from './dto/webhook-endpoint.dto';
import { WebhookEndpointEntity } from './entities/webhook-endpoint.entity';
import { receiverUrlProblem } from './receiver-address';
import { type DeliveryRow, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { newSecret } from './webhook-signature';

/** Endpoints a workspace may have. */
export const MAX_ENDPOINTS = 20;
/** How long a rotated-out secret still signs. */
const ROTATION_OVERLAP_MS = 24 * 3_600_000;
const DELIVERY_CURSOR = 'wd';

export interface DeliveryPage {
  items: DeliveryRow[];
  nextCursor: string | null;
}

/** A workspace's webhook endpoints and their delivery log (SPEC §12). */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly dispatcher: WebhookDispatcher,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  list(workspaceId: string): Promise<WebhookEndpointEntity[]> {
    return this.endpoints.list(workspaceId);
  }

  async get(workspaceId: string, id: string): Promise<WebhookEndpointEntity> {
    const endpoint = isId(id) ? await this.endpoints.find(workspaceId, id) : null;
    if (!endpoint) {
      throw new DomainException(ErrorCode.WebhookNotFound, 'Webhook endpoint not found');
    }
    return endpoint;
  }

  /** A new endpoint, with its signing secret (the only time the secret is shown). */
  async create(workspaceId: string, input: unknown): Promise<WebhookEndpointEntity> {
    const dto = validateInput(CreateWebhookDto, input);
    await this.assertReceiver(dto.url);
    if ((await this.endpoints.count(workspaceId)) >= MAX_ENDPOINTS) {
      throw validationException([
        { field: 'url', message: `a workspace has at most ${MAX_ENDPOINTS} webhook endpoints` },
      ]);
    }
    const now = this.clock.now();
    const endpoint = Object.assign(new WebhookEndpointEntity(), {
      id: newId(),
      workspaceId,
      url: dto.url,
      events: dto.events,
      enabled: dto.enabled ?? true,
      description: dto.description ?? null,
      secret: newSecret(),
      previousSecret: null,
      previousSecretExpiresAt: null,
      disabledReason: null,
      failingSince: null,
      createdAt: now,
      updatedAt: now,
    });
    await this.endpoints.insert(endpoint);
    return endpoint;
  }

  /** Changes the fields sent. Enabling an endpoint clears why the service had disabled it. */
  async update(workspaceId: string, id: string, input: unknown): Promise<WebhookEndpointEntity> {
    const dto = validateInput(UpdateWebhookDto, input);
    if (
      dto.url === undefined &&
      dto.events === undefined &&
      dto.enabled === undefined &&
      dto.description === undefined
    ) {
      throw new DomainException(ErrorCode.EmptyUpdate, 'Send at least one field to change');
    }
    const endpoint = await this.get(workspaceId, id);
    if (dto.url !== undefined) {
      await this.assertReceiver(dto.url);
      endpoint.url = dto.url;
    }
    if (dto.events !== undefined) endpoint.events = dto.events;
    if (dto.description !== undefined) endpoint.description = dto.description;
    if (dto.enabled !== undefined) {
      if (dto.enabled && !endpoint.enabled) {
        endpoint.disabledReason = null;
        endpoint.failingSince = null;
      }
      endpoint.enabled = dto.enabled;
    }
    endpoint.updatedAt = this.clock.now();
    await this.endpoints.save(endpoint);
    if (endpoint.enabled) this.dispatcher.kick();
    return endpoint;
  }

  async delete(workspaceId: string, id: string): Promise<void> {
    if (!isId(id) || !(await this.endpoints.delete(workspaceId, id))) {
      throw new DomainException(ErrorCode.WebhookNotFound, 'Webhook endpoint not found');
    }
  }

  /** A new signing secret; the previous one keeps signing (alongside) for 24 hours. */
  async rotateSecret(
    workspaceId: string,
    id: string,
  ): Promise<{ secret: string; previousSecretExpiresAt: Date }> {
    const endpoint = await this.get(workspaceId, id);
    const now = this.clock.now();
    endpoint.previousSecret = endpoint.secret;
    endpoint.previousSecretExpiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS);
    endpoint.secret = newSecret();
    endpoint.updatedAt = now;
    await this.endpoints.save(endpoint);
    return { secret: endpoint.secret, previousSecretExpiresAt: endpoint.previousSecretExpiresAt };
  }

  /** The endpoint's deliveries, newest first, each with its last attempts. */
  async deliveryLog(workspaceId: string, id: string, input: unknown): Promise<DeliveryPage> {
    const query = validateInput(DeliveriesQueryDto, input);
    await this.get(workspaceId, id);
    const before =
      query.after === undefined
        ? null
        : decodeCursor(DELIVERY_CURSOR, query.after, /^(\d{1,19})$/)[1];
    const rows = await this.deliveries.page(id, before, query.limit + 1, query.status);
    const items = rows.slice(0, query.limit);
    return {
      items,
      nextCursor:
        rows.length > query.limit
          ? encodeCursor(DELIVERY_CURSOR, items[items.length - 1].seq)
          : null,
    };
  }

  /** Sends a delivery once more, now (whatever it came to before). */
  async retry(workspaceId: string, id: string, deliveryId: string): Promise<void> {
    await this.get(workspaceId, id);
    const known =
      /^[0-9a-f-]{36}$/.test(deliveryId) && (await this.deliveries.exists(id, deliveryId));
    if (!known) {
      throw new DomainException(ErrorCode.WebhookDeliveryNotFound, 'Webhook delivery not found');
    }
    if (!(await this.deliveries.retry(id, deliveryId, this.clock.now()))) {
      throw new DomainException(
        ErrorCode.WebhookDeliveryInFlight,
        'This delivery is due already (waiting for its turn, or being sent right now): see its outcome in the delivery log',
      );
    }
    this.dispatcher.kick();
  }

  private async assertReceiver(url: string): Promise<void> {
    const problem = await receiverUrlProblem(url, this.config.WEBHOOKS_ALLOW_PRIVATE);
    if (problem) throw validationException([{ field: 'url', message: problem }]);
  }
}
