import { ValidateBy, type ValidationOptions } from 'class-validator';
import { PHONE_PROBLEM_MESSAGES, phoneInputProblem } from '../utils/normalize-phone.util';

/**
 * Checks the part of a phone number that does not depend on the workspace (see
 * `phoneInputProblem`), so that a bad phone is reported in the same 400 as the other fields.
 * The service still normalises it, with the workspace's default country.
 */
export function IsPhoneInput(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPhoneInput',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && phoneInputProblem(value) === undefined,
        defaultMessage: (args) => {
          const value: unknown = args?.value;
          const message =
            PHONE_PROBLEM_MESSAGES[
              (typeof value === 'string' && phoneInputProblem(value)) || 'format'
            ];
          return args?.property && args.property !== 'phone'
            ? message.replace(/^phone/, `each of ${args.property}`)
            : message;
        },
      },
    },
    options,
  );
}
