import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DomainException } from '../errors/domain.exception';
import { PaginationQueryDto } from './pagination.dto';
import { ReadOnlyFields } from './read-only-fields.decorator';
import { validateInput } from './validation';

@ReadOnlyFields(['id'])
class NoteDto {
  @IsString()
  @MaxLength(10)
  text: string;

  @IsOptional()
  @IsString()
  label?: string;
}

function refusal(cls: new () => object, input: unknown): DomainException {
  try {
    validateInput(cls, input);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainException);
    return error as DomainException;
  }
  throw new Error('expected the input to be refused');
}

describe('validateInput', () => {
  it('returns a validated instance of the class', () => {
    const note = validateInput(NoteDto, { text: 'hello' });
    expect(note).toBeInstanceOf(NoteDto);
    expect(note.text).toBe('hello');
  });

  it.each([null, [], 'text', 42, true, undefined])('refuses %j as invalid_body', (input) => {
    expect(refusal(NoteDto, input).code).toBe('invalid_body');
  });

  it('refuses unknown fields and names read-only ones', () => {
    const error = refusal(NoteDto, { text: 'hi', colour: 'red', id: 'x' });
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual(
      expect.arrayContaining([
        { field: 'colour', message: 'colour is not a known field' },
        { field: 'id', message: 'id is read-only' },
      ]),
    );
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'])(
    'refuses an unknown field named like an Object member (%s) instead of dropping it',
    (key) => {
      const input = JSON.parse(`{"text":"hi",${JSON.stringify(key)}:"x"}`) as Record<
        string,
        unknown
      >;
      expect(Object.keys(input)).toContain(key);
      const error = refusal(NoteDto, input);
      expect(error.code).toBe('validation_failed');
      expect(error.details).toEqual([{ field: key, message: `${key} is not a known field` }]);
    },
  );

  it.each([
    ['a NUL character', 'a\u0000b'],
    ['a lone surrogate', 'a\uD800b'],
  ])('refuses a string with %s', (_label, text) => {
    const error = refusal(NoteDto, { text });
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual([
      { field: 'text', message: expect.stringContaining('not allowed') },
    ]);
  });
});

describe('PaginationQueryDto', () => {
  const query = (input: Record<string, unknown>): PaginationQueryDto =>
    validateInput(PaginationQueryDto, input);

  it('defaults to page 1, limit 25 and reads digits as numbers', () => {
    expect(query({})).toMatchObject({ page: 1, limit: 25 });
    expect(query({ page: '3', limit: '100' })).toMatchObject({ page: 3, limit: 100 });
  });

  it.each([
    ['page', 'abc', 'page must be an integer'],
    ['page', '1.5', 'page must be an integer'],
    ['page', ['1', '2'], 'page must be an integer'],
    ['limit', '1e2', 'limit must be an integer'],
    ['limit', '', 'limit must be an integer'],
    ['page', '0', 'page must not be less than 1'],
    ['limit', '101', 'limit must not be greater than 100'],
  ])('refuses %s=%j with "%s"', (field, value, message) => {
    const error = refusal(PaginationQueryDto, { [field]: value });
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual([{ field, message }]);
  });
});
