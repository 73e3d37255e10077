// Hostile --file input (issue 7): every case is one clean UserError naming a
// position or a limit, never the file's bytes, and never a crash or a hang.
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {UserError} from '../../source/errors.js';
import {FILE_LIMITS, mib} from '../../source/kube/file-limits.js';
import {loadStdinSource, parseObjects, sourceFromBytes} from '../../source/kube/file-source.js';
import {openSource} from '../../source/open-source.js';

function problem(text: string): string {
	try {
		parseObjects(text, 'f.yaml');
	} catch (error) {
		expect(error).toBeInstanceOf(UserError);
		const message = (error as Error).message;
		expect(message).toMatch(/^--file f\.yaml: /);
		// One line, no control or bidi characters: nothing from the file leaks into it.
		expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
		return message.slice('--file f.yaml: '.length);
	}
	throw new Error('expected a UserError');
}

const pod = (name: string, extra = '') => `{"kind":"Pod","metadata":{"name":"${name}","namespace":"d"}${extra}}`;
const podNames = (text: string) => parseObjects(text, 'f').map(o => o.metadata?.name);

describe('nesting', () => {
	const deep = `nested deeper than ${FILE_LIMITS.maxDepth} levels`;

	it('refuses arrays nested 100,000 deep, in YAML and in JSON', () => {
		const text = '['.repeat(100_000) + ']'.repeat(100_000);
		expect(problem(text)).toBe(deep); // JSON.parse reads it; the walk refuses it
		expect(problem(`x: ${text}`)).toBe(`line 1, column ${FILE_LIMITS.maxDepth + 4}: ${deep}`);
		expect(problem('- '.repeat(100_000) + 'x\n')).toMatch(new RegExp(`^line 1, column \\d+: ${deep}$`));
	});

	it('refuses Lists nested 20,000 deep', () => {
		let text = pod('p');
		for (let i = 0; i < 20_000; i++) text = `{"kind":"List","items":[${text}]}`;
		expect(problem(text)).toBe(deep);
	});

	it('reads nesting up to the limit', () => {
		const depth = FILE_LIMITS.maxDepth - 3; // List -> items -> Pod -> spec
		const spec = '['.repeat(depth) + ']'.repeat(depth);
		expect(podNames(`{"kind":"List","items":[${pod('p', `,"spec":${spec}`)}]}`)).toEqual(['p']);
		expect(podNames(`kind: List\nitems:\n- kind: Pod\n  metadata: {name: q}\n  spec: ${spec}\n`)).toEqual(['q']);
	});
});

describe('YAML aliases', () => {
	it('refuses cyclic aliases', () => {
		const cycle = 'not valid YAML (an alias refers to a node that contains it, a cycle)';
		expect(problem('&a [*a]\n')).toBe(cycle);
		expect(problem('kind: List\nitems: &a\n- kind: Pod\n  metadata: {name: p}\n- *a\n')).toBe(cycle);
		expect(problem('a: &a {b: {c: *a}}\n')).toBe(cycle);
	});

	it('refuses an alias to an anchor not defined before it, without naming it', () => {
		expect(problem('a: *secret-name\nb: &secret-name 1\n')).toBe('not valid YAML or JSON (line 1, column 16: unidentified alias)');
	});

	it('refuses billion laughs, in maps and in sequences', () => {
		const levels = 'bcdefghi';
		let map = 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
		let seq = '- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
		for (let i = 0; i < levels.length; i++) {
			const refs = Array(9).fill(`*${('a' + levels)[i]}`).join(', ');
			map += `${levels[i]}: &${levels[i]} [${refs}]\n`;
			seq += `- &${levels[i]} [${refs}]\n`;
		}
		const expansion = /^its YAML aliases expand to more than \d+ values \(4 per byte of the file\)$/;
		expect(problem(map)).toMatch(expansion);
		expect(problem(seq)).toMatch(expansion);
		// Doubling 30 times: a billion Pods from 30 lines.
		const doubling = `kind: List\nitems:\n- &a0 {kind: Pod, metadata: {name: q}}\n${Array.from({length: 29}, (_, i) => `- &a${i + 1} [*a${i}, *a${i}]\n`).join('')}`;
		expect(problem(doubling)).toMatch(expansion);
	});

	it('still reads ordinary aliases and merge keys', () => {
		const text = 'kind: List\nitems:\n- &p {kind: Pod, metadata: {name: a, labels: &l {app: x}}}\n- {kind: Pod, metadata: {name: b, labels: {<<: *l, tier: web}}}\n- *p\n';
		const objects = parseObjects(text, 'f');
		expect(objects.map(o => o.metadata?.name)).toEqual(['a', 'b', 'a']);
		expect(objects[1]?.metadata?.labels).toEqual({app: 'x', tier: 'web'});
	});
});

