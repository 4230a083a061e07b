const READ_ONLY_FIELDS = Symbol('readOnlyFields');

/**
 * Names fields a client may see but never write (`id`, `createdAt`, ...), so that sending one is
 * refused as "read-only" rather than as an unknown field. Unknown and read-only fields are both
 * refused with 400; this only sharpens the message.
 */
export function ReadOnlyFields(fields: readonly string[]): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(READ_ONLY_FIELDS, new Set(fields), target);
  };
}

export function readOnlyFieldsOf(target: object | undefined): ReadonlySet<string> {
  const ctor = target?.constructor;
  return (
    (ctor && (Reflect.getMetadata(READ_ONLY_FIELDS, ctor) as Set<string> | undefined)) ?? new Set()
  );
}
