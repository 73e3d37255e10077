import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {usageOutput} from '../../source/usage.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string; description: string};

describe('--help and --version (answered before the program loads)', () => {
	it('--version prints the package version', () => {
		expect(usageOutput(['--version'])).toBe(`${pkg.version}\n`);
	});

	it('--help prints the description, usage, options and keys', () => {
		const help = usageOutput(['--help'])!;
		expect(help.startsWith(`\n  ${pkg.description}\n\n  Usage\n`)).toBe(true);
		expect(help).toContain('--kubeconfig PATH');
		expect(help).toContain('Keys (interactive');
	});

	it('only when given alone, as before', () => {
		expect(usageOutput([])).toBeNull();
		expect(usageOutput(['-n', 'shop', '--help'])).toBeNull();
		expect(usageOutput(['--version', 'x'])).toBeNull();
		expect(usageOutput(['promote'])).toBeNull();
	});
});
