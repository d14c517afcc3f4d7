import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../engine/protocol/commands.ts';
import { commandsTableMarkdown, README, readmeCommandsSection } from '../support/readmeCommands.ts';

describe('README commands table', () => {
  it('is the protocol command table, row for row (run npm run docs:commands after changing it)', () => {
    const section = readmeCommandsSection(readFileSync(README, 'utf8'));
    expect(section).toBe(commandsTableMarkdown());
  });

  it('lists every command once', () => {
    const table = commandsTableMarkdown();
    for (const name of COMMAND_NAMES) expect(table.split(`| \`${name}\` |`)).toHaveLength(2);
  });
});
