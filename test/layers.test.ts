/**
 * DESIGN.md's layers, enforced: the pure core (model, sim, stimuli, lab) runs
 * unchanged in Node, a worker and tests, so it must not reach for the DOM,
 * React, Pixi, zustand, timers or the console; and imports point downward.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

function existing(dir: string): string[] {
  try {
    return sourceFiles(join(root, dir));
  } catch {
    return [];
  }
}

const PURE = ['src/model', 'src/sim', 'src/stimuli', 'src/lab'];
const FORBIDDEN_IMPORTS = /from '(react|react-dom|pixi\.js|zustand|@\/(ui|render|store|worker)\b)/;
const FORBIDDEN_GLOBALS = /\b(window|document|navigator|localStorage|console|setTimeout|setInterval|requestAnimationFrame)\s*[.(]/;

/** Which layers each layer may import (DESIGN.md: dependencies point one way, downward). */
const MAY_IMPORT: Record<string, string[]> = {
  model: [],
  sim: ['model'],
  stimuli: ['model'],
  lab: ['model', 'sim', 'stimuli'],
};

describe('layers', () => {
  it('keeps the pure core free of the DOM, React, Pixi, zustand, timers and console', () => {
    const offences: string[] = [];
    for (const dir of PURE) {
      for (const file of existing(dir)) {
        const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        const where = relative(root, file);
        if (FORBIDDEN_IMPORTS.test(text)) offences.push(`${where}: ${text.match(FORBIDDEN_IMPORTS)![0]}`);
        if (FORBIDDEN_GLOBALS.test(text)) offences.push(`${where}: ${text.match(FORBIDDEN_GLOBALS)![0]}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('imports only downward between core layers', () => {
    const offences: string[] = [];
    for (const [layer, allowed] of Object.entries(MAY_IMPORT)) {
      for (const file of existing(`src/${layer}`)) {
        for (const match of readFileSync(file, 'utf8').matchAll(/from '@\/([a-z]+)/g)) {
          const used = match[1];
          if (used !== layer && !allowed.includes(used)) offences.push(`${relative(root, file)} imports @/${used}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });
});
