// The words an agent is told before it sees a tool: the server's instructions, the prompts and the docs
// must name only tools that exist, and the instructions must point at the resources and prompts too.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { NeedsSignInError } from '../auth/errors.ts';
import { startMcpHarness, type McpHarness } from '../catalog/mcp-harness.ts';
import { PROMPTS } from '../catalog/prompts.ts';
import { RESOURCE_TEMPLATES, STATIC_RESOURCES } from '../catalog/resources.ts';
import { buildTools } from '../catalog/tools.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

const toolNames = new Set(
  buildTools({
    clientFor: async () => {
      throw new NeedsSignInError('Not signed in.', { signedOut: true });
    },
    accounts: () => [{ id: 1, name: 'Test' }],
    readOnly: false,
    disabledDomains: [],
  }).map((tool) => tool.name),
);

function namedTools(text: string): string[] {
  return [...new Set(text.match(/\bbc_[a-z][a-z_]*/g) ?? [])];
}

function unknownIn(text: string): string[] {
  return namedTools(text).filter((name) => !toolNames.has(name));
}

describe('tool names in what agents and users read', () => {
  let h: McpHarness;
  let instructions: string;
  before(async () => {
    h = await startMcpHarness();
    instructions = h.client.getInstructions() ?? '';
  });
  after(() => h.close());

  test('the server instructions name only existing tools, and every direct one', () => {
    assert.ok(instructions.length > 0 && instructions.length < 1500, `${instructions.length} characters`);
    assert.deepEqual(unknownIn(instructions), []);
    for (const name of ['bc_whoami', 'bc_search', 'bc_resolve_url', 'bc_list_projects', 'bc_get_project'])
      assert.ok(instructions.includes(name), name);
  });

  test('the server instructions point at the resources and the prompts', () => {
    for (const resource of STATIC_RESOURCES) assert.ok(instructions.includes(resource.uri), resource.uri);
    for (const template of RESOURCE_TEMPLATES)
      assert.ok(instructions.includes(template.uriTemplate), template.uriTemplate);
    for (const prompt of PROMPTS) assert.ok(instructions.includes(prompt.name), prompt.name);
  });

  test('the prompts name only existing tools', () => {
    const source = readFileSync(join(ROOT, 'src-main/core/catalog/prompts.ts'), 'utf8');
    assert.ok(namedTools(source).length > 5);
    assert.deepEqual(unknownIn(source), []);
  });

  test('README.md and docs/*.md (but the generated TOOLS.md) name only existing tools', () => {
    const files = [
      'README.md',
      ...readdirSync(join(ROOT, 'docs'))
        .filter((name) => name.endsWith('.md') && name !== 'TOOLS.md')
        .map((name) => `docs/${name}`),
    ];
    for (const file of files)
      assert.deepEqual(unknownIn(readFileSync(join(ROOT, file), 'utf8')), [], `in ${file}`);
  });
});
