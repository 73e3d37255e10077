#!/usr/bin/env node
// Entry point. --help and --version need nothing else. Colour must be
// decided before Ink (and its chalk) load: chalk ignores NO_COLOR but honours
// FORCE_COLOR=0, so map one to the other, then load the real program.
// (React's production build is chosen at bundle time, scripts/bundle.mjs.)
import {usageOutput} from './usage.js';

// `rollouts-tui -o json | head`: a reader that stops early is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(0);
	throw error;
});

const argv = process.argv.slice(2);
const usage = usageOutput(argv);
if (usage === null) {
	if (argv.includes('--no-color') || (process.env['NO_COLOR'] ?? '') !== '') {
		process.env['FORCE_COLOR'] = '0';
	}
	const {main} = await import('./main.js');
	process.exitCode = await main(argv);
} else {
	process.stdout.write(usage);
}
