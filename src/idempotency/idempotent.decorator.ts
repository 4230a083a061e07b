import { SetMetadata } from '@nestjs/common';

/** A route's answer: its body, and the headers a replay must give again (`Location`, `ETag`). */
export interface RouteAnswer {
  /** The status, when it depends on the result (an upsert's 201 or 200); else the route's own. */
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const IDEMPOTENT_ANSWER = 'idempotentAnswer';

/**
 * Declares how a write route answers, from the result of its write transaction (SPEC §11): an
 * Idempotency-Key stores that answer in the same transaction as the write. The route answers
 * with the same function, so a replay is the first answer. Every POST, PATCH and DELETE route has
 * one (a test walks the routes).
 */
export const Idempotent = <T>(
  answer: (result: T, request: AnsweredRequest) => RouteAnswer,
): MethodDecorator => SetMetadata(IDEMPOTENT_ANSWER, answer);

/** What an answer may say of the request it answers (an error body inside it names the request). */
export interface AnsweredRequest {
  requestId: string;
}

/** Gives a route's answer: its status (when it has its own) and headers on `reply`, its body returned. */
export function answer(
  reply: { status(code: number): unknown; header(name: string, value: string): unknown },
  { status, body, headers }: RouteAnswer,
): unknown {
  if (status !== undefined) reply.status(status);
  for (const [name, value] of Object.entries(headers ?? {})) reply.header(name, value);
  return body;
}
