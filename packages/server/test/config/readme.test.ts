import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settings } from '../../src/config/settings.ts';

const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');

describe('the README configuration table', () => {
  it.each(Object.entries(settings))('documents %s with its variable and default', (key, setting) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${setting.env}\``));
    expect(row, `README has no row for ${setting.env}`).toBeDefined();
    expect(row).toContain(`\`${key}\``);
    if (setting.default) expect(row).toContain(`\`${setting.default}\``);
  });
});
