import { onCi } from './describe-if';

describe('onCi', () => {
  const original = process.env.CI;
  afterEach(() => {
    if (original === undefined) delete process.env.CI;
    else process.env.CI = original;
  });

  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['FALSE', false],
    ['0', false],
    ['true', true],
    ['1', true],
    ['yes', true],
  ])('CI=%j is CI: %s', (value, expected) => {
    if (value === undefined) delete process.env.CI;
    else process.env.CI = value;
    expect(onCi()).toBe(expected);
  });
});
