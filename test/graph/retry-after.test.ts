import { parseRetryAfter } from '../../src/graph/middleware/retry-after';

const now = new Date('2025-03-12T10:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['7', 7000],
    ['0', 0],
    ['1.5', 1500],
    [' 3 ', 3000],
    ['Wed, 12 Mar 2025 10:00:30 GMT', 30_000],
    ['Wed, 12 Mar 2025 09:59:00 GMT', 0],
  ])('reads %j as %i ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it.each([null, undefined, '', 'soon', '-5'])('ignores %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});
