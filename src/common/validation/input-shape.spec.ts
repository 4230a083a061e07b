import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';
import { DomainException } from '../errors/domain.exception';
import { DistinctItems } from './distinct-items.decorator';
import { INPUT_SHAPE_LIMITS, inputShapeProblems } from './input-shape';
import { TrimEach } from './transforms';
import { validateInput } from './validation';

/** `target` behind a proxy that counts every read of one of its values (an array's length aside). */
function counted<T extends object>(target: T): { value: T; reads: () => number } {
  let reads = 0;
  const value = new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'string' && key !== 'length' && Object.hasOwn(object, key)) reads++;
      return Reflect.get(object, key, receiver) as unknown;
    },
  });
  return { value, reads: () => reads };
}

class TaggedDto {
  @IsOptional()
  @TrimEach()
  @DistinctItems()
  @IsString({ each: true })
  @ArrayMaxSize(50)
  @IsArray()
  tags?: string[];
}

describe('inputShapeProblems', () => {
  it('refuses an oversized array without reading one of its elements', () => {
    const tags = counted(Array.from({ length: 120_000 }, (_, i) => i.toString(36)));

    expect(inputShapeProblems({ tags: tags.value })).toEqual([
      { field: 'tags', message: 'tags must contain no more than 1000 elements' },
    ]);
    expect(tags.reads()).toBe(0);
  });

  it('refuses an object with too many fields without reading one of its values', () => {
    const fields = counted(Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [i, 1])));

    expect(inputShapeProblems({ extra: fields.value })).toEqual([
      { field: 'extra', message: 'extra must have no more than 100 fields' },
    ]);
    expect(fields.reads()).toBe(0);
  });

  it('reads every element of an array within its bound', () => {
    const tags = counted(Array.from({ length: INPUT_SHAPE_LIMITS.items }, () => 'vip'));

    expect(inputShapeProblems({ tags: tags.value })).toEqual([]);
    expect(tags.reads()).toBe(INPUT_SHAPE_LIMITS.items);
  });

  it('walks a nesting of any depth without recursion and stops at the bound', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];

    expect(inputShapeProblems({ notes: deep })).toEqual([
      expect.objectContaining({
        field: 'notes.0.0.0.0.0.0.0.0',
        message: expect.stringMatching(/nested too deeply/),
      }),
    ]);
  });
});

describe('validateInput on a huge collection', () => {
  it('refuses it before any transform or per-element check reads an element', () => {
    const tags = counted(Array.from({ length: 120_000 }, (_, i) => ` ${i.toString(36)} `));

    let refusal: unknown;
    try {
      validateInput(TaggedDto, { tags: tags.value });
    } catch (error) {
      refusal = error;
    }

    expect(refusal).toBeInstanceOf(DomainException);
    expect((refusal as DomainException).details).toEqual([
      { field: 'tags', message: 'tags must contain no more than 1000 elements' },
    ]);
    expect(tags.reads()).toBe(0);
  });
});
