#!/usr/bin/env node
// The `jucai` command: runs the compiled command line in dist/ (built by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/src/cli/main.js', import.meta.url);

if (!existsSync(fileURLToPath(compiled))) {
  process.stderr.write(
    '居财账簿命令行尚未编译：请在项目目录运行 npm run build\n' +
      'The jucai command is not built yet: run `npm run build` in the project folder.\n',
  );
  process.exitCode = 1;
} else {
  const { main } = await import(compiled.href);
  process.exitCode = await main(process.argv);
}
