import type { ErrorCode } from './error-code';

/** One entry of an error's `details`: a field problem, a conflict, a missing scope. */
export type ErrorDetail = Record<string, string | number | null>;

/**
 * The base of every error the service raises on purpose. It carries a stable code; the HTTP
 * status is derived from the code in one place (`httpStatusOf`), and the global filter renders it.
 */
export class DomainException<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly details?: ErrorDetail[],
    /** Response headers that go with the error (a `Link` to where a resource went, ...). */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
