#!/usr/bin/env node
// Entry point. Colour must be decided before Ink (and its chalk) load:
// chalk ignores NO_COLOR but honours FORCE_COLOR=0, so map one to the other,
// then load the real program.
const argv = process.argv.slice(2);
if (argv.includes('--no-color') || (process.env['NO_COLOR'] ?? '') !== '') {
	process.env['FORCE_COLOR'] = '0';
}
// React's development build costs CPU on every render; users run the production one.
process.env['NODE_ENV'] ??= 'production';
const {main} = await import('./main.js');
process.exitCode = await main(argv);
