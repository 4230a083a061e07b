import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };

/** A contact, as every read and write answers it. */
export type Contact = components['schemas']['ContactResponse'];
/** The body of `POST /v1/contacts`. */
export type NewContact = components['schemas']['CreateContactDto'];
/** The one error shape of every answer that is not a success. */
export type ApiError = components['schemas']['ErrorBodyDto'];

export interface SafravoClientOptions extends Omit<ClientOptions, 'baseUrl' | 'headers'> {
  /** Where the service is reached: its `PUBLIC_URL`, or `http://localhost:3000` for `npm start`. */
  baseUrl: string;
  /** An API key (`npm run -s cli -- api-keys:create ...`), sent in `X-API-Key`. */
  apiKey: string;
  /** More headers for every request (an `Idempotency-Key` is per request: pass it there). */
  headers?: Record<string, string>;
}

export type SafravoClient = Client<paths>;

/**
 * A typed client of the Safravo Contacts API ([openapi-fetch](https://openapi-ts.dev/openapi-fetch/)):
 * paths, parameters, bodies and answers are checked by the compiler against the OpenAPI document.
 * Each call resolves to `{ data }` on a success and `{ error }` (an `ApiError`) otherwise, both
 * with the `response`; it throws only when the service cannot be reached.
 *
 * ```ts
 * const safravo = createSafravoClient({ baseUrl: 'http://localhost:3000', apiKey });
 * const { data, error } = await safravo.POST('/v1/contacts', { body: { firstName: 'Jane' } });
 * ```
 */
export function createSafravoClient({
  apiKey,
  headers,
  ...options
}: SafravoClientOptions): SafravoClient {
  return createClient<paths>({ ...options, headers: { ...headers, 'X-API-Key': apiKey } });
}
