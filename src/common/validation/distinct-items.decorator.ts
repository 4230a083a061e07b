import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * The array holds no value twice, checked in linear time (class-validator's `ArrayUnique`
 * compares every pair). Put it above `ArrayMaxSize`, which then runs first.
 */
export function DistinctItems(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'distinctItems',
      validator: {
        validate: (value: unknown) => Array.isArray(value) && new Set(value).size === value.length,
        defaultMessage: () => '$property must not contain duplicates',
      },
    },
    options,
  );
}
