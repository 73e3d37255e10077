// Builds dist/rollouts-tui.mjs: the whole CLI and its dependencies in one
// tree-shaken ESM file that runs on Node >= 20 without node_modules, so it
// starts without resolving and loading hundreds of package files, and can be
// copied alone to a machine without npm. `npm run build` runs this after tsc
// has typechecked the sources.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

// Packages replaced by a few lines, because the code that needs them never runs here.
const STUBS = {
	// Ink loads its React devtools bridge (react-devtools-core, ws) only when
	// DEV=true. The stub fails the way a missing package does, so Ink prints its own hint.
	'ink/build/devtools.js': "throw Object.assign(new Error('React devtools are not bundled'), {code: 'ERR_MODULE_NOT_FOUND'});",
	// node-fetch (client-node's HTTP) falls back to it only when Node has no
	// URL class; Node >= 10 has one. Saves ~280 KB of Unicode tables (tr46).
	'whatwg-url': 'module.exports = {URL: globalThis.URL};',
};
const stubs = {
	name: 'stubs',
	setup(build) {
		build.onResolve({filter: /^whatwg-url$|^\.\/devtools\.js$/}, async ({path: request, resolveDir, kind, importer, pluginData}) => {
			if (pluginData === 'stubs') return undefined; // our own lookup below
			const resolved = await build.resolve(request, {resolveDir, kind, importer, pluginData: 'stubs'});
			const name = Object.keys(STUBS).find((key) => resolved.path.replaceAll('\\', '/').includes(`/node_modules/${key}`));
			return name ? {path: name, namespace: 'stub'} : undefined;
		});
		build.onLoad({filter: /.*/, namespace: 'stub'}, ({path: name}) => ({contents: STUBS[name], loader: 'js'}));
	},
};

// For looking inside: --metafile prints what takes the space, --readable
// --outfile=/tmp/x.mjs writes an unminified copy elsewhere (for --cpu-prof).
const option = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
// client-node's config.js (KubeConfig) takes two names from its generated
// API's index, and that index re-exports ~800 model classes, which would all
// be initialised for every run. Point that one import at the two modules that
// define the names; the build fails if config.js ever wants more.
const GENERATED_NAMES = {createConfiguration: 'configuration.js', ServerConfiguration: 'servers.js'};
const narrowKubeConfigImports = {
	name: 'narrow-kubeconfig-imports',
	setup(build) {
		build.onResolve({filter: /^\.\/gen\/index\.js$/}, ({importer, resolveDir}) => {
			if (!importer.replaceAll('\\', '/').endsWith('/@kubernetes/client-node/dist/config.js')) return undefined;
			const source = fs.readFileSync(importer, 'utf8');
			const names = /import\s*\{([^}]*)\}\s*from\s*'\.\/gen\/index\.js'/.exec(source)?.[1].split(',').map((n) => n.trim()).filter(Boolean);
			const expected = Object.keys(GENERATED_NAMES);
			if (!names || names.sort().join() !== [...expected].sort().join()) {
				return {errors: [{text: `client-node config.js imports {${names}} from ./gen/index.js; scripts/bundle.mjs knows only {${expected}}`}]};
			}
			return {path: path.join(resolveDir, 'gen', 'index.js'), namespace: 'kubeconfig-gen', pluginData: resolveDir};
		});
		build.onLoad({filter: /.*/, namespace: 'kubeconfig-gen'}, ({pluginData: resolveDir}) => ({
			contents: Object.entries(GENERATED_NAMES).map(([name, file]) => `export {${name}} from './gen/${file}';`).join('\n'),
			resolveDir,
			loader: 'js',
		}));
	},
};

const metafile = process.argv.includes('--metafile');
const readable = process.argv.includes('--readable');
const outfile = path.resolve(option('outfile') ?? path.join(root, 'dist', 'rollouts-tui.mjs'));
// Old per-file tsc output would otherwise linger next to the bundle.
if (!option('outfile')) fs.rmSync(path.join(root, 'dist'), {recursive: true, force: true});
const result = await esbuild.build({
	entryPoints: [path.join(root, 'source', 'cli.ts')],
	outfile,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	minify: !readable,
	treeShaking: true,
	legalComments: 'none',
	metafile,
	logLevel: 'warning',
	tsconfig: path.join(root, 'tsconfig.json'),
	plugins: [stubs, narrowKubeConfigImports],
	define: {
		// React, scheduler and friends keep only their production builds.
		'process.env.NODE_ENV': '"production"',
		// source/usage.ts reads these instead of a package.json on disk.
		BUNDLED_PACKAGE: JSON.stringify({name: pkg.name, version: pkg.version, description: pkg.description}),
	},
	// CommonJS dependencies call require() for Node built-ins; give the ESM bundle one.
	banner: {js: "import {createRequire as __createRequire} from 'node:module';const require=__createRequire(import.meta.url);"},
});
fs.chmodSync(outfile, 0o755);
if (metafile) {
	fs.writeFileSync(`${outfile}.meta.json`, JSON.stringify(result.metafile));
	console.log(await esbuild.analyzeMetafile(result.metafile));
}
console.log(`${path.relative(root, outfile)}: ${(fs.statSync(outfile).size / 1024).toFixed(0)} KB`);
