/**
 * The Safravo Contacts API's types, generated from clients/openapi.json by openapi-typescript:
 * do not edit (`npm run client:generate` rewrites this file; a test fails while it is stale).
 */
export interface paths {
  '/v1/contacts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List and search contacts
     * @description Newest first. By number (`page`, with the exact `total`), or after a cursor (`after`: a `nextCursor` of an earlier answer; no total, the same cost at any depth). Rate limit: 60 requests per minute per API key (setting `RATE_LIMIT_CONTACTS_LIST`).
     */
    get: operations['listContacts'];
    put?: never;
    /**
     * Create a contact
     * @description Deduplicated by phone and by email within the workspace. Rate limit: 30 requests per minute per API key (setting `RATE_LIMIT_CONTACTS_CREATE`).
     */
    post: operations['createContact'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contacts/changes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The change feed
     * @description Every change of the workspace's contacts (`created`, `updated`, `deleted`, `restored`, `merged`, `erased`) in one total order. Follow it with `after` = the last `nextCursor`: a follower that starts from the beginning (no `after`) and applies every change ends with an exact copy of the workspace. A change shows once every change before it is settled, so none is ever skipped, even when transactions commit out of order; a long transaction delays the feed, it never reorders it. Rate limit: 120 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).
     */
    get: operations['listContactChanges'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contacts/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a contact
     * @description With an `ETag` (the contact's version); `If-None-Match` with it answers 304 while the contact is unchanged. Rate limit: 300 requests per minute per API key (setting `RATE_LIMIT_CONTACTS_GET`).
     */
    get: operations['getContact'];
    put?: never;
    post?: never;
    /**
     * Delete a contact
     * @description The contact leaves reads, lists, searches and totals at once, and its phone and email are free for another contact. Its conversations and messages keep their link. It can be restored until it is erased after CONTACT_RETENTION_DAYS (30). With `If-Match`, only while the contact is at that version (else 412). Rate limit: 120 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).
     */
    delete: operations['deleteContact'];
    options?: never;
    head?: never;
    /**
     * Update a contact
     * @description Only the fields sent change; `null` clears an optional field. With `If-Match`, only while the contact is at that version (else 412). Rate limit: 30 requests per minute per API key (setting `RATE_LIMIT_CONTACTS_UPDATE`).
     */
    patch: operations['updateContact'];
    trace?: never;
  };
  '/v1/contacts/upsert': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create or update a contact by phone or email
     * @description A create body plus `matchOn` (`["phone","email"]` by default). No live contact holds the phone or email named by `matchOn`: the contact is created (201, `Location`). One does: the fields sent are applied to it (200). The phone finds one contact and the email another: 409 `contact_match_ambiguous` naming both, nothing written. Another value of the body held by a third contact: 409 `contact_exists`. Safe under concurrency: two upserts of one new phone create one contact. Counts against the create limit. Rate limit: 30 requests per minute per API key (setting `RATE_LIMIT_CONTACTS_CREATE`).
     */
    post: operations['upsertContact'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contacts/batch': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create or upsert up to 100 contacts
     * @description `mode`: `create` (each item a create body) or `upsert` (each item an upsert body). One transaction; 207 with one result per item, in order: each item is written or fails on its own with its error in the usual shape, and nothing else is written. Two items with the same phone or email: the later one is 409 `contact_exists` naming the earlier one's contact (and its `index`). Counts against the create limit by item: the items past what the limit allows are 429 `rate_limited` (retry them after Retry-After); the request is 429 only when no item fits. The body is bounded by the body limit (1 MB). Rate limit: 30 requests per minute per API key (setting `RATE_LIMIT_CONTACTS_CREATE`).
     */
    post: operations['batchContacts'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contacts/{id}/restore': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Restore a deleted contact
     * @description Back in reads and lists. 409 `contact_exists` when its phone or email has been taken by another contact meanwhile. Rate limit: 120 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).
     */
    post: operations['restoreContact'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contacts/{id}/erase': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Erase a contact (right to erasure)
     * @description Irreversible (Kenya Data Protection Act 2019 s.40, GDPR Art. 17): every personal value of the contact is removed from every table that holds it (the contact, its history, its conversations and messages, retained events). A tombstone remains: id, workspace, erasedAt, the request id. Works on live and deleted contacts; afterwards reads answer 404. Needs the `erase:contacts` scope, granted apart from writing. Rate limit: 120 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).
     */
    post: operations['eraseContact'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contacts/{id}/merge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Merge duplicates into this contact
     * @description This contact (the target) survives. Its empty fields are filled from the sources (newest source first), tags are united, the sources' phones and emails become its additional ones (so messages to them keep finding it), and their conversations and messages move to it. The sources then answer 410 `contact_merged` with a `Link` to the target. One transaction; emits `contact.merged` and `contact.updated`. With `dryRun: true` nothing changes and the report shows what would happen. 400 for the target among the sources or more than 10 additional phones or emails after the merge; 404 for an id that does not exist or is deleted; 410 for one already merged; 409 when a value is taken meanwhile. Rate limit: 120 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).
     */
    post: operations['mergeContacts'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/contacts/{id}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A contact's history
     * @description Every change, newest first, with who made it and in which request; also for a deleted contact (none for an erased one). Rate limit: 120 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).
     */
    get: operations['getContactHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/conversations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List conversations
     * @description Most recent message first. Rate limit: 120 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).
     */
    get: operations['listConversations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/conversations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a conversation
     * @description Rate limit: 120 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).
     */
    get: operations['getConversation'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/conversations/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List a conversation's messages
     * @description Oldest first. Rate limit: 120 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).
     */
    get: operations['listConversationMessages'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send a message
     * @description Goes into the open conversation for the number. The number finds its contact by its phone, an additional phone or a variant form of either; a number no contact has gets a new contact (`source: "message"`). `resolution` says which. Rate limit: 120 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).
     */
    post: operations['sendMessage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List webhook endpoints
     * @description Oldest first; secrets are never listed. Rate limit: 120 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).
     */
    get: operations['listWebhooks'];
    put?: never;
    /**
     * Add a webhook endpoint
     * @description The workspace's events of the types in `events` (or every type, `["*"]`) are sent to `url`, signed per the Standard Webhooks specification. The answer holds the signing secret: it is shown only now. A URL on a private, loopback or link-local address is refused (unless WEBHOOKS_ALLOW_PRIVATE). At most 20 endpoints per workspace. Rate limit: 120 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).
     */
    post: operations['createWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a webhook endpoint
     * @description Rate limit: 120 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).
     */
    get: operations['getWebhook'];
    put?: never;
    post?: never;
    /**
     * Delete a webhook endpoint
     * @description With its delivery log; nothing more is sent to it. Rate limit: 120 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).
     */
    delete: operations['deleteWebhook'];
    options?: never;
    head?: never;
    /**
     * Change a webhook endpoint
     * @description Only the fields sent change. `enabled: true` on an endpoint the service disabled (a 410, days of failures) turns it back on. Rate limit: 120 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).
     */
    patch: operations['updateWebhook'];
    trace?: never;
  };
  '/v1/webhooks/{id}/rotate-secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rotate an endpoint's signing secret
     * @description A new secret, shown only now. For 24 hours each request carries two signatures, one per secret, so receivers can switch at their pace. Rate limit: 120 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).
     */
    post: operations['rotateWebhookSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An endpoint's deliveries
     * @description Newest first, each with its status and its last attempts (status code, latency, error). Rate limit: 120 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).
     */
    get: operations['listWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}/deliveries/{deliveryId}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send a delivery again
     * @description Now, whatever it came to before (a parked delivery too); its outcome shows in the delivery log. Rate limit: 120 requests per minute per API key (setting `RATE_LIMIT_DEFAULT`).
     */
    post: operations['retryWebhookDelivery'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: the process answers */
    get: operations['getLiveness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: the database answers (503 while it does not, or while shutting down) */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    ErrorBodyDto: {
      /** @example 409 */
      statusCode: number;
      /** @example Conflict */
      error: string;
      /**
       * @description Stable, machine-readable
       * @example contact_exists
       */
      code: string;
      /** @example A contact with this phone already exists */
      message: string;
      /** @description Field problems (`field`, `message`) for 400s; conflicts (`field`, `contactId`) for 409s */
      details?: {
        [key: string]: unknown;
      }[];
      /** @example 3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b */
      requestId: string;
    };
    ContactResponse: {
      /**
       * @description Time-ordered, 24 hex characters
       * @example 6634e2b1a7c3f500231a8b01
       */
      id: string;
      /** @example Jane */
      firstName: string;
      /** @example Doe */
      lastName: string | null;
      /**
       * @description First and last name joined by a space; read-only
       * @example Jane Doe
       */
      fullName: string;
      /**
       * @description E.164
       * @example +254712345678
       */
      phone: string | null;
      /** @example jane@example.com */
      email: string | null;
      /**
       * @description More numbers of the same person (E.164); `[]` when none
       * @example [
       *       "+254733000111"
       *     ]
       */
      additionalPhones: string[];
      /**
       * @description More addresses of the same person; `[]` when none
       * @example []
       */
      additionalEmails: string[];
      /** @example Acme Corp */
      company: string | null;
      /** @example CTO */
      jobTitle: string | null;
      /** @example null */
      website: string | null;
      /** @example null */
      notes: string | null;
      /**
       * @description `api` for contacts created through this API; read-only
       * @example api
       */
      source: string;
      /**
       * @example [
       *       "vip",
       *       "enterprise"
       *     ]
       */
      tags: string[];
      /** @example Customer */
      lifecycle: string | null;
      /**
       * Format: date-time
       * @example 2025-05-01T10:00:00.000Z
       */
      createdAt: string;
      /**
       * Format: date-time
       * @example 2025-05-01T10:00:00.000Z
       */
      updatedAt: string;
    };
    ContactListResponse: {
      items: components['schemas']['ContactResponse'][];
      /** @example 1 */
      total: number;
      /** @example 1 */
      page: number;
      /** @example 25 */
      limit: number;
      /**
       * @description ceil(total / limit)
       * @example 1
       */
      totalPages: number;
      /** @description Pass as `after` for the contacts after this page; null on the last page */
      nextCursor: string | null;
    };
    ContactCursorPageResponse: {
      items: components['schemas']['ContactResponse'][];
      /** @example 25 */
      limit: number;
      /** @description Pass as `after` for the next page; null on the last page */
      nextCursor: string | null;
    };
    ContactChangeResponse: {
      /**
       * @description Where this change sits in the feed (opaque); pass it as `after` to resume after it
       * @example ZjoxMjM0NS42Nzg
       */
      position: string;
      /** @enum {string} */
      type: 'created' | 'updated' | 'deleted' | 'restored' | 'merged' | 'erased';
      /** @example 6634e2b1a7c3f500231a8b01 */
      contactId: string;
      /** Format: date-time */
      occurredAt: string;
      /** @description The contact as it is now; null when it is no longer live (deleted, merged or erased: a change in the feed says so) */
      contact: components['schemas']['ContactResponse'] | null;
    };
    ContactChangesResponse: {
      /** @description In the feed's one total order */
      items: components['schemas']['ContactChangeResponse'][];
      /** @description Pass as `after` for the changes after these (also when `items` is empty: poll again with it); null only when the feed is empty so far */
      nextCursor: string | null;
    };
    CreateContactDto: {
      /** @example Doe */
      lastName?: string | null;
      /**
       * @description Stored in E.164. May contain spaces, dashes, dots and brackets; without `+` it is read in the workspace default country. At least one of phone or email.
       * @example +254712345678
       */
      phone?: string | null;
      /**
       * Format: email
       * @description Stored trimmed and lower-cased. At least one of phone or email.
       * @example jane@example.com
       */
      email?: string | null;
      /**
       * @description More numbers of the same person (up to 10), normalised like `phone`; unique across every phone of the workspace. `null` clears.
       * @example [
       *       "+254733000111"
       *     ]
       */
      additionalPhones?: string[] | null;
      /**
       * @description More addresses of the same person (up to 10), stored lower-cased; unique across every email of the workspace. `null` clears.
       * @example [
       *       "jane.doe@work.example"
       *     ]
       */
      additionalEmails?: string[] | null;
      /** @example Acme Corp */
      company?: string | null;
      /** @example CTO */
      jobTitle?: string | null;
      /**
       * Format: uri
       * @example https://acme.example
       */
      website?: string | null;
      /** @description Internal notes, not visible to the contact. */
      notes?: string | null;
      /**
       * @description Distinct tags of 1 to 50 characters; `null` clears.
       * @example [
       *       "vip",
       *       "enterprise"
       *     ]
       */
      tags?: string[] | null;
      /** @example Customer */
      lifecycle?: string | null;
      /** @example Jane */
      firstName: string;
    };
    UpsertContactDto: {
      /** @example Doe */
      lastName?: string | null;
      /**
       * @description Stored in E.164. May contain spaces, dashes, dots and brackets; without `+` it is read in the workspace default country. At least one of phone or email.
       * @example +254712345678
       */
      phone?: string | null;
      /**
       * Format: email
       * @description Stored trimmed and lower-cased. At least one of phone or email.
       * @example jane@example.com
       */
      email?: string | null;
      /**
       * @description More numbers of the same person (up to 10), normalised like `phone`; unique across every phone of the workspace. `null` clears.
       * @example [
       *       "+254733000111"
       *     ]
       */
      additionalPhones?: string[] | null;
      /**
       * @description More addresses of the same person (up to 10), stored lower-cased; unique across every email of the workspace. `null` clears.
       * @example [
       *       "jane.doe@work.example"
       *     ]
       */
      additionalEmails?: string[] | null;
      /** @example Acme Corp */
      company?: string | null;
      /** @example CTO */
      jobTitle?: string | null;
      /**
       * Format: uri
       * @example https://acme.example
       */
      website?: string | null;
      /** @description Internal notes, not visible to the contact. */
      notes?: string | null;
      /**
       * @description Distinct tags of 1 to 50 characters; `null` clears.
       * @example [
       *       "vip",
       *       "enterprise"
       *     ]
       */
      tags?: string[] | null;
      /** @example Customer */
      lifecycle?: string | null;
      /** @example Jane */
      firstName: string;
      /**
       * @description Which of the identities sent find the contact to update: the contact holding the phone (as its phone or an additional one) or the email. None found: a new contact (201). One: the fields sent are applied to it (200). Two different ones: 409 `contact_match_ambiguous` naming both.
       * @default [
       *       "phone",
       *       "email"
       *     ]
       */
      matchOn: ('phone' | 'email')[];
    };
    BatchContactsDto: {
      /**
       * @description `create`: each item is a create body. `upsert`: each item is an upsert body (with its own `matchOn`).
       * @enum {string}
       */
      mode: 'create' | 'upsert';
      /**
       * @description Contact bodies, as for `POST /v1/contacts` (mode `create`) or `POST /v1/contacts/upsert` (mode `upsert`)
       * @example [
       *       {
       *         "firstName": "Jane",
       *         "phone": "+254712345678"
       *       },
       *       {
       *         "firstName": "Omar",
       *         "email": "omar@example.com"
       *       }
       *     ]
       */
      items: {
        [key: string]: unknown;
      }[];
    };
    BatchItemResultResponse: {
      /**
       * @description The item's place in `items`
       * @example 0
       */
      index: number;
      /**
       * @description 201 created, 200 found and updated (mode `upsert`), or the status of `error`
       * @example 201
       */
      status: number;
      /** @description The contact as written (201, 200) */
      contact?: components['schemas']['ContactResponse'];
      /** @description Why the item was not written, in the usual error shape: 400 `validation_failed`, 409 `contact_exists` (also for a phone or email of an earlier item: `details[].index` names it), 409 `contact_match_ambiguous`, 429 `rate_limited` (over the create limit: retry the item) */
      error?: components['schemas']['ErrorBodyDto'];
    };
    BatchResponse: {
      /**
       * @description One result per item, in the order of `items`
       * @example [
       *       {
       *         "index": 0,
       *         "status": 201,
       *         "contact": {
       *           "id": "6634e2b1a7c3f500231a8b01",
       *           "firstName": "Jane",
       *           "lastName": null,
       *           "fullName": "Jane",
       *           "phone": "+254712345678",
       *           "email": null,
       *           "additionalPhones": [],
       *           "additionalEmails": [],
       *           "company": null,
       *           "jobTitle": null,
       *           "website": null,
       *           "notes": null,
       *           "source": "api",
       *           "tags": [],
       *           "lifecycle": null,
       *           "createdAt": "2026-05-04T09:30:00.000Z",
       *           "updatedAt": "2026-05-04T09:30:00.000Z"
       *         }
       *       },
       *       {
       *         "index": 1,
       *         "status": 409,
       *         "error": {
       *           "statusCode": 409,
       *           "error": "Conflict",
       *           "code": "contact_exists",
       *           "message": "A contact with this email already exists",
       *           "details": [
       *             {
       *               "field": "email",
       *               "contactId": "6634e2b1a7c3f500231a8b02"
       *             }
       *           ],
       *           "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
       *         }
       *       }
       *     ]
       */
      results: components['schemas']['BatchItemResultResponse'][];
    };
    UpdateContactDto: {
      /** @example Doe */
      lastName?: string | null;
      /**
       * @description Stored in E.164. May contain spaces, dashes, dots and brackets; without `+` it is read in the workspace default country. At least one of phone or email.
       * @example +254712345678
       */
      phone?: string | null;
      /**
       * Format: email
       * @description Stored trimmed and lower-cased. At least one of phone or email.
       * @example jane@example.com
       */
      email?: string | null;
      /**
       * @description More numbers of the same person (up to 10), normalised like `phone`; unique across every phone of the workspace. `null` clears.
       * @example [
       *       "+254733000111"
       *     ]
       */
      additionalPhones?: string[] | null;
      /**
       * @description More addresses of the same person (up to 10), stored lower-cased; unique across every email of the workspace. `null` clears.
       * @example [
       *       "jane.doe@work.example"
       *     ]
       */
      additionalEmails?: string[] | null;
      /** @example Acme Corp */
      company?: string | null;
      /** @example CTO */
      jobTitle?: string | null;
      /**
       * Format: uri
       * @example https://acme.example
       */
      website?: string | null;
      /** @description Internal notes, not visible to the contact. */
      notes?: string | null;
      /**
       * @description Distinct tags of 1 to 50 characters; `null` clears.
       * @example [
       *       "vip",
       *       "enterprise"
       *     ]
       */
      tags?: string[] | null;
      /** @example Customer */
      lifecycle?: string | null;
      /** @description Cannot be cleared. */
      firstName?: string;
    };
    ErasedContactResponse: {
      /** @example 6634e2b1a7c3f500231a8b01 */
      id: string;
      /** Format: date-time */
      erasedAt: string;
    };
    MergeContactsDto: {
      /**
       * @description The duplicates to merge into this contact
       * @example [
       *       "6634e2b1a7c3f500231a8b02"
       *     ]
       */
      sourceIds: string[];
      /**
       * @description Report what the merge would do, change nothing
       * @default false
       */
      dryRun: boolean;
    };
    MergeFieldResponse: {
      /** @example company */
      field: string;
      /**
       * @description `kept`: the target's value stays; `filled`: the target had none and takes a source's (newest source first); `united`: tags of all joined; `moved_to_additional`: the sources' phones or emails join the target's additional ones
       * @enum {string}
       */
      outcome: 'kept' | 'filled' | 'united' | 'moved_to_additional';
      /**
       * @description For `filled`: the source the value came from
       * @example 6634e2b1a7c3f500231a8b02
       */
      from?: string;
    };
    MergeMovedResponse: {
      /**
       * @description The sources' conversations, now the target's
       * @example 2
       */
      conversations: number;
      /**
       * @description The sources' messages, now the target's
       * @example 317
       */
      messages: number;
    };
    MergeReportResponse: {
      /**
       * @description true: nothing was changed; this is what the merge would do
       * @example false
       */
      dryRun: boolean;
      /** @description The target after the merge (or as it would be) */
      contact: components['schemas']['ContactResponse'];
      /** @description What the merge does to each field of the target */
      fields: components['schemas']['MergeFieldResponse'][];
      /** @description What moves (or would move) from the sources to the target */
      moved: components['schemas']['MergeMovedResponse'];
      /**
       * @description The sources, now merged (answering 410)
       * @example [
       *       "6634e2b1a7c3f500231a8b02"
       *     ]
       */
      sourceIds: string[];
    };
    HistoryActorResponse: {
      /** @enum {string} */
      type: 'api_key' | 'system';
      /**
       * @description The API key (for `api_key`)
       * @example 6634e2b1a7c3f500231a8b77
       */
      id?: string;
      /**
       * @description The key's display prefix (for `api_key`)
       * @example saf_live_AbC123
       */
      prefix?: string;
      /**
       * @description The module that made the change (for `system`)
       * @example messaging
       */
      module?: string;
    };
    HistoryChangeResponse: {
      /** @example lastName */
      field: string;
      /**
       * @description The value before the change (null when unset)
       * @example Doe
       */
      old: (string | string[]) | null;
      /**
       * @description The value after the change (null when cleared)
       * @example Smith
       */
      new: (string | string[]) | null;
    };
    HistoryEntryResponse: {
      /** @example 6634e2b1a7c3f500231a8e01 */
      id: string;
      /** @enum {string} */
      type: 'created' | 'updated' | 'deleted' | 'restored' | 'merged';
      /** Format: date-time */
      occurredAt: string;
      actor: components['schemas']['HistoryActorResponse'];
      /** @description Each field that changed (every field set, for `created`) */
      changes: components['schemas']['HistoryChangeResponse'][];
      /** @description The X-Request-Id of the request that made the change */
      requestId: string | null;
    };
    ContactHistoryResponse: {
      /** @description Newest first */
      items: components['schemas']['HistoryEntryResponse'][];
      /** @description Pass as `after` for older entries; null on the last page */
      nextCursor: string | null;
    };
    ContactSummaryResponse: {
      /** @example 6634e2b1a7c3f500231a8b01 */
      id: string;
      /** @example Jane Doe */
      fullName: string;
      /** @example +254712345678 */
      phone: string | null;
      /** @example jane@example.com */
      email: string | null;
      /**
       * @description `deleted`: the contact was deleted (it can be restored); `erased`: its personal data is gone for good
       * @enum {string}
       */
      state: 'active' | 'deleted' | 'erased';
    };
    ConversationResponse: {
      /** @example 6634e2b1a7c3f500231a8c11 */
      id: string;
      /** @example whatsapp */
      channel: string;
      /**
       * @description E.164; null once its contact was erased
       * @example +254712345678
       */
      address: string | null;
      /**
       * @description Messages to the address go to its open conversation
       * @enum {string}
       */
      status: 'open' | 'closed';
      /** @example 6634e2b1a7c3f500231a8b01 */
      contactId: string | null;
      contact: components['schemas']['ContactSummaryResponse'] | null;
      /** Format: date-time */
      lastMessageAt: string | null;
      /** Format: date-time */
      createdAt: string;
    };
    ConversationListResponse: {
      items: components['schemas']['ConversationResponse'][];
      /** @example 1 */
      total: number;
      /** @example 1 */
      page: number;
      /** @example 20 */
      limit: number;
      /** @example 1 */
      totalPages: number;
    };
    MessageResponse: {
      /** @example 6634e2b1a7c3f500231a8d21 */
      id: string;
      /** @example 6634e2b1a7c3f500231a8c11 */
      conversationId: string;
      /**
       * @description Null until the contact is linked
       * @example 6634e2b1a7c3f500231a8b01
       */
      contactId: string | null;
      /** @enum {string} */
      direction: 'outbound' | 'inbound';
      /** @example Hello Jane */
      text: string;
      /** @enum {string} */
      status: 'queued' | 'sent' | 'delivered' | 'failed';
      /** Format: date-time */
      createdAt: string;
    };
    MessageListResponse: {
      items: components['schemas']['MessageResponse'][];
      /** @example 1 */
      total: number;
      /** @example 1 */
      page: number;
      /** @example 20 */
      limit: number;
      /** @example 1 */
      totalPages: number;
    };
    SendMessageDto: {
      /**
       * @description The recipient; normalised like a contact phone
       * @example +254712345678
       */
      phone?: string;
      /** @description Alias of `phone` */
      to?: string;
      /** @example Hello Jane, your order has shipped. */
      text: string;
    };
    MessageResolutionResponse: {
      /** @example 6634e2b1a7c3f500231a8b01 */
      contactId: string;
      /**
       * @description `phone`: the contact's phone; `additional_phone`: one of its additional phones; `variant`: a variant form of one of them (e.g. a Brazilian mobile without its ninth digit); `created`: no contact had the number, one was created
       * @enum {string}
       */
      matchedBy: 'phone' | 'additional_phone' | 'variant' | 'created';
    };
    SentMessageResponse: {
      /** @example 6634e2b1a7c3f500231a8d21 */
      id: string;
      /** @example 6634e2b1a7c3f500231a8c11 */
      conversationId: string;
      /**
       * @description Null until the contact is linked
       * @example 6634e2b1a7c3f500231a8b01
       */
      contactId: string | null;
      /** @enum {string} */
      direction: 'outbound' | 'inbound';
      /** @example Hello Jane */
      text: string;
      /** @enum {string} */
      status: 'queued' | 'sent' | 'delivered' | 'failed';
      /** Format: date-time */
      createdAt: string;
      resolution: components['schemas']['MessageResolutionResponse'];
    };
    CreateWebhookDto: {
      /**
       * @description http(s); not a private, loopback or link-local address
       * @example https://example.com/hooks/safravo
       */
      url: string;
      /**
       * @description Event types (contact.created, contact.updated, contact.deleted, contact.restored, contact.merged, contact.erased) or ["*"] for every one
       * @example [
       *       "contact.created",
       *       "contact.updated"
       *     ]
       */
      events: string[];
      /** @default true */
      enabled: boolean;
      /** @example Data warehouse sync */
      description?: string | null;
    };
    CreatedWebhookResponse: {
      /** @example 6634e2b1a7c3f500231a8b99 */
      id: string;
      /** @example https://example.com/hooks/safravo */
      url: string;
      /**
       * @example [
       *       "contact.created",
       *       "contact.updated"
       *     ]
       */
      events: string[];
      /** @example true */
      enabled: boolean;
      /** @example Data warehouse sync */
      description: string | null;
      /**
       * @description Why the service disabled it (a 410, days of failures); null otherwise
       * @example null
       */
      disabledReason: string | null;
      /**
       * Format: date-time
       * @description Since when every attempt has failed; null when the last one succeeded
       */
      failingSince: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      /**
       * @description The signing secret: shown only now (rotate it to get a new one)
       * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
       */
      secret: string;
    };
    WebhookResponse: {
      /** @example 6634e2b1a7c3f500231a8b99 */
      id: string;
      /** @example https://example.com/hooks/safravo */
      url: string;
      /**
       * @example [
       *       "contact.created",
       *       "contact.updated"
       *     ]
       */
      events: string[];
      /** @example true */
      enabled: boolean;
      /** @example Data warehouse sync */
      description: string | null;
      /**
       * @description Why the service disabled it (a 410, days of failures); null otherwise
       * @example null
       */
      disabledReason: string | null;
      /**
       * Format: date-time
       * @description Since when every attempt has failed; null when the last one succeeded
       */
      failingSince: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    WebhookListResponse: {
      items: components['schemas']['WebhookResponse'][];
    };
    UpdateWebhookDto: {
      url?: string;
      /**
       * @example [
       *       "*"
       *     ]
       */
      events?: string[];
      /** @example true */
      enabled?: boolean;
      description?: string | null;
    };
    RotatedSecretResponse: {
      /**
       * @description The new signing secret: shown only now
       * @example whsec_1B2f…
       */
      secret: string;
      /**
       * Format: date-time
       * @description Until when the previous secret signs too (24 hours)
       */
      previousSecretExpiresAt: string;
    };
    DeliveryAttemptResponse: {
      /** Format: date-time */
      attemptedAt: string;
      /**
       * @description The endpoint's HTTP status; null when it gave none
       * @example 200
       */
      statusCode: number | null;
      /** @example 42 */
      latencyMs: number;
      /** @example null */
      error: string | null;
    };
    WebhookDeliveryResponse: {
      /** @example 0b5c6f3e-3f5a-4c1e-9d2b-7a8e9f0a1b2c */
      id: string;
      /**
       * @description The event id (the `webhook-id` header)
       * @example 9d4f2a6b-1c3e-4f5a-8b7c-6d5e4f3a2b1c
       */
      eventId: string;
      /** @example contact.updated */
      eventType: string;
      /** @example 6634e2b1a7c3f500231a8b01 */
      contactId: string;
      /**
       * @description `failed`: retried for WEBHOOK_RETRY_HOURS without success (retry it by hand)
       * @enum {string}
       */
      status: 'pending' | 'delivered' | 'failed';
      /**
       * @description Attempts made
       * @example 1
       */
      attempts: number;
      /**
       * Format: date-time
       * @description When it is tried again (pending only)
       */
      nextAttemptAt?: string | null;
      lastStatusCode: number | null;
      lastError: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      deliveredAt: string | null;
      /** @description The last ten attempts, newest first */
      attemptLog: components['schemas']['DeliveryAttemptResponse'][];
    };
    WebhookDeliveryListResponse: {
      items: components['schemas']['WebhookDeliveryResponse'][];
      /** @description Pass as `after` for older deliveries; null at the end */
      nextCursor: string | null;
    };
    LiveResponse: {
      /** @enum {string} */
      status: 'ok';
    };
    ReadyResponse: {
      /**
       * @description `degraded`: serving, with an optional dependency down (see `checks`)
       * @enum {string}
       */
      status: 'ok' | 'degraded';
      /**
       * @example {
       *       "database": {
       *         "status": "up"
       *       },
       *       "redis": {
       *         "status": "down",
       *         "impact": "rate limits are not enforced until Redis answers"
       *       }
       *     }
       */
      checks: {
        [key: string]: {
          /** @enum {string} */
          status: 'up' | 'down';
          impact?: string;
        };
      };
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: {
    /** @description The request id (yours when you sent a sane X-Request-Id); also in every error body and log line */
    'X-Request-Id': string;
    /** @description Requests per minute this key may make on this route */
    'X-RateLimit-Limit': number;
    /** @description Requests left in the current window */
    'X-RateLimit-Remaining': number;
    /** @description Seconds until the oldest counted request leaves the window */
    'X-RateLimit-Reset': number;
    /** @description Seconds to wait before trying again */
    'Retry-After': number;
    /** @description `true` when this is the stored answer of an earlier request with the same Idempotency-Key */
    'Idempotent-Replayed': string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listContacts: {
    parameters: {
      query?: {
        /** @description Page number (1-indexed); not with `after` */
        page?: number;
        /** @description Results per page */
        limit?: number;
        /** @description Case-insensitive substring of the name or email; for a phone-like query, its digits (3 or more, leading 0 dropped) anywhere in the phone. Matched as text, never as a pattern. */
        search?: string;
        /** @description A `nextCursor` from an earlier answer: the contacts after it, in the same order (keyset: the same cost at any depth, stable while contacts are added). Not with `page`. */
        after?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "6634e2b1a7c3f500231a8b01",
           *           "firstName": "Jane",
           *           "lastName": "Doe",
           *           "fullName": "Jane Doe",
           *           "phone": "+254712345678",
           *           "email": "jane@example.com",
           *           "additionalPhones": [
           *             "+254733000111"
           *           ],
           *           "additionalEmails": [],
           *           "company": "Acme Corp",
           *           "jobTitle": "CTO",
           *           "website": null,
           *           "notes": null,
           *           "source": "api",
           *           "tags": [
           *             "vip",
           *             "enterprise"
           *           ],
           *           "lifecycle": "Customer",
           *           "createdAt": "2025-05-01T10:00:00.000Z",
           *           "updatedAt": "2025-05-01T10:00:00.000Z"
           *         }
           *       ],
           *       "total": 1,
           *       "page": 1,
           *       "limit": 25,
           *       "totalPages": 1,
           *       "nextCursor": null
           *     }
           */
          'application/json':
            | components['schemas']['ContactListResponse']
            | components['schemas']['ContactCursorPageResponse'];
        };
      };
      /** @description The request is not valid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "code": "validation_failed",
           *       "message": "The request is not valid",
           *       "details": [
           *         {
           *           "field": "email",
           *           "message": "email must be a valid email address"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  createContact: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry for 24 hours: a retry of the same request gets the first answer again (with `Idempotent-Replayed: true`), stored in the same transaction as the write. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "firstName": "Jane",
         *       "lastName": "Doe",
         *       "phone": "+254712345678",
         *       "email": "jane@example.com",
         *       "additionalPhones": [
         *         "+254733000111"
         *       ],
         *       "additionalEmails": [
         *         "jane.doe@work.example"
         *       ],
         *       "company": "Acme Corp",
         *       "jobTitle": "CTO",
         *       "website": "https://acme.example",
         *       "tags": [
         *         "vip",
         *         "enterprise"
         *       ],
         *       "lifecycle": "Customer"
         *     }
         */
        'application/json': components['schemas']['CreateContactDto'];
      };
    };
    responses: {
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          /** @description URL of the new contact */
          Location?: string;
          /** @description The contact's version, for If-None-Match and If-Match */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6634e2b1a7c3f500231a8b01",
           *       "firstName": "Jane",
           *       "lastName": "Doe",
           *       "fullName": "Jane Doe",
           *       "phone": "+254712345678",
           *       "email": "jane@example.com",
           *       "additionalPhones": [
           *         "+254733000111"
           *       ],
           *       "additionalEmails": [],
           *       "company": "Acme Corp",
           *       "jobTitle": "CTO",
           *       "website": null,
           *       "notes": null,
           *       "source": "api",
           *       "tags": [
           *         "vip",
           *         "enterprise"
           *       ],
           *       "lifecycle": "Customer",
           *       "createdAt": "2025-05-01T10:00:00.000Z",
           *       "updatedAt": "2025-05-01T10:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['ContactResponse'];
        };
      };
      /** @description The request is not valid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "code": "validation_failed",
           *       "message": "The request is not valid",
           *       "details": [
           *         {
           *           "field": "email",
           *           "message": "email must be a valid email address"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The phone or email belongs to another contact; or `idempotency_key_in_use`: a request with this Idempotency-Key is still running (see Retry-After) */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "code": "contact_exists",
           *       "message": "A contact with this phone already exists",
           *       "details": [
           *         {
           *           "field": "phone",
           *           "contactId": "6634e2b1a7c3f500231a8b01"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Body over 1 MB */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 413,
           *       "error": "Payload Too Large",
           *       "code": "payload_too_large",
           *       "message": "Request body is too large",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Body that is not JSON */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 415,
           *       "error": "Unsupported Media Type",
           *       "code": "unsupported_media_type",
           *       "message": "Content-Type must be application/json",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description This Idempotency-Key was used for a different request (method, path or body) */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 422,
           *       "error": "Unprocessable Entity",
           *       "code": "idempotency_key_reused",
           *       "message": "This Idempotency-Key was used for a different request (method, path or body)",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  listContactChanges: {
    parameters: {
      query?: {
        limit?: number;
        /** @description The `nextCursor` (or any `position`) of an earlier answer; absent: from the start */
        after?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "position": "ZjoxMjM0NS42Nzg",
           *           "type": "created",
           *           "contactId": "6634e2b1a7c3f500231a8b01",
           *           "occurredAt": "2026-05-04T09:30:00.000Z",
           *           "contact": {
           *             "id": "6634e2b1a7c3f500231a8b01",
           *             "firstName": "Jane",
           *             "lastName": "Doe",
           *             "fullName": "Jane Doe",
           *             "phone": "+254712345678",
           *             "email": "jane@example.com",
           *             "additionalPhones": [
           *               "+254733000111"
           *             ],
           *             "additionalEmails": [],
           *             "company": "Acme Corp",
           *             "jobTitle": "CTO",
           *             "website": null,
           *             "notes": null,
           *             "source": "api",
           *             "tags": [
           *               "vip",
           *               "enterprise"
           *             ],
           *             "lifecycle": "Customer",
           *             "createdAt": "2025-05-01T10:00:00.000Z",
           *             "updatedAt": "2025-05-01T10:00:00.000Z"
           *           }
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['ContactChangesResponse'];
        };
      };
      /** @description The request is not valid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "code": "validation_failed",
           *       "message": "The request is not valid",
           *       "details": [
           *         {
           *           "field": "email",
           *           "message": "email must be a valid email address"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  getContact: {
    parameters: {
      query?: never;
      header?: {
        /** @description An ETag of this contact: 304 Not Modified while it is current */
        'If-None-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          /** @description The contact's version, for If-None-Match and If-Match */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6634e2b1a7c3f500231a8b01",
           *       "firstName": "Jane",
           *       "lastName": "Doe",
           *       "fullName": "Jane Doe",
           *       "phone": "+254712345678",
           *       "email": "jane@example.com",
           *       "additionalPhones": [
           *         "+254733000111"
           *       ],
           *       "additionalEmails": [],
           *       "company": "Acme Corp",
           *       "jobTitle": "CTO",
           *       "website": null,
           *       "notes": null,
           *       "source": "api",
           *       "tags": [
           *         "vip",
           *         "enterprise"
           *       ],
           *       "lifecycle": "Customer",
           *       "createdAt": "2025-05-01T10:00:00.000Z",
           *       "updatedAt": "2025-05-01T10:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['ContactResponse'];
        };
      };
      /** @description Not Modified: your copy (If-None-Match) is current */
      304: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          /** @description The contact's version, for If-None-Match and If-Match */
          ETag?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description No such contact in this workspace */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "code": "contact_not_found",
           *       "message": "Contact not found",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The contact was merged into another: `details[0].mergedInto`, and a `Link: </v1/contacts/{id}>; rel="canonical"` header */
      410: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 410,
           *       "error": "Gone",
           *       "code": "contact_merged",
           *       "message": "This contact was merged into another one: follow the Link header",
           *       "details": [
           *         {
           *           "mergedInto": "6634e2b1a7c3f500231a8b02"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  deleteContact: {
    parameters: {
      query?: never;
      header?: {
        /** @description The ETag of your copy: 412 `precondition_failed` if the contact has changed since */
        'If-Match'?: string;
        /** @description Makes the request safe to retry for 24 hours: a retry of the same request gets the first answer again (with `Idempotent-Replayed: true`), stored in the same transaction as the write. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description No such contact in this workspace */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "code": "contact_not_found",
           *       "message": "Contact not found",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description A request with this Idempotency-Key is still running: retry after the time in Retry-After */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "code": "idempotency_key_in_use",
           *       "message": "A request with this Idempotency-Key is still running: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The contact was merged into another: `details[0].mergedInto`, and a `Link: </v1/contacts/{id}>; rel="canonical"` header */
      410: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 410,
           *       "error": "Gone",
           *       "code": "contact_merged",
           *       "message": "This contact was merged into another one: follow the Link header",
           *       "details": [
           *         {
           *           "mergedInto": "6634e2b1a7c3f500231a8b02"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description If-Match named a version the contact is no longer at: nothing changed; `ETag` (and `details[0].etag`) give the current one */
      412: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 412,
           *       "error": "Precondition Failed",
           *       "code": "precondition_failed",
           *       "message": "The contact has changed since the version in If-Match: fetch it again",
           *       "details": [
           *         {
           *           "etag": "\"4\""
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description This Idempotency-Key was used for a different request (method, path or body) */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 422,
           *       "error": "Unprocessable Entity",
           *       "code": "idempotency_key_reused",
           *       "message": "This Idempotency-Key was used for a different request (method, path or body)",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  updateContact: {
    parameters: {
      query?: never;
      header?: {
        /** @description The ETag of your copy: 412 `precondition_failed` if the contact has changed since */
        'If-Match'?: string;
        /** @description Makes the request safe to retry for 24 hours: a retry of the same request gets the first answer again (with `Idempotent-Replayed: true`), stored in the same transaction as the write. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "lastName": "Doe",
         *       "phone": "+254712345678",
         *       "email": "jane@example.com",
         *       "additionalPhones": [
         *         "+254733000111"
         *       ],
         *       "additionalEmails": [
         *         "jane.doe@work.example"
         *       ],
         *       "company": "Acme Corp",
         *       "jobTitle": "CTO",
         *       "website": "https://acme.example",
         *       "tags": [
         *         "vip",
         *         "enterprise"
         *       ],
         *       "lifecycle": "Customer"
         *     }
         */
        'application/json': components['schemas']['UpdateContactDto'];
      };
    };
    responses: {
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          /** @description The contact's version, for If-None-Match and If-Match */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6634e2b1a7c3f500231a8b01",
           *       "firstName": "Jane",
           *       "lastName": "Doe",
           *       "fullName": "Jane Doe",
           *       "phone": "+254712345678",
           *       "email": "jane@example.com",
           *       "additionalPhones": [
           *         "+254733000111"
           *       ],
           *       "additionalEmails": [],
           *       "company": "Acme Corp",
           *       "jobTitle": "CTO",
           *       "website": null,
           *       "notes": null,
           *       "source": "api",
           *       "tags": [
           *         "vip",
           *         "enterprise"
           *       ],
           *       "lifecycle": "Customer",
           *       "createdAt": "2025-05-01T10:00:00.000Z",
           *       "updatedAt": "2025-05-01T10:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['ContactResponse'];
        };
      };
      /** @description The request is not valid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "code": "validation_failed",
           *       "message": "The request is not valid",
           *       "details": [
           *         {
           *           "field": "email",
           *           "message": "email must be a valid email address"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description No such contact in this workspace */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "code": "contact_not_found",
           *       "message": "Contact not found",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The phone or email belongs to another contact; or `idempotency_key_in_use`: a request with this Idempotency-Key is still running (see Retry-After) */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "code": "contact_exists",
           *       "message": "A contact with this phone already exists",
           *       "details": [
           *         {
           *           "field": "phone",
           *           "contactId": "6634e2b1a7c3f500231a8b01"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The contact was merged into another: `details[0].mergedInto`, and a `Link: </v1/contacts/{id}>; rel="canonical"` header */
      410: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 410,
           *       "error": "Gone",
           *       "code": "contact_merged",
           *       "message": "This contact was merged into another one: follow the Link header",
           *       "details": [
           *         {
           *           "mergedInto": "6634e2b1a7c3f500231a8b02"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description If-Match named a version the contact is no longer at: nothing changed; `ETag` (and `details[0].etag`) give the current one */
      412: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 412,
           *       "error": "Precondition Failed",
           *       "code": "precondition_failed",
           *       "message": "The contact has changed since the version in If-Match: fetch it again",
           *       "details": [
           *         {
           *           "etag": "\"4\""
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Body over 1 MB */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 413,
           *       "error": "Payload Too Large",
           *       "code": "payload_too_large",
           *       "message": "Request body is too large",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Body that is not JSON */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 415,
           *       "error": "Unsupported Media Type",
           *       "code": "unsupported_media_type",
           *       "message": "Content-Type must be application/json",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description This Idempotency-Key was used for a different request (method, path or body) */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 422,
           *       "error": "Unprocessable Entity",
           *       "code": "idempotency_key_reused",
           *       "message": "This Idempotency-Key was used for a different request (method, path or body)",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  upsertContact: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry for 24 hours: a retry of the same request gets the first answer again (with `Idempotent-Replayed: true`), stored in the same transaction as the write. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "firstName": "Jane",
         *       "lastName": "Doe",
         *       "phone": "+254712345678",
         *       "email": "jane@example.com",
         *       "additionalPhones": [
         *         "+254733000111"
         *       ],
         *       "additionalEmails": [
         *         "jane.doe@work.example"
         *       ],
         *       "company": "Acme Corp",
         *       "jobTitle": "CTO",
         *       "website": "https://acme.example",
         *       "tags": [
         *         "vip",
         *         "enterprise"
         *       ],
         *       "lifecycle": "Customer"
         *     }
         */
        'application/json': components['schemas']['UpsertContactDto'];
      };
    };
    responses: {
      /** @description Found and updated */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          /** @description The contact's version, for If-None-Match and If-Match */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6634e2b1a7c3f500231a8b01",
           *       "firstName": "Jane",
           *       "lastName": "Doe",
           *       "fullName": "Jane Doe",
           *       "phone": "+254712345678",
           *       "email": "jane@example.com",
           *       "additionalPhones": [
           *         "+254733000111"
           *       ],
           *       "additionalEmails": [],
           *       "company": "Acme Corp",
           *       "jobTitle": "CTO",
           *       "website": null,
           *       "notes": null,
           *       "source": "api",
           *       "tags": [
           *         "vip",
           *         "enterprise"
           *       ],
           *       "lifecycle": "Customer",
           *       "createdAt": "2025-05-01T10:00:00.000Z",
           *       "updatedAt": "2025-05-01T10:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['ContactResponse'];
        };
      };
      /** @description Created */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          /** @description URL of the new contact */
          Location?: string;
          /** @description The contact's version, for If-None-Match and If-Match */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6634e2b1a7c3f500231a8b01",
           *       "firstName": "Jane",
           *       "lastName": "Doe",
           *       "fullName": "Jane Doe",
           *       "phone": "+254712345678",
           *       "email": "jane@example.com",
           *       "additionalPhones": [
           *         "+254733000111"
           *       ],
           *       "additionalEmails": [],
           *       "company": "Acme Corp",
           *       "jobTitle": "CTO",
           *       "website": null,
           *       "notes": null,
           *       "source": "api",
           *       "tags": [
           *         "vip",
           *         "enterprise"
           *       ],
           *       "lifecycle": "Customer",
           *       "createdAt": "2025-05-01T10:00:00.000Z",
           *       "updatedAt": "2025-05-01T10:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['ContactResponse'];
        };
      };
      /** @description The request is not valid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "code": "validation_failed",
           *       "message": "The request is not valid",
           *       "details": [
           *         {
           *           "field": "email",
           *           "message": "email must be a valid email address"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The phone or email belongs to another contact; or `idempotency_key_in_use`: a request with this Idempotency-Key is still running (see Retry-After) */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "code": "contact_exists",
           *       "message": "A contact with this phone already exists",
           *       "details": [
           *         {
           *           "field": "phone",
           *           "contactId": "6634e2b1a7c3f500231a8b01"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Body over 1 MB */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 413,
           *       "error": "Payload Too Large",
           *       "code": "payload_too_large",
           *       "message": "Request body is too large",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Body that is not JSON */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 415,
           *       "error": "Unsupported Media Type",
           *       "code": "unsupported_media_type",
           *       "message": "Content-Type must be application/json",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description This Idempotency-Key was used for a different request (method, path or body) */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 422,
           *       "error": "Unprocessable Entity",
           *       "code": "idempotency_key_reused",
           *       "message": "This Idempotency-Key was used for a different request (method, path or body)",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  batchContacts: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry for 24 hours: a retry of the same request gets the first answer again (with `Idempotent-Replayed: true`), stored in the same transaction as the write. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "mode": "create",
         *       "items": [
         *         {
         *           "firstName": "Jane",
         *           "phone": "+254712345678"
         *         },
         *         {
         *           "firstName": "Omar",
         *           "email": "omar@example.com"
         *         }
         *       ]
         *     }
         */
        'application/json': components['schemas']['BatchContactsDto'];
      };
    };
    responses: {
      /** @description One result per item */
      207: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "results": [
           *         {
           *           "index": 0,
           *           "status": 201,
           *           "contact": {
           *             "id": "6634e2b1a7c3f500231a8b01",
           *             "firstName": "Jane",
           *             "lastName": null,
           *             "fullName": "Jane",
           *             "phone": "+254712345678",
           *             "email": null,
           *             "additionalPhones": [],
           *             "additionalEmails": [],
           *             "company": null,
           *             "jobTitle": null,
           *             "website": null,
           *             "notes": null,
           *             "source": "api",
           *             "tags": [],
           *             "lifecycle": null,
           *             "createdAt": "2026-05-04T09:30:00.000Z",
           *             "updatedAt": "2026-05-04T09:30:00.000Z"
           *           }
           *         },
           *         {
           *           "index": 1,
           *           "status": 409,
           *           "error": {
           *             "statusCode": 409,
           *             "error": "Conflict",
           *             "code": "contact_exists",
           *             "message": "A contact with this email already exists",
           *             "details": [
           *               {
           *                 "field": "email",
           *                 "contactId": "6634e2b1a7c3f500231a8b02"
           *               }
           *             ],
           *             "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *           }
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['BatchResponse'];
        };
      };
      /** @description The request is not valid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "code": "validation_failed",
           *       "message": "The request is not valid",
           *       "details": [
           *         {
           *           "field": "email",
           *           "message": "email must be a valid email address"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description A request with this Idempotency-Key is still running: retry after the time in Retry-After */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "code": "idempotency_key_in_use",
           *       "message": "A request with this Idempotency-Key is still running: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Body over 1 MB */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 413,
           *       "error": "Payload Too Large",
           *       "code": "payload_too_large",
           *       "message": "Request body is too large",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Body that is not JSON */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 415,
           *       "error": "Unsupported Media Type",
           *       "code": "unsupported_media_type",
           *       "message": "Content-Type must be application/json",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description This Idempotency-Key was used for a different request (method, path or body) */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 422,
           *       "error": "Unprocessable Entity",
           *       "code": "idempotency_key_reused",
           *       "message": "This Idempotency-Key was used for a different request (method, path or body)",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  restoreContact: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry for 24 hours: a retry of the same request gets the first answer again (with `Idempotent-Replayed: true`), stored in the same transaction as the write. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          /** @description The contact's version, for If-None-Match and If-Match */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6634e2b1a7c3f500231a8b01",
           *       "firstName": "Jane",
           *       "lastName": "Doe",
           *       "fullName": "Jane Doe",
           *       "phone": "+254712345678",
           *       "email": "jane@example.com",
           *       "additionalPhones": [
           *         "+254733000111"
           *       ],
           *       "additionalEmails": [],
           *       "company": "Acme Corp",
           *       "jobTitle": "CTO",
           *       "website": null,
           *       "notes": null,
           *       "source": "api",
           *       "tags": [
           *         "vip",
           *         "enterprise"
           *       ],
           *       "lifecycle": "Customer",
           *       "createdAt": "2025-05-01T10:00:00.000Z",
           *       "updatedAt": "2025-05-01T10:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['ContactResponse'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description No such contact in this workspace */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "code": "contact_not_found",
           *       "message": "Contact not found",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The phone or email belongs to another contact; or `idempotency_key_in_use`: a request with this Idempotency-Key is still running (see Retry-After) */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "code": "contact_exists",
           *       "message": "A contact with this phone already exists",
           *       "details": [
           *         {
           *           "field": "phone",
           *           "contactId": "6634e2b1a7c3f500231a8b01"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The contact was merged into another: `details[0].mergedInto`, and a `Link: </v1/contacts/{id}>; rel="canonical"` header */
      410: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 410,
           *       "error": "Gone",
           *       "code": "contact_merged",
           *       "message": "This contact was merged into another one: follow the Link header",
           *       "details": [
           *         {
           *           "mergedInto": "6634e2b1a7c3f500231a8b02"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description This Idempotency-Key was used for a different request (method, path or body) */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 422,
           *       "error": "Unprocessable Entity",
           *       "code": "idempotency_key_reused",
           *       "message": "This Idempotency-Key was used for a different request (method, path or body)",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  eraseContact: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry for 24 hours: a retry of the same request gets the first answer again (with `Idempotent-Replayed: true`), stored in the same transaction as the write. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6634e2b1a7c3f500231a8b01",
           *       "erasedAt": "2026-05-04T09:30:00.000Z"
           *     }
           */
          'application/json': components['schemas']['ErasedContactResponse'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description No such contact in this workspace */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "code": "contact_not_found",
           *       "message": "Contact not found",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description A request with this Idempotency-Key is still running: retry after the time in Retry-After */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "code": "idempotency_key_in_use",
           *       "message": "A request with this Idempotency-Key is still running: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description This Idempotency-Key was used for a different request (method, path or body) */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 422,
           *       "error": "Unprocessable Entity",
           *       "code": "idempotency_key_reused",
           *       "message": "This Idempotency-Key was used for a different request (method, path or body)",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  mergeContacts: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry for 24 hours: a retry of the same request gets the first answer again (with `Idempotent-Replayed: true`), stored in the same transaction as the write. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description The target: the contact that survives */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "sourceIds": [
         *         "6634e2b1a7c3f500231a8b02"
         *       ]
         *     }
         */
        'application/json': components['schemas']['MergeContactsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "dryRun": false,
           *       "contact": {
           *         "id": "6634e2b1a7c3f500231a8b01",
           *         "firstName": "Jane",
           *         "lastName": "Doe",
           *         "fullName": "Jane Doe",
           *         "phone": "+254712345678",
           *         "email": "jane@example.com",
           *         "additionalPhones": [
           *           "+254733000111"
           *         ],
           *         "additionalEmails": [],
           *         "company": "Acme Corp",
           *         "jobTitle": "CTO",
           *         "website": null,
           *         "notes": null,
           *         "source": "api",
           *         "tags": [
           *           "vip",
           *           "enterprise"
           *         ],
           *         "lifecycle": "Customer",
           *         "createdAt": "2025-05-01T10:00:00.000Z",
           *         "updatedAt": "2025-05-01T10:00:00.000Z"
           *       },
           *       "fields": [
           *         {
           *           "field": "company",
           *           "outcome": "kept",
           *           "from": "6634e2b1a7c3f500231a8b02"
           *         }
           *       ],
           *       "moved": {
           *         "conversations": 2,
           *         "messages": 317
           *       },
           *       "sourceIds": [
           *         "6634e2b1a7c3f500231a8b02"
           *       ]
           *     }
           */
          'application/json': components['schemas']['MergeReportResponse'];
        };
      };
      /** @description The request is not valid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "code": "validation_failed",
           *       "message": "The request is not valid",
           *       "details": [
           *         {
           *           "field": "email",
           *           "message": "email must be a valid email address"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description No such contact in this workspace */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "code": "contact_not_found",
           *       "message": "Contact not found",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The phone or email belongs to another contact; or `idempotency_key_in_use`: a request with this Idempotency-Key is still running (see Retry-After) */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "code": "contact_exists",
           *       "message": "A contact with this phone already exists",
           *       "details": [
           *         {
           *           "field": "phone",
           *           "contactId": "6634e2b1a7c3f500231a8b01"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The contact was merged into another: `details[0].mergedInto`, and a `Link: </v1/contacts/{id}>; rel="canonical"` header */
      410: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 410,
           *       "error": "Gone",
           *       "code": "contact_merged",
           *       "message": "This contact was merged into another one: follow the Link header",
           *       "details": [
           *         {
           *           "mergedInto": "6634e2b1a7c3f500231a8b02"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Body over 1 MB */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 413,
           *       "error": "Payload Too Large",
           *       "code": "payload_too_large",
           *       "message": "Request body is too large",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Body that is not JSON */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 415,
           *       "error": "Unsupported Media Type",
           *       "code": "unsupported_media_type",
           *       "message": "Content-Type must be application/json",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description This Idempotency-Key was used for a different request (method, path or body) */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 422,
           *       "error": "Unprocessable Entity",
           *       "code": "idempotency_key_reused",
           *       "message": "This Idempotency-Key was used for a different request (method, path or body)",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  getContactHistory: {
    parameters: {
      query?: {
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        after?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "6634e2b1a7c3f500231a8e01",
           *           "type": "created",
           *           "occurredAt": "2026-05-04T09:30:00.000Z",
           *           "actor": {
           *             "type": "api_key",
           *             "id": "6634e2b1a7c3f500231a8b77",
           *             "prefix": "saf_live_AbC123",
           *             "module": "messaging"
           *           },
           *           "changes": [
           *             {
           *               "field": "lastName",
           *               "old": "Doe",
           *               "new": "Smith"
           *             }
           *           ],
           *           "requestId": null
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['ContactHistoryResponse'];
        };
      };
      /** @description The request is not valid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "code": "validation_failed",
           *       "message": "The request is not valid",
           *       "details": [
           *         {
           *           "field": "email",
           *           "message": "email must be a valid email address"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description No such contact in this workspace */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "code": "contact_not_found",
           *       "message": "Contact not found",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  listConversations: {
    parameters: {
      query?: {
        /** @description Page number (1-indexed) */
        page?: number;
        /** @description Results per page */
        limit?: number;
        /** @description Only the conversations of this contact */
        contactId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "6634e2b1a7c3f500231a8c11",
           *           "channel": "whatsapp",
           *           "address": "+254712345678",
           *           "status": "open",
           *           "contactId": "6634e2b1a7c3f500231a8b01",
           *           "contact": {
           *             "id": "6634e2b1a7c3f500231a8b01",
           *             "fullName": "Jane Doe",
           *             "phone": "+254712345678",
           *             "email": "jane@example.com",
           *             "state": "active"
           *           },
           *           "lastMessageAt": null,
           *           "createdAt": "2026-05-04T09:30:00.000Z"
           *         }
           *       ],
           *       "total": 1,
           *       "page": 1,
           *       "limit": 20,
           *       "totalPages": 1
           *     }
           */
          'application/json': components['schemas']['ConversationListResponse'];
        };
      };
      /** @description The request is not valid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "code": "validation_failed",
           *       "message": "The request is not valid",
           *       "details": [
           *         {
           *           "field": "email",
           *           "message": "email must be a valid email address"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  getConversation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6634e2b1a7c3f500231a8c11",
           *       "channel": "whatsapp",
           *       "address": "+254712345678",
           *       "status": "open",
           *       "contactId": "6634e2b1a7c3f500231a8b01",
           *       "contact": {
           *         "id": "6634e2b1a7c3f500231a8b01",
           *         "fullName": "Jane Doe",
           *         "phone": "+254712345678",
           *         "email": "jane@example.com",
           *         "state": "active"
           *       },
           *       "lastMessageAt": null,
           *       "createdAt": "2026-05-04T09:30:00.000Z"
           *     }
           */
          'application/json': components['schemas']['ConversationResponse'];
        };
      };
      /** @description The request is not valid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "code": "validation_failed",
           *       "message": "The request is not valid",
           *       "details": [
           *         {
           *           "field": "email",
           *           "message": "email must be a valid email address"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description No such contact in this workspace */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "code": "contact_not_found",
           *       "message": "Contact not found",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  listConversationMessages: {
    parameters: {
      query?: {
        /** @description Page number (1-indexed) */
        page?: number;
        /** @description Results per page */
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "6634e2b1a7c3f500231a8d21",
           *           "conversationId": "6634e2b1a7c3f500231a8c11",
           *           "contactId": "6634e2b1a7c3f500231a8b01",
           *           "direction": "outbound",
           *           "text": "Hello Jane",
           *           "status": "queued",
           *           "createdAt": "2026-05-04T09:30:00.000Z"
           *         }
           *       ],
           *       "total": 1,
           *       "page": 1,
           *       "limit": 20,
           *       "totalPages": 1
           *     }
           */
          'application/json': components['schemas']['MessageListResponse'];
        };
      };
      /** @description The request is not valid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "code": "validation_failed",
           *       "message": "The request is not valid",
           *       "details": [
           *         {
           *           "field": "email",
           *           "message": "email must be a valid email address"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description No such contact in this workspace */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "code": "contact_not_found",
           *       "message": "Contact not found",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  sendMessage: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry for 24 hours: a retry of the same request gets the first answer again (with `Idempotent-Replayed: true`), stored in the same transaction as the write. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "text": "Hello Jane, your order has shipped.",
         *       "phone": "+254712345678"
         *     }
         */
        'application/json': components['schemas']['SendMessageDto'];
      };
    };
    responses: {
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6634e2b1a7c3f500231a8d21",
           *       "conversationId": "6634e2b1a7c3f500231a8c11",
           *       "contactId": "6634e2b1a7c3f500231a8b01",
           *       "direction": "outbound",
           *       "text": "Hello Jane",
           *       "status": "queued",
           *       "createdAt": "2026-05-04T09:30:00.000Z",
           *       "resolution": {
           *         "contactId": "6634e2b1a7c3f500231a8b01",
           *         "matchedBy": "phone"
           *       }
           *     }
           */
          'application/json': components['schemas']['SentMessageResponse'];
        };
      };
      /** @description The request is not valid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "code": "validation_failed",
           *       "message": "The request is not valid",
           *       "details": [
           *         {
           *           "field": "email",
           *           "message": "email must be a valid email address"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description A request with this Idempotency-Key is still running: retry after the time in Retry-After */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "code": "idempotency_key_in_use",
           *       "message": "A request with this Idempotency-Key is still running: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Body over 1 MB */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 413,
           *       "error": "Payload Too Large",
           *       "code": "payload_too_large",
           *       "message": "Request body is too large",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Body that is not JSON */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 415,
           *       "error": "Unsupported Media Type",
           *       "code": "unsupported_media_type",
           *       "message": "Content-Type must be application/json",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description This Idempotency-Key was used for a different request (method, path or body) */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 422,
           *       "error": "Unprocessable Entity",
           *       "code": "idempotency_key_reused",
           *       "message": "This Idempotency-Key was used for a different request (method, path or body)",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  listWebhooks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "6634e2b1a7c3f500231a8b99",
           *           "url": "https://example.com/hooks/safravo",
           *           "events": [
           *             "contact.created",
           *             "contact.updated"
           *           ],
           *           "enabled": true,
           *           "description": "Data warehouse sync",
           *           "disabledReason": null,
           *           "failingSince": null,
           *           "createdAt": "2026-05-04T09:30:00.000Z",
           *           "updatedAt": "2026-05-04T09:30:00.000Z"
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['WebhookListResponse'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  createWebhook: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry for 24 hours: a retry of the same request gets the first answer again (with `Idempotent-Replayed: true`), stored in the same transaction as the write. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "url": "https://example.com/hooks/safravo",
         *       "events": [
         *         "contact.created",
         *         "contact.updated"
         *       ],
         *       "description": "Data warehouse sync"
         *     }
         */
        'application/json': components['schemas']['CreateWebhookDto'];
      };
    };
    responses: {
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          /** @description URL of the new endpoint */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6634e2b1a7c3f500231a8b99",
           *       "url": "https://example.com/hooks/safravo",
           *       "events": [
           *         "contact.created",
           *         "contact.updated"
           *       ],
           *       "enabled": true,
           *       "description": "Data warehouse sync",
           *       "disabledReason": null,
           *       "failingSince": null,
           *       "createdAt": "2026-05-04T09:30:00.000Z",
           *       "updatedAt": "2026-05-04T09:30:00.000Z",
           *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
           *     }
           */
          'application/json': components['schemas']['CreatedWebhookResponse'];
        };
      };
      /** @description The request is not valid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "code": "validation_failed",
           *       "message": "The request is not valid",
           *       "details": [
           *         {
           *           "field": "email",
           *           "message": "email must be a valid email address"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description A request with this Idempotency-Key is still running: retry after the time in Retry-After */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "code": "idempotency_key_in_use",
           *       "message": "A request with this Idempotency-Key is still running: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Body over 1 MB */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 413,
           *       "error": "Payload Too Large",
           *       "code": "payload_too_large",
           *       "message": "Request body is too large",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Body that is not JSON */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 415,
           *       "error": "Unsupported Media Type",
           *       "code": "unsupported_media_type",
           *       "message": "Content-Type must be application/json",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description This Idempotency-Key was used for a different request (method, path or body) */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 422,
           *       "error": "Unprocessable Entity",
           *       "code": "idempotency_key_reused",
           *       "message": "This Idempotency-Key was used for a different request (method, path or body)",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  getWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6634e2b1a7c3f500231a8b99",
           *       "url": "https://example.com/hooks/safravo",
           *       "events": [
           *         "contact.created",
           *         "contact.updated"
           *       ],
           *       "enabled": true,
           *       "description": "Data warehouse sync",
           *       "disabledReason": null,
           *       "failingSince": null,
           *       "createdAt": "2026-05-04T09:30:00.000Z",
           *       "updatedAt": "2026-05-04T09:30:00.000Z"
           *     }
           */
          'application/json': components['schemas']['WebhookResponse'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description No such contact in this workspace */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "code": "contact_not_found",
           *       "message": "Contact not found",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  deleteWebhook: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry for 24 hours: a retry of the same request gets the first answer again (with `Idempotent-Replayed: true`), stored in the same transaction as the write. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description No such contact in this workspace */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "code": "contact_not_found",
           *       "message": "Contact not found",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description A request with this Idempotency-Key is still running: retry after the time in Retry-After */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "code": "idempotency_key_in_use",
           *       "message": "A request with this Idempotency-Key is still running: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description This Idempotency-Key was used for a different request (method, path or body) */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 422,
           *       "error": "Unprocessable Entity",
           *       "code": "idempotency_key_reused",
           *       "message": "This Idempotency-Key was used for a different request (method, path or body)",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  updateWebhook: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry for 24 hours: a retry of the same request gets the first answer again (with `Idempotent-Replayed: true`), stored in the same transaction as the write. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "events": [
         *         "*"
         *       ],
         *       "enabled": true
         *     }
         */
        'application/json': components['schemas']['UpdateWebhookDto'];
      };
    };
    responses: {
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6634e2b1a7c3f500231a8b99",
           *       "url": "https://example.com/hooks/safravo",
           *       "events": [
           *         "contact.created",
           *         "contact.updated"
           *       ],
           *       "enabled": true,
           *       "description": "Data warehouse sync",
           *       "disabledReason": null,
           *       "failingSince": null,
           *       "createdAt": "2026-05-04T09:30:00.000Z",
           *       "updatedAt": "2026-05-04T09:30:00.000Z"
           *     }
           */
          'application/json': components['schemas']['WebhookResponse'];
        };
      };
      /** @description The request is not valid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "code": "validation_failed",
           *       "message": "The request is not valid",
           *       "details": [
           *         {
           *           "field": "email",
           *           "message": "email must be a valid email address"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description No such contact in this workspace */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "code": "contact_not_found",
           *       "message": "Contact not found",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description A request with this Idempotency-Key is still running: retry after the time in Retry-After */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "code": "idempotency_key_in_use",
           *       "message": "A request with this Idempotency-Key is still running: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Body over 1 MB */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 413,
           *       "error": "Payload Too Large",
           *       "code": "payload_too_large",
           *       "message": "Request body is too large",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Body that is not JSON */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 415,
           *       "error": "Unsupported Media Type",
           *       "code": "unsupported_media_type",
           *       "message": "Content-Type must be application/json",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description This Idempotency-Key was used for a different request (method, path or body) */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 422,
           *       "error": "Unprocessable Entity",
           *       "code": "idempotency_key_reused",
           *       "message": "This Idempotency-Key was used for a different request (method, path or body)",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  rotateWebhookSecret: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry for 24 hours: a retry of the same request gets the first answer again (with `Idempotent-Replayed: true`), stored in the same transaction as the write. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "secret": "whsec_1B2f…",
           *       "previousSecretExpiresAt": "2026-05-04T09:30:00.000Z"
           *     }
           */
          'application/json': components['schemas']['RotatedSecretResponse'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description No such contact in this workspace */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "code": "contact_not_found",
           *       "message": "Contact not found",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description A request with this Idempotency-Key is still running: retry after the time in Retry-After */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "code": "idempotency_key_in_use",
           *       "message": "A request with this Idempotency-Key is still running: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description This Idempotency-Key was used for a different request (method, path or body) */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 422,
           *       "error": "Unprocessable Entity",
           *       "code": "idempotency_key_reused",
           *       "message": "This Idempotency-Key was used for a different request (method, path or body)",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: {
        limit?: number;
        /** @description A `nextCursor` of an earlier page: the deliveries before it */
        after?: string;
        status?: 'pending' | 'delivered' | 'failed';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "0b5c6f3e-3f5a-4c1e-9d2b-7a8e9f0a1b2c",
           *           "eventId": "9d4f2a6b-1c3e-4f5a-8b7c-6d5e4f3a2b1c",
           *           "eventType": "contact.updated",
           *           "contactId": "6634e2b1a7c3f500231a8b01",
           *           "status": "pending",
           *           "attempts": 1,
           *           "lastStatusCode": null,
           *           "lastError": null,
           *           "createdAt": "2026-05-04T09:30:00.000Z",
           *           "deliveredAt": null,
           *           "attemptLog": [
           *             {
           *               "attemptedAt": "2026-05-04T09:30:00.000Z",
           *               "statusCode": 200,
           *               "latencyMs": 42,
           *               "error": null
           *             }
           *           ]
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['WebhookDeliveryListResponse'];
        };
      };
      /** @description The request is not valid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "code": "validation_failed",
           *       "message": "The request is not valid",
           *       "details": [
           *         {
           *           "field": "email",
           *           "message": "email must be a valid email address"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description No such contact in this workspace */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "code": "contact_not_found",
           *       "message": "Contact not found",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  retryWebhookDelivery: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry for 24 hours: a retry of the same request gets the first answer again (with `Idempotent-Replayed: true`), stored in the same transaction as the write. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
        deliveryId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Queued */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, malformed, unknown or revoked API key */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "code": "invalid_api_key",
           *       "message": "The API key is invalid or has been revoked",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The key lacks the required scope */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "code": "insufficient_scope",
           *       "message": "This API key lacks the required scope: write:contacts",
           *       "details": [
           *         {
           *           "scope": "write:contacts"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description No such contact in this workspace */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "code": "contact_not_found",
           *       "message": "Contact not found",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The phone or email belongs to another contact; or `idempotency_key_in_use`: a request with this Idempotency-Key is still running (see Retry-After) */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "code": "contact_exists",
           *       "message": "A contact with this phone already exists",
           *       "details": [
           *         {
           *           "field": "phone",
           *           "contactId": "6634e2b1a7c3f500231a8b01"
           *         }
           *       ],
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description This Idempotency-Key was used for a different request (method, path or body) */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 422,
           *       "error": "Unprocessable Entity",
           *       "code": "idempotency_key_reused",
           *       "message": "This Idempotency-Key was used for a different request (method, path or body)",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "code": "rate_limited",
           *       "message": "Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Unexpected failure: only the request id */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 500,
           *       "error": "Internal Server Error",
           *       "code": "internal_error",
           *       "message": "Internal server error",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  getLiveness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "ok"
           *     }
           */
          'application/json': components['schemas']['LiveResponse'];
        };
      };
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "ok",
           *       "checks": {
           *         "database": {
           *           "status": "up"
           *         },
           *         "redis": {
           *           "status": "down",
           *           "impact": "rate limits are not enforced until Redis answers"
           *         }
           *       }
           *     }
           */
          'application/json': components['schemas']['ReadyResponse'];
        };
      };
      /** @description The database did not answer in time, or the instance is shutting down: retry after Retry-After */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "code": "service_unavailable",
           *       "message": "The database did not answer in time: retry after the time in Retry-After",
           *       "requestId": "3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b"
           *     }
           */
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
}
