/** What the command-line scripts (cli.ts, demo.ts) share: progress lines and the exit-code runner. */
import * as k8s from '@kubernetes/client-node';
import {ClusterError} from './util.js';

/** A logger to stderr that prefixes the seconds since it was made, right-aligned in `width` characters. */
export function elapsedLogger(width: number): (message: string) => void {
	const t0 = Date.now();
	return (message: string) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(width)}s] ${message}\n`);
}

/** Runs `main` with the first command-line argument and exits with its code; a ClusterError prints only its message. */
export function runMain(main: (command: string | undefined) => Promise<number>): void {
	main(process.argv[2]).then(
		(code) => process.exit(code),
		(error: unknown) => {
			console.error(error instanceof ClusterError ? error.message : error);
			process.exit(1);
		},
	);
}

/** Creates a demo object, saying whether it was created or already there (a demo can be run again). */
export async function createIfMissing(what: string, create: () => Promise<unknown>, say: (message: string) => void): Promise<void> {
	try {
		await create();
		say(`created ${what}`);
	} catch (error) {
		if (error instanceof k8s.ApiException && error.code === 409) say(`${what} already exists`);
		else throw error;
	}
}
