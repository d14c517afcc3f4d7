// The README's /live commands table, generated from the protocol's command table (`npm run docs:commands` writes
// it; a test fails when the README and the table disagree).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { COMMAND_NAMES, COMMANDS } from '../../engine/protocol/commands.ts';
import { ROLES } from '../../engine/protocol/roles.ts';

export const README = path.resolve(import.meta.dirname, '..', '..', 'README.md');
const BEGIN = '<!-- commands:begin (generated from engine/protocol/commands.ts by npm run docs:commands) -->';
const END = '<!-- commands:end -->';

export function commandsTableMarkdown(): string {
  const rows = COMMAND_NAMES.map((name) => {
    const roles: readonly string[] = COMMANDS[name].roles;
    const who = roles.length === ROLES.length ? 'any role' : roles.join(', ');
    return `| \`${name}\` | ${who} | ${COMMANDS[name].doc.replaceAll('|', '\\|')} |`;
  });
  return ['| command | roles | arguments and effect |', '|---|---|---|', ...rows].join('\n');
}

/** The generated section as it sits in the README, or undefined when the markers are missing. */
export function readmeCommandsSection(readme: string): string | undefined {
  const a = readme.indexOf(BEGIN);
  const b = readme.indexOf(END);
  return a < 0 || b < a ? undefined : readme.slice(a + BEGIN.length, b).trim();
}

if (process.argv[1] === import.meta.filename) {
  const readme = readFileSync(README, 'utf8');
  if (readmeCommandsSection(readme) === undefined) throw new Error(`README.md has no ${BEGIN} … ${END} section`);
  const a = readme.indexOf(BEGIN) + BEGIN.length;
  writeFileSync(README, `${readme.slice(0, a)}\n${commandsTableMarkdown()}\n${readme.slice(readme.indexOf(END))}`);
  console.log(`README.md: ${COMMAND_NAMES.length} commands`);
}
