import { ValidateBy } from 'class-validator';
import { PHONE_PROBLEM_MESSAGES, phoneInputProblem } from '../utils/normalize-phone.util';

/**
 * Checks the part of a phone number that does not depend on the workspace (see
 * `phoneInputProblem`), so that a bad phone is reported in the same 400 as the other fields.
 * The service still normalises it, with the workspace's default country.
 */
export function IsPhoneInput(): PropertyDecorator {
  return ValidateBy({
    name: 'isPhoneInput',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && phoneInputProblem(value) === undefined,
      defaultMessage: (args) => {
        const value: unknown = args?.value;
        return PHONE_PROBLEM_MESSAGES[
          (typeof value === 'string' && phoneInputProblem(value)) || 'format'
        ];
      },
    },
  });
}
