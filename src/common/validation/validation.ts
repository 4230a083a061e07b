import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import { DomainException, type ErrorDetail } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-code';
import { inputShapeProblems } from './input-shape';
import { readOnlyFieldsOf } from './read-only-fields.decorator';

/** Unknown fields are refused, never stripped silently; nested values are validated too. */
export const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  validationError: { target: true, value: false },
};

function flatten(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    if (constraints.whitelistValidation) {
      const readOnly = readOnlyFieldsOf(error.target).has(error.property);
      details.push({
        field,
        message: readOnly ? `${field} is read-only` : `${field} is not a known field`,
      });
    } else {
      for (const message of Object.values(constraints)) details.push({ field, message });
    }
    if (error.children?.length) details.push(...flatten(error.children, field));
  }
  return details;
}

export function validationException(details: ErrorDetail[]): DomainException {
  return new DomainException(ErrorCode.ValidationFailed, 'The request is not valid', details);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Keys named like members of `Object.prototype` (`constructor`, `toString`, `__proto__`, ...):
 * class-transformer and class-validator's whitelist do not see them, so without this check they
 * would be dropped silently instead of refused as unknown. No DTO has a field of such a name.
 */
function prototypeNamedKeys(input: Record<string, unknown>): ErrorDetail[] {
  return Object.keys(input)
    .filter((key) => key in Object.prototype)
    .map((field) => ({ field, message: `${field} is not a known field` }));
}

/**
 * Turns plain input into a validated instance of `cls`, or throws a 400 `validation_failed`
 * listing every problem. Used by the HTTP pipe and by services for internal callers alike.
 */
export function validateInput<T extends object>(cls: ClassConstructor<T>, input: unknown): T {
  if (input instanceof cls) {
    // Already transformed (by the HTTP pipe, or built by a caller): check it again, cheaply.
    const errors = validateSync(input, VALIDATOR_OPTIONS);
    if (errors.length > 0) throw validationException(flatten(errors));
    return input;
  }
  if (!isPlainObject(input)) {
    throw new DomainException(ErrorCode.InvalidBody, 'The request body must be a JSON object');
  }
  // Before anything looks at the elements: bounded size and depth, storable strings.
  const shape = inputShapeProblems(input);
  if (shape.length > 0) throw validationException(shape);
  const hidden = prototypeNamedKeys(input);
  if (hidden.length > 0) throw validationException(hidden);

  const instance = plainToInstance(cls, input);
  const errors = validateSync(instance, VALIDATOR_OPTIONS);
  if (errors.length > 0) throw validationException(flatten(errors));
  return instance;
}

/**
 * The global pipe: bodies and query strings with a DTO class go through `validateInput`.
 * Path parameters and untyped values pass through as they are.
 */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({ ...VALIDATOR_OPTIONS, transform: true });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype, type } = metadata;
    if ((type === 'body' || type === 'query') && metatype && this.toValidate(metadata)) {
      // Fastify's query object has a bare prototype of its own: copy it into a plain object.
      const input = type === 'query' ? { ...(value as object | undefined) } : value;
      return validateInput(metatype as ClassConstructor<object>, input);
    }
    return super.transform(value, metadata);
  }
}
