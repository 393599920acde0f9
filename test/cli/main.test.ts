import { describe, expect, it } from 'vitest';
import { UsageError } from '@/cli/args';
import { userErrorLines } from '@/cli/main';
import { GenomeError } from '@/model';

describe('userErrorLines', () => {
  it('prints a usage error as its problems and a genome error as path: message, one line each', () => {
    expect(userErrorLines(new UsageError(['--seed: bad', '--duration: bad']))).toEqual(['--seed: bad', '--duration: bad']);
    expect(userErrorLines(new GenomeError([{ path: 'populations[0].size', message: 'too big' }, { path: '', message: 'no path' }]))).toEqual([
      'populations[0].size: too big',
      'no path',
    ]);
  });

  it('leaves any other error to be reported as a bug (null)', () => {
    expect(userErrorLines(new TypeError('x is undefined'))).toBeNull();
  });
});
