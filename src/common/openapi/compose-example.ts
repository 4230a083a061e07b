import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';

/** The values of formats whose example would say nothing more than the format itself. */
const BY_FORMAT: Record<string, unknown> = {
  'date-time': '2026-05-04T09:30:00.000Z',
  uuid: '0b6f1e2c-4d3a-4e5f-9a8b-7c6d5e4f3a2b',
};

export type ComposedExample = { value: unknown } | { missing: string };

/**
 * An example of a schema, composed from the examples its properties carry (`@ApiProperty({
 * example })`), so an operation's example and its DTOs cannot disagree. In order: the schema's
 * own `example`, its `default`, the first of its `enum`, the first alternative of a `oneOf` or
 * `anyOf`, its properties (required ones first; optional ones only when they carry an example),
 * one item of an array,
 * `null` when nullable, a fixed value for `date-time` and `uuid`. Anything else (a required
 * string or number without an example) is `missing`, named by its path, so a test can say which
 * DTO property needs an example.
 */
export function composeExample(
  schema: SchemaObject | ReferenceObject,
  components: OpenAPIObject['components'],
  path = '',
): ComposedExample {
  if ('$ref' in schema) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = components?.schemas?.[name];
    if (!target) return { missing: `${path || name} (no such schema)` };
    // A schema that contains itself is never expanded twice in one example.
    if (path.split('.').includes(name)) return { missing: `${path} (${name} again)` };
    return composeExample(target, components, path ? `${path}.${name}` : name);
  }
  if (schema.example !== undefined) return { value: schema.example };
  if (schema.default !== undefined) return { value: schema.default };
  if (schema.enum?.length) return { value: schema.enum[0] };
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives?.length) return composeExample(alternatives[0], components, path);
  if (schema.allOf?.length) {
    const parts = schema.allOf.map((part) => composeExample(part, components, path));
    const missing = parts.find((part) => 'missing' in part);
    if (missing) return schema.nullable ? { value: null } : missing;
    const values = parts.map((part) => (part as { value: unknown }).value);
    return values.length === 1
      ? { value: values[0] }
      : { value: Object.assign({}, ...(values as object[])) as unknown };
  }
  if (schema.properties) {
    const value: Record<string, unknown> = {};
    const isRequired = (name: string) => schema.required?.includes(name) ?? false;
    // Required properties first: a body's example opens with what it cannot do without.
    const properties = Object.entries(schema.properties).sort(
      ([a], [b]) => Number(isRequired(b)) - Number(isRequired(a)),
    );
    for (const [name, property] of properties) {
      const composed = composeExample(property, components, `${path}.${name}`);
      const required = isRequired(name);
      if ('value' in composed) {
        if (required || hasOwnExample(property)) value[name] = composed.value;
      } else if (required) {
        return composed;
      }
    }
    return { value };
  }
  if (schema.type === 'array' && schema.items) {
    const item = composeExample(schema.items, components, `${path}[]`);
    return 'value' in item ? { value: [item.value] } : item;
  }
  if (schema.nullable) return { value: null };
  if (schema.format && schema.format in BY_FORMAT) return { value: BY_FORMAT[schema.format] };
  return { missing: path || '(schema)' };
}

/** An optional property is shown when it carries an example of its own. */
function hasOwnExample(schema: SchemaObject | ReferenceObject): boolean {
  return !('$ref' in schema) && schema.example !== undefined;
}
