import {describe, expect, it} from 'vitest';
import {UserError} from '../../source/errors.js';
import {firstWord, parseFlags} from '../../source/flags.js';

const defaults = {allNamespaces: false, readonly: false, color: true, full: false};

describe('command line -> flags', () => {
	it.each([
		[[], {}, []],
		[['-n', 'shop', 'web'], {namespace: 'shop'}, ['web']],
		[['--namespace=shop'], {namespace: 'shop'}, []],
		[['-A'], {allNamespaces: true}, []],
		[['--all-namespaces'], {allNamespaces: true}, []],
		[['--allNamespaces'], {allNamespaces: true}, []],
		[['-An', 'shop'], {allNamespaces: true, namespace: 'shop'}, []],
		[['--context', 'c', '--kubeconfig', '/k'], {context: 'c', kubeconfig: '/k'}, []],
		[['-f', 'a.yaml', '-o', 'json'], {file: 'a.yaml', output: 'json'}, []],
		[['--file=a.yaml', '--output=text'], {file: 'a.yaml', output: 'text'}, []],
		[['--readonly'], {readonly: true}, []],
		[['--no-color'], {color: false}, []],
		[['--no-color', '--color'], {color: true}, []],
		[['--color', '--no-color'], {color: false}, []],
		[['promote', 'web', '--full'], {full: true}, ['promote', 'web']],
		[['undo', 'web', '--to-revision', '3'], {toRevision: 3}, ['undo', 'web']],
		[['undo', 'web', '--toRevision=4'], {toRevision: 4}, ['undo', 'web']],
		[['-n', 'a', '-n', 'b'], {namespace: 'b'}, []],
		[['web', '--', '-n'], {}, ['web', '-n']],
	])('%j', (argv, flags, input) => {
		expect(parseFlags(argv)).toEqual({flags: {...defaults, ...flags}, input});
	});

	it.each([
		[['--bogus'], 'unknown flag --bogus (see --help)'],
		[['-x', 'web'], 'unknown flag -x (see --help)'],
		[['-o'], '--output needs a value (see --help)'],
		[['--kubeconfig'], '--kubeconfig needs a value (see --help)'],
		[['--readonly=yes'], '--readonly takes no value (see --help)'],
		[['--to-revision', 'abc'], '--to-revision must be a revision number, not "abc"'],
	])('%j is a one-line usage error (exit 2)', (argv, message) => {
		let thrown: unknown;
		try {
			parseFlags(argv);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(UserError);
		expect((thrown as UserError).message).toBe(message);
		expect((thrown as UserError).exitCode).toBe(2);
	});
});

describe('the first word, before the strict parse', () => {
	it.each([
		[['probe', 'web', '--count', '3'], 'probe'],
		[['-n', 'shop', 'probe', 'web', '--service', 'preview'], 'probe'],
		[['--kubeconfig=/k', 'promote', 'web'], 'promote'],
		[['-A'], undefined],
	])('%j', (argv, word) => {
		expect(firstWord(argv)).toBe(word);
	});
});

describe('--file - (stdin)', () => {
	it.each([[['--file', '-']], [['-f', '-']], [['--file=-']]])('%j keeps "-" as the value of --file', (argv) => {
		expect(parseFlags(argv)).toEqual({flags: {...defaults, file: '-'}, input: []});
	});
});