describe('error words never quote the file', () => {
	it('a bad tag with an escape sequence and a newline in it', () => {
		const message = problem('kind: Pod\nmetadata: !<tag:\u001b]0;pwned\u0007\nsecret> {name: x}\n');
		expect(message).toBe('not valid YAML or JSON (line 2, column 35: tag name cannot contain such characters)');
		expect(problem('kind: Pod\nmetadata: !secret-tag {name: x}\n')).toBe('not valid YAML or JSON (line 2, column 32: unknown tag)');
	});

	it('duplicate keys and bad syntax give line and column only', () => {
		expect(problem('kind: Pod\nkind: secret-value\n')).toBe('not valid YAML or JSON (line 2, column 1: duplicated mapping key)');
		expect(problem('a: "secret-value\n')).toBe('not valid YAML or JSON (line 2, column 1: unexpected end of the stream within a double quoted scalar)');
		expect(problem('{"kind": "Pod", "secret-value": [}')).toMatch(/^not valid YAML or JSON \(line 1, column \d+: [a-z ,]+\)$/);
		expect(problem('a: *"secret-value"\n')).not.toContain('secret');
	});
});

describe('Lists', () => {
	it('a List whose items is not a list is an error', () => {
		expect(problem('kind: List\nitems: {kind: Rollout, metadata: {name: r}}\n')).toBe('a List whose items is an object, not a list');
		expect(problem('{"kind":"PodList","items":"p"}')).toBe('a PodList whose items is a string, not a list');
		expect(problem(`kind: Rollout\nmetadata: {name: r}\n---\nkind: List\nitems: 3\n`)).toBe('document 2: a List whose items is a number, not a list');
	});

	it('items: null (a Go nil slice) is an empty list', () => {
		expect(podNames(`[{"kind":"PodList","items":null}, ${pod('p')}]`)).toEqual(['p']);
	});

	it(`refuses more than ${FILE_LIMITS.maxObjects} objects`, () => {
		const items = Array(FILE_LIMITS.maxObjects + 1).fill('{"kind":"Pod","metadata":{}}').join(',');
		expect(problem(`{"kind":"List","items":[${items}]}`)).toBe(`more than ${FILE_LIMITS.maxObjects} Kubernetes objects`);
	});
});

describe('size, standard input and the flag', () => {
	it('refuses YAML over its limit before parsing it', () => {
		const text = `# ${'x'.repeat(FILE_LIMITS.maxYamlBytes)}\n`;
		expect(problem(text)).toBe(`YAML larger than the ${mib(FILE_LIMITS.maxYamlBytes)} limit; JSON may be up to ${mib(FILE_LIMITS.maxJsonBytes)} (kubectl get -o json)`);
	});

	it('reads a byte-order mark, and --file - reads standard input', async () => {
		const source = sourceFromBytes(Buffer.from(`\ufeff${pod('bom')}`), 'x');
		expect(source.getSnapshot().objects.pods.map(p => p.metadata?.name)).toEqual(['bom']);
		const stdin = await loadStdinSource(Readable.from([Buffer.from('kind: Pod\n'), Buffer.from('metadata: {name: piped}\n')]));
		expect(stdin.getSnapshot().objects.pods.map(p => p.metadata?.name)).toEqual(['piped']);
		await expect(loadStdinSource(Readable.from([Buffer.from('a: [')]))).rejects.toThrow(/^--file -: not valid YAML or JSON \(line 2, column 1: /);
	});

	it('--file with an empty path is an error, not the cluster', async () => {
		await expect(openSource({file: '', allNamespaces: false})).rejects.toThrow(new UserError('--file needs a path (or - for standard input)'));
	});
});
