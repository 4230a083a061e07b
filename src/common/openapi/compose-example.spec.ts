import type { OpenAPIObject } from '@nestjs/swagger';
import { composeExample } from './compose-example';

const components: OpenAPIObject['components'] = {
  schemas: {
    Contact: {
      type: 'object',
      properties: {
        notes: { type: 'string', example: 'VIP' },
        id: { type: 'string', example: '6634e2b1a7c3f500231a8b01' },
        email: { type: 'string', nullable: true },
        kind: { type: 'string', enum: ['person', 'company'] },
        createdAt: { type: 'string', format: 'date-time' },
        internal: { type: 'string' },
      },
      required: ['id', 'email', 'kind', 'createdAt'],
    },
    Page: {
      type: 'object',
      properties: {
        items: { type: 'array', items: { $ref: '#/components/schemas/Contact' } },
        total: { type: 'integer' },
      },
      required: ['items', 'total'],
    },
    Tree: {
      type: 'object',
      properties: { child: { $ref: '#/components/schemas/Tree' } },
      required: ['child'],
    },
  },
};

describe('composeExample', () => {
  it('composes an object from its properties: required first, optional ones only with an example of their own', () => {
    const composed = composeExample({ $ref: '#/components/schemas/Contact' }, components);
    expect(composed).toEqual({
      value: {
        id: '6634e2b1a7c3f500231a8b01',
        email: null,
        kind: 'person',
        createdAt: '2026-05-04T09:30:00.000Z',
        notes: 'VIP',
      },
    });
    expect(Object.keys((composed as { value: object }).value)[0]).toBe('id');
  });

  it("prefers the schema's own example, then its default, and takes the first of a oneOf", () => {
    expect(composeExample({ type: 'integer', example: 3, default: 1 }, components)).toEqual({
      value: 3,
    });
    expect(composeExample({ type: 'boolean', default: false }, components)).toEqual({
      value: false,
    });
    expect(
      composeExample(
        { oneOf: [{ type: 'string', example: 'a' }, { type: 'integer' }] },
        components,
      ),
    ).toEqual({ value: 'a' });
    expect(
      composeExample({ type: 'array', items: { type: 'string', example: 'x' } }, components),
    ).toEqual({ value: ['x'] });
  });

  it('names the first required property that has no example, by its path', () => {
    expect(composeExample({ $ref: '#/components/schemas/Page' }, components)).toEqual({
      missing: 'Page.total',
    });
    expect(composeExample({ type: 'string' }, components)).toEqual({ missing: '(schema)' });
    // A schema that contains itself is not expanded forever.
    expect(composeExample({ $ref: '#/components/schemas/Tree' }, components)).toEqual({
      missing: 'Tree.child (Tree again)',
    });
  });
});
