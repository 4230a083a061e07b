/**
 * A FROM item (one row, no column anyone reads) that makes the transaction of the statement it
 * is in commit without waiting for its WAL to reach the disk: `synchronous_commit` off for that
 * transaction only (`set_config(…, true)`: it never outlives the transaction, so the pooled
 * connection goes back as it was).
 *
 * For delivery bookkeeping: the claims, acknowledgements and failures of outbox and webhook
 * deliveries, the webhook deliveries a fan-out writes, the dispatchers' holds on webhook endpoints
 * and the endpoints' failure marks, where published events went; and for the claim of an
 * Idempotency-Key, which a durable commit always follows (IdempotencyRepository.claim). What such a
 * commit could lose is the last fraction of a second of it, and only if PostgreSQL itself
 * crashes (not when the service does); losing it repeats a delivery, which the at-least-once
 * contract already allows (consumers are idempotent, webhooks carry their id, the stream drops
 * a repeated message id). WAL is flushed in order, so a later durable commit (a write's) makes it
 * durable too. Writes answered to a client never use it.
 *
 * Why: each of these statements is a transaction of its own, several per event, and each used to
 * wait for a WAL flush; under load most of their time was `WALSync` and `WALWrite` waits
 * (docs/performance.md, "Bookkeeping that waited for the disk").
 */
export const ASYNC_COMMIT = `(SELECT set_config('synchronous_commit', 'off', true)) AS async_commit`;
