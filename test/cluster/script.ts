/** What the command-line scripts (cli.ts, demo.ts) share: progress lines and the exit-code runner. */
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
